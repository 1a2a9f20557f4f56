/// A calendar date as a count of days since 1970-01-01 (proleptic Gregorian).
/// Integers keep date arithmetic exact and cheap for millions of visits.
public struct Day: Hashable, Comparable, Sendable, CustomStringConvertible {
  public var raw: Int32
  public init(raw: Int32) { self.raw = raw }

  /// Nil when the fields do not name a real date (2025-02-30, month 13, …).
  public init?(year: Int, month: Int, day: Int) {
    guard (1...12).contains(month), day >= 1, day <= Day.daysIn(month: month, year: year) else { return nil }
    raw = Int32(Day.daysFromCivil(year, month, day))
  }

  /// Parses exactly `YYYY-MM-DD`.
  public init?(_ text: some StringProtocol) {
    let u = Array(text.utf8)
    guard let d = u.withUnsafeBufferPointer({ Day(utf8: $0) }) else { return nil }
    self = d
  }

  /// The same as `init?(_:)`, straight from a file's bytes: ten million dates make no Strings.
  @inlinable public init?(utf8 u: UnsafeBufferPointer<UInt8>) {
    guard u.count == 10, u[4] == 0x2D, u[7] == 0x2D else { return nil }
    var v = (0, 0, 0)
    for k in 0..<10 where k != 4 && k != 7 {
      let b = u[k]
      guard b >= 0x30, b <= 0x39 else { return nil }
      let x = Int(b - 0x30)
      if k < 4 { v.0 = v.0 * 10 + x } else if k < 7 { v.1 = v.1 * 10 + x } else { v.2 = v.2 * 10 + x }
    }
    self.init(year: v.0, month: v.1, day: v.2)
  }

  static func digits(_ bytes: ArraySlice<UInt8>) -> Int? {
    var v = 0
    for b in bytes {
      guard b >= 0x30, b <= 0x39 else { return nil }
      v = v * 10 + Int(b - 0x30)
    }
    return v
  }

  public static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

  public static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: return isLeap(year) ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }

  // Howard Hinnant's days_from_civil / civil_from_days.
  static func daysFromCivil(_ y0: Int, _ m: Int, _ d: Int) -> Int {
    let y = m <= 2 ? y0 - 1 : y0
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let mp = (m + 9) % 12
    let doy = (153 * mp + 2) / 5 + d - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146097 + doe - 719468
  }

  public var civil: (year: Int, month: Int, day: Int) {
    let z = Int(raw) + 719468
    let era = (z >= 0 ? z : z - 146096) / 146097
    let doe = z - era * 146097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
  }

  public var year: Int { civil.year }
  public var month: Int { civil.month }
  /// 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday).
  public var weekday: Int {
    let r = (Int(raw) + 3) % 7
    return (r < 0 ? r + 7 : r) + 1
  }
  /// Months since year 0, so that calendar months compare and subtract as integers.
  public var monthIndex: Int { let c = civil; return c.year * 12 + (c.month - 1) }

  public func adding(_ days: Int) -> Day { Day(raw: raw + Int32(days)) }
  public static func - (a: Day, b: Day) -> Int { Int(a.raw) - Int(b.raw) }
  public static func < (a: Day, b: Day) -> Bool { a.raw < b.raw }

  public var description: String {
    let c = civil
    return Day.pad(c.year, 4) + "-" + Day.pad(c.month, 2) + "-" + Day.pad(c.day, 2)
  }

  static func pad(_ v: Int, _ width: Int) -> String {
    let s = String(v)
    return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
  }

  /// The first day of the Monday–Sunday week that holds this day.
  public var weekStart: Day { adding(1 - weekday) }
}

/// A time of day in minutes after midnight; 24:00 (1440) is allowed as an end.
public struct TimeOfDay: Hashable, Comparable, Sendable, CustomStringConvertible {
  public var minutes: Int16
  public init(minutes: Int) { self.minutes = Int16(minutes) }
  /// Parses `HH:MM` (also `H:MM`); 24:00 only when `allowEndOfDay`.
  public init?(_ text: some StringProtocol, allowEndOfDay: Bool = false) {
    let parts = text.split(separator: ":", omittingEmptySubsequences: false)
    guard parts.count == 2, (1...2).contains(parts[0].count), parts[1].count == 2,
      let h = Day.digits(ArraySlice(parts[0].utf8)), let m = Day.digits(ArraySlice(parts[1].utf8)), m < 60
    else { return nil }
    if h == 24 && m == 0 && allowEndOfDay {
      minutes = 1440
      return
    }
    guard h < 24 else { return nil }
    minutes = Int16(h * 60 + m)
  }

  /// `H:MM` or `HH:MM` (not 24:00) straight from a file's bytes; nil for anything else, which
  /// the String parser then judges.
  @inlinable public init?(utf8 u: UnsafeBufferPointer<UInt8>) {
    let n = u.count
    guard n == 4 || n == 5, u[n - 3] == 0x3A else { return nil }
    var h = 0
    for k in 0..<(n - 3) {
      guard u[k] >= 0x30, u[k] <= 0x39 else { return nil }
      h = h * 10 + Int(u[k] - 0x30)
    }
    guard u[n - 2] >= 0x30, u[n - 2] <= 0x35, u[n - 1] >= 0x30, u[n - 1] <= 0x39, h < 24 else { return nil }
    minutes = Int16(h * 60 + Int(u[n - 2] - 0x30) * 10 + Int(u[n - 1] - 0x30))
  }
  public var hour: Int { Int(minutes) / 60 }
  public static func < (a: TimeOfDay, b: TimeOfDay) -> Bool { a.minutes < b.minutes }
  public var description: String { Day.pad(Int(minutes) / 60, 2) + ":" + Day.pad(Int(minutes) % 60, 2) }
}

/// Money in fen (1/100 yuan), exact.
public struct Money: Hashable, Comparable, Sendable, CustomStringConvertible {
  public var fen: Int64
  public init(fen: Int64) { self.fen = fen }
  public static let zero = Money(fen: 0)
  /// Parses yuan with up to two decimals: `58`, `58.5`, `58.50`.
  public init?(yuan text: some StringProtocol) {
    self.init(yuanUTF8: text.utf8)
  }

  /// The same as `init?(yuan:)` over bytes, so a file's amounts need no Strings.
  @inlinable public init?<S: Collection>(yuanUTF8 s: S) where S.Element == UInt8 {
    guard !s.isEmpty else { return nil }
    var whole: Int64 = 0
    var frac: Int64 = 0
    var fracDigits = 0
    var seenDot = false
    var digits = 0
    var negative = false
    for (i, b) in s.enumerated() {
      if b == 0x2D && i == 0 {
        negative = true
        continue
      }
      if b == 0x2E {
        guard !seenDot else { return nil }
        seenDot = true
        continue
      }
      guard b >= 0x30, b <= 0x39 else { return nil }
      if seenDot {
        fracDigits += 1
        guard fracDigits <= 2 else { return nil }
        frac = frac * 10 + Int64(b - 0x30)
      } else {
        digits += 1
        guard digits <= 15 else { return nil }
        whole = whole * 10 + Int64(b - 0x30)
      }
    }
    guard digits > 0 else { return nil }
    if fracDigits == 1 { frac *= 10 }
    fen = (whole * 100 + frac) * (negative ? -1 : 1)
  }
  public var yuan: Double { Double(fen) / 100 }
  public static func + (a: Money, b: Money) -> Money { Money(fen: a.fen + b.fen) }
  public static func < (a: Money, b: Money) -> Bool { a.fen < b.fen }
  /// `58`, `58.5` → `58.50`; whole yuan are written without decimals.
  public var description: String {
    let sign = fen < 0 ? "-" : ""
    let a = abs(fen)
    let cents = a % 100
    return cents == 0 ? "\(sign)\(a / 100)" : "\(sign)\(a / 100)." + Day.pad(Int(cents), 2)
  }
}
