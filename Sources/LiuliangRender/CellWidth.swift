/// Terminal cell widths of scalars, graphemes and strings.
///
/// The table follows what common terminals (and ncurses' `wcwidth`) do for the scripts this
/// product shows: Chinese, Japanese, Korean, full-width punctuation and the usual emoji blocks.
public enum CellWidth {
  // Sorted, non-overlapping, inclusive ranges of scalars that take two cells.
  private static let wide: [(lo: UInt32, hi: UInt32)] = [
    (0x1100, 0x115F), (0x2E80, 0x303E), (0x3041, 0x33FF), (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF), (0xA000, 0xA4CF), (0xAC00, 0xD7A3), (0xF900, 0xFAFF),
    (0xFE30, 0xFE4F), (0xFF00, 0xFF60), (0xFFE0, 0xFFE6), (0x1F300, 0x1F64F),
    (0x1F900, 0x1F9FF), (0x20000, 0x3FFFD),
  ]

  private static func isWide(_ v: UInt32) -> Bool {
    if v < wide[0].lo || v > wide[wide.count - 1].hi { return false }
    var lo = 0
    var hi = wide.count - 1
    while lo <= hi {
      let mid = (lo + hi) / 2
      let r = wide[mid]
      if v < r.lo {
        hi = mid - 1
      } else if v > r.hi {
        lo = mid + 1
      } else {
        return true
      }
    }
    return false
  }

  /// Cells taken by one scalar on its own: 0, 1 or 2.
  public static func of(_ scalar: Unicode.Scalar) -> Int {
    let v = scalar.value
    if v < 0x7F { return v >= 0x20 ? 1 : 0 }
    if v < 0xA0 { return 0 }
    // Latin-1 is all single cells except the soft hyphen (a format character).
    if v < 0x300 { return v == 0xAD ? 0 : 1 }
    if isWide(v) { return 2 }
    switch scalar.properties.generalCategory {
    case .nonspacingMark, .enclosingMark, .format, .control:
      return 0
    default:
      return 1
    }
  }

  /// Cells taken by one grapheme: the width of its first visible scalar, so combining marks and
  /// joiners add nothing; an emoji presentation selector (U+FE0F) turns a narrow symbol wide.
  public static func of(_ c: Character) -> Int {
    if let a = c.asciiValue { return a >= 0x20 && a != 0x7F ? 1 : 0 }
    var base = 0
    var emoji = false
    for s in c.unicodeScalars {
      if base == 0 { base = of(s) }
      if s.value == 0xFE0F { emoji = true }
    }
    return emoji && base == 1 ? 2 : base
  }

  /// Cells taken by a whole string, grapheme by grapheme.
  public static func of(_ s: String) -> Int {
    var ascii = true
    var n = 0
    for b in s.utf8 {
      if b >= 0x80 {
        ascii = false
        break
      }
      if b >= 0x20 && b != 0x7F { n += 1 }
    }
    if ascii { return n }
    n = 0
    for c in s { n += of(c) }
    return n
  }
}

/// Horizontal placement of text inside a wider space.
public enum Align: Sendable, Equatable, Hashable {
  case left, right, center
}

/// The ellipsis that marks cut text; one cell wide.
public let ellipsis: Character = "…"

/// Cuts `s` to at most `width` cells. When it has to cut, the result ends with "…".
///
/// A wide character is never split: when the last whole grapheme would cross the limit it is
/// dropped, so a cut result may be one cell narrower than `width` (for example 张伟明 cut to
/// 4 cells gives 张… in 3 cells). `pad` fills such a gap with a space.
public func fit(_ s: String, width: Int) -> String {
  if width <= 0 { return "" }
  if CellWidth.of(s) <= width { return s }
  let room = width - 1
  var used = 0
  var out = ""
  for c in s {
    let w = CellWidth.of(c)
    if used + w > room { break }
    used += w
    out.append(c)
  }
  out.append(ellipsis)
  return out
}

/// Fits `s` into `width` cells and pads it with spaces to exactly `width` cells.
public func pad(_ s: String, width: Int, align: Align = .left) -> String {
  if width <= 0 { return "" }
  let f = fit(s, width: width)
  let gap = width - CellWidth.of(f)
  if gap <= 0 { return f }
  switch align {
  case .left:
    return f + String(repeating: " ", count: gap)
  case .right:
    return String(repeating: " ", count: gap) + f
  case .center:
    let before = gap / 2
    return String(repeating: " ", count: before) + f + String(repeating: " ", count: gap - before)
  }
}

/// Splits `s` into lines of at most `width` cells. Explicit newlines always break; a line that
/// is too long breaks after its last space when it has one, otherwise between graphemes (so
/// Chinese text, which has no spaces, wraps anywhere). A wide character is never split.
public func wrap(_ s: String, width: Int) -> [String] {
  let chars = Array(s)
  return TextLines.wrap(chars, width: width).map { String(chars[$0.start..<$0.end]) }
}

/// Visual lines of a grapheme array, as index ranges; shared by `wrap` and `TextArea`.
enum TextLines {
  struct Line: Equatable {
    var start: Int
    var end: Int
    // True when the line ends because of the width, not a newline (or the end of the text).
    var soft: Bool
  }

  static func wrap(_ chars: [Character], width: Int) -> [Line] {
    let width = max(1, width)
    var lines: [Line] = []
    var start = 0
    var used = 0
    var lastSpace = -1
    var i = 0
    while i < chars.count {
      let c = chars[i]
      if c == "\n" || c == "\r\n" {
        lines.append(Line(start: start, end: i, soft: false))
        i += 1
        start = i
        used = 0
        lastSpace = -1
        continue
      }
      let w = CellWidth.of(c)
      if used + w > width && i > start {
        // Break after the last space of the line when that keeps a word whole.
        let end = lastSpace >= start && lastSpace + 1 < i ? lastSpace + 1 : i
        lines.append(Line(start: start, end: end, soft: true))
        start = end
        used = 0
        lastSpace = -1
        for j in start..<i {
          used += CellWidth.of(chars[j])
          if chars[j] == " " { lastSpace = j }
        }
        continue
      }
      used += w
      if c == " " { lastSpace = i }
      i += 1
    }
    lines.append(Line(start: start, end: chars.count, soft: false))
    return lines
  }
}
