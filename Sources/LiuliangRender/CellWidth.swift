/// Terminal cell widths of scalars, graphemes and strings.
///
/// The scalar table (WidthTable.swift, made by scripts/gen-width-table) is East Asian Width
/// with emoji presentation; graphemes follow what current terminals draw for emoji sequences.
/// The command line's text output measures with the same functions, so its columns line up
/// exactly as the dashboard's do.
public enum CellWidth {
  /// True on a terminal that draws East Asian "Ambiguous" characters (box drawing, `·`, `…`,
  /// `→`, `“”`) two cells wide. Set once at start-up, before anything is measured, and never
  /// changed while drawing: measuring is a pure function of the text otherwise.
  nonisolated(unsafe) public static var ambiguousWide = false

  static func contains(_ table: [UInt32], _ v: UInt32) -> Bool {
    if table.isEmpty || v < table[0] || v > table[table.count - 1] { return false }
    var lo = 0
    var hi = table.count / 2 - 1
    while lo <= hi {
      let mid = (lo + hi) / 2
      if v < table[2 * mid] {
        hi = mid - 1
      } else if v > table[2 * mid + 1] {
        lo = mid + 1
      } else {
        return true
      }
    }
    return false
  }

  /// True for a scalar of East Asian Width "Ambiguous": one cell or two, by terminal.
  public static func isAmbiguous(_ scalar: Unicode.Scalar) -> Bool {
    contains(WidthTable.ambiguous, scalar.value)
  }

  /// Cells taken by one scalar on its own: 0, 1 or 2.
  public static func of(_ scalar: Unicode.Scalar) -> Int {
    let v = scalar.value
    if v < 0x7F { return v >= 0x20 ? 1 : 0 }
    if v < 0xA0 { return 0 }
    if v < 0x300 {
      // Latin-1 and friends: single cells except the soft hyphen (a format character).
      if v == 0xAD { return 0 }
      return ambiguousWide && contains(WidthTable.ambiguous, v) ? 2 : 1
    }
    if contains(WidthTable.wide, v) { return 2 }
    if contains(WidthTable.zero, v) { return 0 }
    if v >= 0xD800 && v <= 0xDFFF { return 0 }
    if ambiguousWide && contains(WidthTable.ambiguous, v) { return 2 }
    return 1
  }

  static func isRegionalIndicator(_ v: UInt32) -> Bool { v >= 0x1F1E6 && v <= 0x1F1FF }

  /// Cells taken by one grapheme, as terminals that know emoji sequences draw it: the width of
  /// its first visible scalar, so combining marks, skin-tone modifiers and the members of a
  /// ZWJ sequence after the first add nothing; a flag (two regional indicators) is one wide
  /// symbol; an emoji presentation selector (U+FE0F) turns a narrow symbol wide.
  public static func of(_ c: Character) -> Int {
    if let a = c.asciiValue { return a >= 0x20 && a != 0x7F ? 1 : 0 }
    var base = 0
    var selector = false
    var joined = false
    var wideMember = false
    for s in c.unicodeScalars {
      let w = of(s)
      if base == 0 { base = w }
      if s.value == 0xFE0F { selector = true }
      if s.value == 0x200D { joined = true }
      if w == 2 { wideMember = true }
    }
    // A ZWJ sequence with an emoji in it is one emoji even when its first member is a text
    // symbol written without VS16 (🏳‍🌈).
    if base == 1 && (selector || (joined && wideMember)) { return 2 }
    return base
  }

  /// True when terminals disagree on how many cells `c` takes, or when it holds more than one
  /// visible scalar: an emoji sequence (VS16, ZWJ, skin tone, flag, keycap), or an ambiguous
  /// character counted two cells wide. A terminal writer places such a grapheme by absolute
  /// position, so the cells after it are right whatever width the terminal gave it.
  public static func isUncertain(_ c: Character) -> Bool {
    if c.asciiValue != nil { return false }
    var visible = 0
    for s in c.unicodeScalars {
      let v = s.value
      if v == 0xFE0F || v == 0x200D || (v >= 0x1F3FB && v <= 0x1F3FF) || v == 0x20E3
        || isRegionalIndicator(v) || (ambiguousWide && isAmbiguous(s))
      {
        return true
      }
      if of(s) > 0 { visible += 1 }
    }
    return visible > 1
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

/// The ellipsis that marks cut text; one cell wide (see `Glyphs`).
public var ellipsis: Character { Glyphs.current.ellipsis }

/// Cuts `s` to at most `width` cells. When it has to cut, the result ends with "…".
///
/// A wide character is never split: when the last whole grapheme would cross the limit it is
/// dropped, so a cut result may be one cell narrower than `width` (for example 张伟明 cut to
/// 4 cells gives 张… in 3 cells). `pad` fills such a gap with a space.
public func fit(_ s: String, width: Int) -> String {
  if width <= 0 { return "" }
  if CellWidth.of(s) <= width { return s }
  let room = width - CellWidth.of(ellipsis)
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
/// Chinese text, which has no spaces, wraps anywhere), but never so that a line starts with a
/// closing mark such as 。，、. A wide character is never split.
public func wrap(_ s: String, width: Int) -> [String] {
  let chars = Array(s)
  let lines = TextLines.wrap(chars, width: width)
  return lines.enumerated().map { k, l in
    // A line the width ended on a space: the next starts at the word, not the space.
    let skip = k > 0 && lines[k - 1].soft && l.start < l.end && chars[l.start] == " " ? 1 : 0
    return String(chars[l.start + skip..<l.end])
  }
}

/// Visual lines of a grapheme array, as index ranges; shared by `wrap` and `TextArea`.
enum TextLines {
  /// Punctuation that closes what comes before it, Chinese and Western.
  static let noLineStart: Set<Character> = [
    "。", "，", "、", "；", "：", "？", "！", "）", "」", "』", "》", "〉", "】", "…", "·", ".", ",", ";", ":", "?", "!",
    ")", "％", "%",
  ]

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
    // The last place the line may end: after a space, or after a wide (Chinese) character,
    // since Chinese breaks between any two characters and a Latin word only at its spaces.
    var lastBreak = -1
    var i = 0
    while i < chars.count {
      let c = chars[i]
      if c == "\n" || c == "\r\n" {
        lines.append(Line(start: start, end: i, soft: false))
        i += 1
        start = i
        used = 0
        lastBreak = -1
        continue
      }
      let w = CellWidth.of(c)
      if used + w > width && i > start {
        // Break at the last place that keeps a word whole.
        var end = lastBreak > start && lastBreak < i ? lastBreak : i
        // A closing mark never starts a line: the character before it goes down with it, as
        // Chinese typesetting does (a line of nothing but such marks keeps them).
        if (start..<end).contains(where: { !Self.noLineStart.contains(chars[$0]) }) {
          while end - 1 > start && end < chars.count && Self.noLineStart.contains(chars[end]) { end -= 1 }
        }
        lines.append(Line(start: start, end: end, soft: true))
        start = end
        used = 0
        lastBreak = -1
        for j in start..<i {
          let wj = CellWidth.of(chars[j])
          used += wj
          if chars[j] == " " || wj > 1 { lastBreak = j + 1 }
        }
        continue
      }
      used += w
      if c == " " || w > 1 { lastBreak = i + 1 }
      i += 1
    }
    lines.append(Line(start: start, end: chars.count, soft: false))
    return lines
  }
}
