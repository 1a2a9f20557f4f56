import CNcurses
import LiuliangRender

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

public enum TerminalError: Error, Equatable {
  /// Standard input or output is not a terminal.
  case notInteractive
  /// curses could not start.
  case cannotStart
  /// $TERM (given here, empty when unset) is unknown to terminfo or cannot move the cursor.
  case cannotAddress(term: String)
}

/// How wide the terminal draws East Asian "Ambiguous" characters (box drawing, `·`, `…`).
public enum AmbiguousWidth: String, Sendable, CaseIterable {
  case narrow, wide
  /// Ask the terminal at start-up.
  case auto
}

/// The full-screen terminal: draws buffers, reads keys, and always gives the terminal back.
public final class Terminal {
  private var previous: Buffer?
  // Rows where graphemes were placed past curses on the last draw.
  private var placedRows = Set<Int>()
  private(set) var running = false
  private let attributes: [Role: (attr: UInt32, pair: Int32)]
  public let colors: Bool

  /// True when both standard input and standard output are terminals.
  public static func isInteractive() -> Bool {
    isatty(0) == 1 && isatty(1) == 1
  }

  /// False when the NO_COLOR convention asks for no colour (the variable set and not empty).
  public static func colorsAllowed() -> Bool {
    guard let v = getenv("NO_COLOR") else { return true }
    return v.pointee == 0
  }

  /// Takes over the screen. `colors` false (for NO_COLOR, say) or a terminal without colours
  /// gives a monochrome mapping where every role still looks different enough.
  /// `raw` true delivers Ctrl-C, Ctrl-Z and Ctrl-S as keys instead of signals or flow control.
  /// `ambiguous` `.auto` asks the terminal (see `startAmbiguousProbe`); the answer is in
  /// `ambiguousWide`.
  public init(colors: Bool, raw: Bool = true, ambiguous: AmbiguousWidth = .auto) throws {
    guard Terminal.isInteractive() else { throw TerminalError.notInteractive }
    _ = ll_setup_locale()
    // curses starts on a terminal it cannot address (TERM=dumb) and draws a status line only.
    if ll_term_can_address() != 1 {
      throw TerminalError.cannotAddress(term: getenv("TERM").map { String(cString: $0) } ?? "")
    }
    switch ambiguous {
    case .narrow: ambiguousWide = false
    case .wide: ambiguousWide = true
    case .auto:
      let answer =
        ll_probe_pending() == 1 ? ll_probe_result() : ll_probe_ambiguous(Int32(Terminal.probeWaitMs))
      ambiguousWide = answer == 2
      lateAnswer = answer == 0
    }
    ll_install_exit_handlers()
    if ll_start(raw ? 1 : 0) != 0 { throw TerminalError.cannotStart }
    running = true
    let useColors = colors && ll_start_colors() == 1
    self.colors = useColors
    attributes = useColors ? Terminal.colorTable() : Terminal.monochromeTable()
  }

  deinit { stop() }

  /// True when the terminal draws East Asian "Ambiguous" characters two cells wide.
  public let ambiguousWide: Bool
  // The probe had no answer in time: one may still come, and must not be read as keys.
  var lateAnswer = false
  var pending: [Key] = []
  /// The left button is down: a release without it means curses kept only the last of a press
  /// and release that arrived together (a busy machine), and the click is given back whole.
  var buttonDown = false

  /// How long a terminal has to answer the probe. A local terminal answers in a few ms; the
  /// demo's first frame comes about 60 ms after the request on a terminal that does not, so
  /// 120 ms keeps that start-up under 200 ms; an answer later than this is dropped (see
  /// `readKey`) and `--ambiguous` is there for a slow link to a CJK-width terminal.
  public static let probeWaitMs = 120

  /// Asks the terminal where its cursor went after one ambiguous character, as vim's `t_u7`
  /// does; a terminal that does not answer within `timeoutMs` counts as narrow, the common
  /// case. Sent now, before curses starts, on the ordinary screen, so the answer travels while
  /// the store loads; `init` with `.auto` reads it (or asks then) and erases the probe.
  /// Nothing is sent to a terminal that cannot take it.
  public static func startAmbiguousProbe(timeoutMs: Int = probeWaitMs) {
    guard isInteractive(), ll_term_can_address() == 1 else { return }
    ll_probe_start(Int32(timeoutMs))
  }

  private static let bold = ll_attr_bold()
  private static let reverse = ll_attr_reverse()
  private static let underline = ll_attr_underline()
  private static let dim = ll_attr_dim()

  // Colour pair n + 1 belongs to role n; the background stays the terminal's own (-1).
  private static func colorTable() -> [Role: (attr: UInt32, pair: Int32)] {
    var table: [Role: (attr: UInt32, pair: Int32)] = [:]
    for (i, role) in Role.allCases.enumerated() {
      let pair = Int32(i + 1)
      var fg = ll_color_default()
      var attr: UInt32 = 0
      switch role {
      case .normal: break
      case .title: attr = bold
      case .accent: fg = ll_color_cyan()
      case .good: fg = ll_color_green()
      case .warn: fg = ll_color_yellow()
      case .bad: fg = ll_color_red()
      case .dim: attr = dim
      case .selection: attr = reverse
      case .header: attr = bold | underline
      case .status: attr = reverse
      }
      init_pair(Int16(pair), fg, ll_color_default())
      table[role] = (attr, pair)
    }
    return table
  }

  private static func monochromeTable() -> [Role: (attr: UInt32, pair: Int32)] {
    var table: [Role: (attr: UInt32, pair: Int32)] = [:]
    for role in Role.allCases {
      let m = role.monochrome
      var attr: UInt32 = 0
      if m.bold { attr |= bold }
      if m.underline { attr |= underline }
      if m.reverse { attr |= reverse }
      if m.dim { attr |= dim }
      table[role] = (attr, 0)
    }
    return table
  }

  private func attributes(of style: Style) -> (attr: UInt32, pair: Int32) {
    var (attr, pair) = attributes[style.role] ?? (0, 0)
    if style.bold { attr |= Terminal.bold }
    if style.reverse { attr |= Terminal.reverse }
    if style.underline { attr |= Terminal.underline }
    if style.dim { attr |= Terminal.dim }
    return (attr, pair)
  }

  /// The screen size in cells.
  public var size: (width: Int, height: Int) {
    (Int(ll_cols()), Int(ll_lines()))
  }

  /// Writes what changed since the previous frame, then places (or hides) the cursor.
  ///
  /// Curses measures each scalar with the C library's wcwidth, and terminals disagree about
  /// emoji sequences and ambiguous characters, so no single width is right for those. Curses
  /// gets blanks in their cells; after its refresh they are written at their own position, and
  /// the rest of their row after each one, so every later cell lands where it belongs however
  /// wide the terminal drew the grapheme. A changed row holding one is repainted whole.
  public func draw(_ buffer: Buffer, cursor: (x: Int, y: Int)?) {
    guard running else { return }
    let changes = buffer.changes(since: previous)
    // Changed rows drawn whole, and whether each holds graphemes to place.
    var whole: [Int: Bool] = [:]
    var seen = Set<Int>()
    for change in changes where seen.insert(change.y).inserted {
      let places = Terminal.rowPlaces(buffer, y: change.y)
      if places || placedRows.contains(change.y) { whole[change.y] = places }
    }
    for change in changes where whole[change.y] == nil { write(change) }
    for y in whole.keys.sorted() {
      write(Change(x: 0, y: y, cells: Terminal.row(buffer, y)))
      ll_redraw_line(Int32(y))
    }
    previous = buffer
    if let c = cursor, c.x >= 0, c.y >= 0, c.x < buffer.width, c.y < buffer.height {
      ll_cursor(1, Int32(c.y), Int32(c.x))
    } else {
      ll_cursor(0, 0, 0)
    }
    ll_refresh()
    var placing = false
    for (y, places) in whole.sorted(by: { $0.key < $1.key }) {
      if places {
        place(Terminal.row(buffer, y), y: y, lastRow: y == buffer.height - 1)
        placedRows.insert(y)
        placing = true
      } else {
        placedRows.remove(y)
      }
    }
    if placing { ll_place_end() }
  }

  private static func row(_ buffer: Buffer, _ y: Int) -> [Cell] {
    (0..<buffer.width).map { buffer[$0, y] }
  }

  private static func rowPlaces(_ buffer: Buffer, y: Int) -> Bool {
    for x in 0..<buffer.width {
      let t = buffer[x, y].text
      if let a = t.utf8.first, a >= 0x80, needsPlacing(t) { return true }
    }
    return false
  }

  // True for a grapheme whose width this program and curses or the terminal may see
  // differently (see `CellWidth.isUncertain`), or one curses cannot measure at all.
  static func needsPlacing(_ grapheme: String) -> Bool {
    guard let c = grapheme.first else { return false }
    if c.asciiValue != nil { return false }
    if CellWidth.isUncertain(c) { return true }
    var sum = 0
    for s in grapheme.unicodeScalars {
      let w = Int(ll_wcwidth(s.value))
      if w < 0 { return true }
      sum += w
    }
    return sum != CellWidth.of(c)
  }

  // Writes a run in as few calls as possible: consecutive cells of one style go together.
  // A grapheme to be placed later leaves blanks in its cells.
  private func write(_ change: Change) {
    var text = ""
    var startX = change.x
    var x = change.x
    var style: Style?
    func flush() {
      if !text.isEmpty, let s = style {
        let a = attributes(of: s)
        _ = ll_put(Int32(change.y), Int32(startX), text, a.attr, a.pair)
      }
      text = ""
    }
    for cell in change.cells {
      defer { x += 1 }
      if cell.isContinuation { continue }
      if cell.style != style || text.isEmpty {
        flush()
        style = cell.style
        startX = x
      }
      if let a = cell.text.utf8.first, a < 0x80, cell.text.utf8.count == 1 {
        text += cell.text
      } else if Terminal.needsPlacing(cell.text) {
        text += String(repeating: " ", count: max(1, CellWidth.of(cell.text)))
      } else {
        text += cell.text
      }
    }
    flush()
  }

  // Writes, past curses, each grapheme of `cells` that needs placing at its own column, and
  // after each the rest of the row up to the next, starting at the column where it belongs.
  // The bottom-right cell is left alone: writing it scrolls some terminals.
  private func place(_ cells: [Cell], y: Int, lastRow: Bool) {
    let limit = lastRow ? cells.count - 1 : cells.count
    var run = ""
    var runX = 0
    var runStyle: Style?
    var after = false
    func flush() {
      if !run.isEmpty, let s = runStyle {
        let a = attributes(of: s)
        ll_place_text(Int32(y), Int32(runX), run, a.attr, a.pair)
      }
      run = ""
    }
    var x = 0
    while x < cells.count {
      let cell = cells[x]
      if cell.isContinuation {
        x += 1
        continue
      }
      let w = max(1, CellWidth.of(cell.text))
      if x + w > limit { break }
      if Terminal.needsPlacing(cell.text) {
        flush()
        let a = attributes(of: cell.style)
        ll_place_text(Int32(y), Int32(x), cell.text, a.attr, a.pair)
        after = true
        runStyle = nil
      } else if after {
        if cell.style != runStyle || run.isEmpty {
          flush()
          runStyle = cell.style
          runX = x
        }
        run += cell.text
      }
      x += w
    }
    flush()
  }

  /// Repaints the whole screen on the next draw (Ctrl-L, after a resize).
  public func forceRedraw() {
    guard running else { return }
    previous = nil
    placedRows.removeAll()
    ll_force_clear()
  }

  /// Gives the terminal back (cursor shown, modes restored). Safe to call more than once.
  public func stop() {
    guard running else { return }
    running = false
    ll_stop()
  }

  /// Stops the process as the shell's Ctrl-Z does and, once `fg` continues it, takes the
  /// screen again: the next draw repaints it whole.
  public func suspend() {
    guard running else { return }
    running = false
    ll_suspend()
    resume()
  }

  /// Asks the terminal for mouse reports (clicks and the wheel); a terminal without them
  /// simply sends none.
  public func enableMouse() {
    guard running else { return }
    mouseOn = true
    _ = ll_mouse_enable()
  }

  // Asked for once; taken again with the screen after a suspend.
  private var mouseOn = false

  /// Takes the screen again after `stop`, for example after running another program.
  public func resume() {
    guard !running else { return }
    if ll_start(1) == 0 {
      running = true
      if mouseOn { _ = ll_mouse_enable() }
      forceRedraw()
    }
  }
}
