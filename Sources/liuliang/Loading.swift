import Dispatch
import LiuliangApp
import LiuliangCLI
import LiuliangModel
import LiuliangRender
import LiuliangReport
import LiuliangStore
import LiuliangTerminal
import LiuliangText

/// What the loading thread tells the screen: the files begun and read, then the figures, then
/// the dashboard made (or why none could be).
private final class LoadingBox: @unchecked Sendable {
  /// One queue at a time touches the fields: the loading thread's notes, the screen's reads.
  private let queue = DispatchQueue(label: "liuliang.loading")
  private var steps: [LoadStep] = []
  private var computing = false
  private var outcome: Result<Dashboard, CLIError>?
  /// Signalled once the outcome is in.
  let finished = DispatchSemaphore(value: 0)

  func note(_ s: LoadStep) { queue.sync { steps.append(s) } }
  func computingFigures() { queue.sync { computing = true } }
  func finish(_ r: Result<Dashboard, CLIError>) {
    queue.sync { outcome = r }
    finished.signal()
  }

  /// The steps since the last call, whether the figures are under way, and the outcome.
  func take() -> ([LoadStep], Bool, Result<Dashboard, CLIError>?) {
    queue.sync {
      defer { steps = [] }
      return (steps, computing, outcome)
    }
  }
}

extension Dashboard {
  static let quickLoadMs = 40

  /// The dashboard on a store folder: the terminal starts at once and shows a bar per file
  /// while another thread reads the store and works out the figures, so the first frame does
  /// not wait for a million customers. Meanwhile `q` quits (nothing is written before the store
  /// is loaded; the lock goes with the process) and 1–5 or Tab choose the pane to open.
  static func start(_ folder: String, today: Day, maskPhones: Bool, ambiguous: AmbiguousWidth, mouse: Bool)
    throws
  {
    let terminal = try Dashboard.terminal(ambiguous)
    defer { terminal.stop() }
    // The loading screen's bars and dashes are measured as this terminal draws them.
    Glyphs.useAmbiguousWide(terminal.ambiguousWide)
    let text = cliText
    let box = LoadingBox()
    DispatchQueue.global().async {
      do throws(StoreError) {
        let s = try Store(folder: folder, mode: .readWrite, progress: { box.note($0) })
        box.computingFigures()
        box.finish(.success(Dashboard(store: s, today: today, maskPhones: maskPhones)))
      } catch {
        box.finish(.failure(CLIError(Wording(text).error(error))))
      }
    }
    // A store that loads in a blink (the demo) opens straight on the dashboard, without a
    // flash of the loading screen.
    _ = box.finished.wait(timeout: .now() + .milliseconds(Self.quickLoadMs))
    var loading = Loading()
    var first = true
    while true {
      let (steps, computing, outcome) = box.take()
      for s in steps { loading.note(s) }
      loading.computing = computing
      if let outcome {
        var d = try outcome.get()
        d.ambiguous = ambiguous
        d.mouse = mouse && d.store.dataset.shop.mouse
        if loading.pane != d.state.pane {
          _ = update(&d.state, .key(.char(Character("\(loading.pane.rawValue)"))))
        }
        try d.run(on: terminal, firstFrame: first)
        return
      }
      let size = terminal.size
      var buf = Buffer(width: size.width, height: size.height)
      drawLoading(loading, text: text, into: &buf)
      terminal.draw(buf, cursor: nil)
      if first {
        first = false
        logFirstFrame()
      }
      if let key = terminal.readKey(timeoutMs: 40), loading.key(key) { return }
    }
  }
}
