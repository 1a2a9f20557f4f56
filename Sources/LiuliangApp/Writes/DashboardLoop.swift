import Dispatch
import LiuliangModel
import LiuliangStore

/// The dashboard's loop without the terminal: messages go through `update`, the store writes
/// they ask for go to the store writer in order, and each write's outcome comes back into
/// `update` when it ends, while keys go on being answered. The program's runner feeds it the
/// terminal's keys and does the other effects (redraw, reload, export…); the tests feed it
/// keys and a store whose writes they hold up.
public struct DashboardLoop {
  public var state: AppState
  public let writer: StoreWriter
  /// Makes a big pool's search index and sort orders beside the screen.
  public let indexes: IndexMaker

  public init(state: AppState, store: any RecordStore, indexes: IndexMaker = IndexMaker()) {
    self.state = state
    writer = StoreWriter(store)
    self.indexes = indexes
  }

  /// One message through `update`. Writes go to the writer, behind any still pending, and an
  /// index job to the index maker; the other effects come back, in order, for the runner.
  public mutating func send(_ msg: Msg) -> [Effect] {
    // Indexes already made go in first, so that the key does not make them again.
    takeInIndexes(waitingMs: 0)
    let asked = state.overlay == .confirm(.quitWhileWriting)
    var effects = update(&state, msg)
    writer.submit(effects.filter(\.writes))
    startIndexes(effects)
    state.pendingWrites = writer.pending
    if !asked && state.overlay == .confirm(.quitWhileWriting) && waitBriefly() {
      // The write ended soon enough: quitting goes on as if none had been pending.
      state.overlay = .none
      effects += state.leave(.quit)
    }
    return effects.filter { !$0.writes && !$0.makesIndexes }
  }

  /// A frame is on the screen: a big pool's indexes, when missing, begin beside it.
  public mutating func drawn() { _ = send(.frameDrawn) }

  /// Takes what the index maker made into `update`, waiting at most `ms` for it; true when
  /// something came.
  @discardableResult
  public mutating func takeInIndexes(waitingMs ms: Int) -> Bool {
    let made = indexes.finished(waitingMs: ms)
    for m in made { startIndexes(update(&state, .indexesMade(m))) }
    return !made.isEmpty
  }

  private func startIndexes(_ effects: [Effect]) {
    for case .makeIndexes(let job) in effects { indexes.start(job) }
  }

  /// How long `q` waits for pending writes before it asks: a small store's write (an fsync on
  /// a busy disk) ends well within it, and only a big one's question is worth the owner's time.
  public static let quitWaitMs = 1000

  /// Waits up to `quitWaitMs` for every pending write; true when all ended and none failed.
  private mutating func waitBriefly() -> Bool {
    let deadline = DispatchTime.now() + .milliseconds(Self.quitWaitMs)
    var ok = true
    while writer.pending > 0 {
      let now = DispatchTime.now()
      guard now < deadline else { return false }
      let left = Int((deadline.uptimeNanoseconds - now.uptimeNanoseconds) / 1_000_000)
      if takeIn(writer.finished(waitingMs: max(1, left))) == false { ok = false }
    }
    state.pendingWrites = writer.pending
    if !ok { state.overlay = .none }
    return ok
  }

  /// Takes in the writes that ended, waiting at most `ms` for one: a failure goes into `update`
  /// as the store's answer always did, with the writes behind it. True when one ended.
  @discardableResult
  public mutating func collect(waitingMs ms: Int = 0) -> Bool {
    takeInIndexes(waitingMs: 0)
    return takeIn(writer.finished(waitingMs: ms)) != nil
  }

  /// Waits for every pending write to end and takes in their outcomes: after it nothing is
  /// writing, so the store may be read or written on this thread (a reload, an import's plan,
  /// `:setup`). False when one of them failed.
  @discardableResult
  public mutating func settle() -> Bool {
    var ok = true
    while writer.pending > 0 {
      if takeIn(writer.finished(waitingMs: 1000)) == false { ok = false }
    }
    // Writes that had all ended before the call are taken in too.
    _ = takeIn(writer.finished(waitingMs: 0))
    state.pendingWrites = 0
    return ok
  }

  /// Whether the writes that ended went well; nil when none ended.
  private mutating func takeIn(_ end: StoreWriter.Ended?) -> Bool? {
    guard let end else { return nil }
    if let f = end.failed { state.wrote(f.effect, failed: f.error, later: f.later) }
    state.pendingWrites = writer.pending
    return end.failed == nil
  }

  /// The owner chose to quit once saved, and everything is written.
  public var quitsNow: Bool { state.quitWhenSaved && writer.pending == 0 }

  /// How long the runner may wait for a key: briefly while a write is under way, so that its
  /// outcome shows as soon as it is in.
  public var keyTimeoutMs: Int { writer.pending > 0 ? 20 : 1000 }
}
