import LiuliangModel
import LiuliangStringFunctions

/// Spreadsheet spellings of the store's values. Each returns the store's own text for a value,
/// "" for an empty cell, or nil when the cell can't mean a value of that kind.
enum Values {
  /// 2025-01-05, 2025/1/5, 2025.1.5, 2025年1月5日, 20250105, `2025-01-05 13:45:00` (the date
  /// part), or a spreadsheet date serial (1900 system: 45658 is 2025-01-01).
  static func day(_ text: String, serialOffset: Int = 0) -> String? {
    let t = text.trimmed
    if t.isEmpty { return "" }
    if let serial = Double(t), !t.contains("-") {
      if t.count == 8, t.allSatisfy(\.isASCIIDigit),
        let d = ymd(t.prefix(4), t.dropFirst(4).prefix(2), t.suffix(2))
      {
        return d.description
      }
      return fromSerial(serial, offset: serialOffset)?.description
    }
    var datePart = Substring(splitDateTime(t).date)
    if datePart.hasSuffix("\u{65E5}") || datePart.hasSuffix("\u{53F7}") { datePart.removeLast() }
    let parts = datePart.split(omittingEmptySubsequences: false) { "-/.\u{5E74}\u{6708}".contains($0) }
    guard parts.count == 3, parts[0].count == 4 else { return nil }
    return ymd(parts[0], parts[1], parts[2])?.description
  }

  static func ymd(_ y: Substring, _ m: Substring, _ d: Substring) -> Day? {
    guard let y = Int(y), let m = Int(m), let d = Int(d) else { return nil }
    return Day(year: y, month: m, day: d)
  }

  /// Excel's 1900 system counts 1900-02-29, which never was: from serial 61 on, day 0 is
  /// 1899-12-30; the few serials before March 1900 are no shop's dates.
  static func fromSerial(_ serial: Double, offset: Int) -> Day? {
    // A cell of 1e400 or nan reads as a Double that no Int holds (the reader fuzz found it).
    guard serial.isFinite, serial >= 0, serial < 3_000_000 else { return nil }
    let whole = Int(serial.rounded(.down)) + offset
    guard whole >= 61, whole < 2_958_466 else { return nil }
    return Day(year: 1899, month: 12, day: 30)?.adding(whole)
  }

  /// "2025-01-05 13:45:00" or "2025-01-05T13:45" → the two halves; the time may be absent.
  static func splitDateTime(_ text: String) -> (date: String, time: String) {
    let t = text.trimmed
    guard let sep = t.firstIndex(where: { $0 == " " || $0 == "T" }) else { return (t, "") }
    return (String(t[..<sep]), String(t[t.index(after: sep)...]).trimmed)
  }

  /// 13:45, 9:05, 13:45:00, or a fraction of a day (0.5625 is 13:30) as xlsx stores times.
  static func time(_ text: String) -> String? {
    let t = text.trimmed
    if t.isEmpty { return "" }
    if let f = Double(t), f >= 0, f < 1 {
      let minutes = Int((f * 1440).rounded())
      return minutes < 1440 ? TimeOfDay(minutes: minutes).description : nil
    }
    let parts = t.split(separator: ":", omittingEmptySubsequences: false)
    guard (2...3).contains(parts.count), let h = Int(parts[0]), let m = Int(parts[1]), parts[1].count == 2,
      (0..<24).contains(h), (0..<60).contains(m)
    else { return nil }
    if parts.count == 3 {
      let s = parts[2].split(separator: ".").first ?? ""
      guard let sec = Int(s), (0..<60).contains(sec) else { return nil }
    }
    return TimeOfDay(minutes: h * 60 + m).description
  }

  /// Digits only, without the +86 / 0086 country code: `+86 138-0013-8000` → 13800138000.
  /// Anything that isn't a number (an extension note …) is kept as written.
  static func phone(_ text: String) -> String {
    if text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) { return text }
    var digits = text.trimmed.filter { !" -()\u{3000}\u{FF08}\u{FF09}".contains($0) }
    if digits.hasPrefix("+86") {
      digits.removeFirst(3)
    } else if digits.hasPrefix("0086") {
      digits.removeFirst(4)
    } else if digits.count == 13, digits.hasPrefix("861") {
      digits.removeFirst(2)
    }
    return digits.allSatisfy(\.isASCIIDigit) ? digits : text.trimmed
  }

  /// WeChat ids are not case-sensitive.
  static func wechatKey(_ text: String) -> String { text.trimmed.lowercased() }

  /// ¥1,280.50 · 128元 · RMB 96 → 1280.50 · 128 · 96; the store checks the number itself.
  static func amount(_ text: String) -> String {
    // Plain digits with at most two decimals are already the store's spelling.
    if let dot = text.utf8.firstIndex(of: 0x2E) ?? Optional(text.utf8.endIndex),
      text.utf8.distance(from: dot, to: text.utf8.endIndex) <= 3,
      text.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2E }), !text.isEmpty
    {
      return text
    }
    var t = text.trimmed
    for mark in ["\u{00A5}", "\u{FFE5}", "\u{5143}", "rmb", "RMB", ",", " "] {
      t = t.replacing(mark, with: "")
    }
    // A spreadsheet's float noise (12.300000000000001) is not a third decimal.
    if let dot = t.firstIndex(of: "."), t.distance(from: dot, to: t.endIndex) > 3, let d = Double(t),
      abs(d * 100 - (d * 100).rounded()) < 1e-6
    {
      return String(fixed: d, places: 2)
    }
    return t
  }

  /// 3人 · 3位 → 3.
  static func count(_ text: String) -> String {
    var t = text.trimmed
    while let last = t.last, !last.isASCIIDigit { t.removeLast() }
    return t.isEmpty ? text.trimmed : t
  }

  /// `a;b` · `a，b` · `a、b` · `a|b` → `a;b`, no empty or repeated tags.
  static func tags(_ text: String) -> String {
    var seen = Set<String>()
    return text.split { ";,|\u{FF1B}\u{FF0C}\u{3001}".contains($0) }.map { String($0).trimmed }
      .filter { !$0.isEmpty && seen.insert($0).inserted }.joined(separator: ";")
  }

  /// An id the store knows, from the id itself in any case or a word in words/values.txt.
  static func word(_ text: String, field: String) -> String {
    // Most cells are a word of the list as it is written there (堂食, vip).
    if let id = Vocabulary.shared.values[field]?[text] { return id }
    let key = Columns.normalize(text)
    return Vocabulary.shared.values[field]?[key] ?? key
  }
}
