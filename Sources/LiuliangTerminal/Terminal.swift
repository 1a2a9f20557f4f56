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
  /// curses could not start (unknown TERM, for example).
  case cannotStart
}

/// The full-screen terminal: draws buffers, reads keys, and always gives the terminal back.
public final class Terminal {
  private var previous: Buffer?
  private var running = false
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
  public init(colors: Bool, raw: Bool = true) throws {
    guard Terminal.isInteractive() else { throw TerminalError.notInteractive }
    _ = ll_setup_locale()
    ll_install_exit_handlers()
    if ll_start(raw ? 1 : 0) != 0 { throw TerminalError.cannotStart }
    running = true
    let useColors = colors && ll_start_colors() == 1
    self.colors = useColors
    attributes = useColors ? Terminal.colorTable() : Terminal.monochromeTable()
  }

  deinit { stop() }

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
  public func draw(_ buffer: Buffer, cursor: (x: Int, y: Int)?) {
    guard running else { return }
    for change in buffer.changes(since: previous) { write(change) }
    previous = buffer
    if let c = cursor, c.x >= 0, c.y >= 0, c.x < buffer.width, c.y < buffer.height {
      ll_cursor(1, Int32(c.y), Int32(c.x))
    } else {
      ll_cursor(0, 0, 0)
    }
    ll_refresh()
  }

  // Writes a run in as few calls as possible: consecutive cells of one style go together,
  // and a grapheme whose width the C library sees differently goes alone at its own cell.
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
        continue
      }
      let ours = CellWidth.of(cell.text)
      let (shown, agrees) = Terminal.terminalText(cell.text, width: ours)
      if agrees {
        text += shown
        continue
      }
      flush()
      startX = x
      text = shown
      flush()
      startX = x + ours
    }
    flush()
  }

  // What to send for one grapheme that takes `width` cells here, and whether curses will
  // advance by the same width. Curses measures scalar by scalar with wcwidth, so an emoji
  // sequence is cut to its first symbol, and what it would draw wider becomes U+FFFD.
  private static func terminalText(_ grapheme: String, width: Int) -> (String, Bool) {
    var sum = 0
    var printable = true
    var base: (scalar: Unicode.Scalar, width: Int)?
    for s in grapheme.unicodeScalars {
      let w = Int(ll_wcwidth(s.value))
      if w < 0 {
        printable = false
      } else {
        sum += w
        if base == nil && w > 0 { base = (s, w) }
      }
    }
    if printable && sum == width { return (grapheme, true) }
    guard let b = base else { return (width == 2 ? "\u{FFFD} " : "\u{FFFD}", true) }
    if b.width == width { return (String(Character(b.scalar)), true) }
    // Narrower for curses: sent alone, the next write repositions after it.
    if b.width < width { return (printable ? grapheme : String(Character(b.scalar)), false) }
    return (width == 2 ? "\u{FFFD} " : "\u{FFFD}", true)
  }

  /// Repaints the whole screen on the next draw (Ctrl-L, after a resize).
  public func forceRedraw() {
    guard running else { return }
    previous = nil
    ll_force_clear()
  }

  /// The next key, waiting at most `timeoutMs` milliseconds (negative waits forever); nil when
  /// none came or the key has no meaning here.
  public func readKey(timeoutMs: Int) -> Key? {
    guard running else { return nil }
    var isCode: Int32 = 0
    var ch: UInt32 = 0
    if ll_get_key(Int32(clamping: timeoutMs), &isCode, &ch) != 0 { return nil }
    if isCode != 0 { return Terminal.functionKey(Int32(bitPattern: ch)) }
    return Terminal.characterKey(ch)
  }

  static func functionKey(_ code: Int32) -> Key? {
    switch code {
    case ll_key_up(): return .up
    case ll_key_down(): return .down
    case ll_key_left(): return .left
    case ll_key_right(): return .right
    case ll_key_npage(): return .pageDown
    case ll_key_ppage(): return .pageUp
    case ll_key_home(): return .home
    case ll_key_end(): return .end
    case ll_key_btab(): return .backTab
    case ll_key_dc(): return .delete
    case ll_key_backspace(): return .backspace
    case ll_key_enter(): return .enter
    case ll_key_resize(): return .resize
    case ll_key_f0() + 1...ll_key_f0() + 63: return .function(Int(code - ll_key_f0()))
    default: return nil
    }
  }

  static func characterKey(_ ch: UInt32) -> Key? {
    switch ch {
    case 13, 10: return .enter
    case 9: return .tab
    case 127, 8: return .backspace
    case 27: return .escape
    case 1...26: return .ctrl(Character(Unicode.Scalar(UInt8(ch) + 0x60)))
    case 0..<32: return nil
    default:
      guard let s = Unicode.Scalar(ch) else { return nil }
      return .char(Character(s))
    }
  }

  /// Gives the terminal back (cursor shown, modes restored). Safe to call more than once.
  public func stop() {
    guard running else { return }
    running = false
    ll_stop()
  }

  /// Takes the screen again after `stop`, for example after running another program.
  public func resume() {
    guard !running else { return }
    if ll_start(1) == 0 {
      running = true
      forceRedraw()
    }
  }
}
