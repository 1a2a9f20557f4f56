/// Characters a terminal obeys instead of showing, and how text leaving the program shows them.
///
/// A customer's name comes from files nobody checked: ESC starts an escape sequence (window
/// title, OSC 52 clipboard, clear screen, a query the terminal answers into the shell), C1
/// controls do the same in one byte, and the bidirectional controls reorder what follows so a
/// line reads differently from what it holds. The dashboard's buffer drops all of them as
/// graphemes without width (`CellWidth`); text for a terminal shows them instead, so the owner
/// sees that the name holds something.
public enum Visible {
  /// C0 controls, DEL, C1 controls and the bidirectional controls (embeddings, overrides,
  /// isolates and the marks LRM, RLM, ALM).
  public static func isControl(_ v: UInt32) -> Bool {
    if v < 0x20 || (v >= 0x7F && v < 0xA0) { return true }
    return isBidi(v)
  }

  public static func isBidi(_ v: UInt32) -> Bool {
    v == 0x061C || v == 0x200E || v == 0x200F || (0x202A...0x202E).contains(v)
      || (0x2066...0x2069).contains(v)
  }

  /// `s` as a terminal may be given it: C0 controls as their control pictures (ESC as ␛),
  /// DEL as ␡, C1 and bidirectional controls as `\u202E`. `keepingNewlines` leaves line feeds
  /// alone (whole output); a table cell shows them too, so one name stays on one line.
  public static func text(_ s: String, keepingNewlines: Bool = true) -> String {
    guard mayHoldControl(s, keepingNewlines: keepingNewlines),
      s.unicodeScalars.contains(where: { isControl($0.value) && !(keepingNewlines && $0 == "\n") })
    else { return s }
    var out = String.UnicodeScalarView()
    for u in s.unicodeScalars {
      let v = u.value
      if !isControl(v) || (keepingNewlines && v == 0x0A) {
        out.append(u)
      } else if v < 0x20 {
        out.append(Unicode.Scalar(0x2400 + v)!)
      } else if v == 0x7F {
        out.append("\u{2421}")
      } else {
        out.append(contentsOf: escaped(v).unicodeScalars)
      }
    }
    return String(out)
  }

  /// `\u202E`: four upper-case hex digits, the way Unicode charts name a code point.
  public static func escaped(_ v: UInt32) -> String {
    let h = String(v, radix: 16, uppercase: true)
    return "\\u" + String(repeating: "0", count: max(0, 4 - h.count)) + h
  }

  /// True when `s` holds a control that `text` would change.
  public static func holdsControl(_ s: String) -> Bool {
    mayHoldControl(s, keepingNewlines: false) && s.unicodeScalars.contains { isControl($0.value) }
  }

  // A byte scan first, then scalars, before anything is copied: a million-row report is
  // mostly clean, and every control above ASCII starts with one of three lead bytes (C2 for
  // C1, D8 for U+061C, E2 for the U+20xx marks).
  private static func mayHoldControl(_ s: String, keepingNewlines: Bool) -> Bool {
    for b in s.utf8 {
      if b < 0x20 {
        if b != 0x0A || !keepingNewlines { return true }
      } else if b == 0x7F || b == 0xC2 || b == 0xD8 || b == 0xE2 {
        return true
      }
    }
    return false
  }
}
