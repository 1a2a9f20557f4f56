import LiuliangModel

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A row's fields by known column, "" for a column the file lacks.
struct RowReader {
  let record: CSVRecord
  let map: [Int?]
  let columns: [String]
  /// Where equal values of the repeating columns are shared, when the reader has one.
  var shared: SharedValues? = nil

  func text(_ k: Int) -> String { map[k].map(record.field) ?? "" }

  /// The field's bytes when they are its text as they stand (not quoted); empty for a column
  /// the file lacks; nil for a quoted field, which needs `text`.
  func plainBytes(_ k: Int) -> UnsafeBufferPointer<UInt8>? {
    guard let i = map[k] else { return UnsafeBufferPointer(start: nil, count: 0) }
    if i < record.count && record.quoted[i] { return nil }
    return record.fieldBytes(i)
  }
  func isEmpty(_ k: Int) -> Bool { map[k].map(record.fieldIsEmpty) ?? true }

  func day(_ k: Int) throws(ProblemKind) -> Day? {
    if isEmpty(k) { return nil }
    // A million customers have five dates each: read them without making Strings.
    if let b = plainBytes(k), let d = Day(utf8: b) { return d }
    let t = text(k)
    guard let d = Day(t) else { throw .badValue(field: columns[k], value: t) }
    return d
  }

  func requiredDay(_ k: Int) throws(ProblemKind) -> Day {
    guard let d = try day(k) else { throw .missingValue(field: columns[k]) }
    return d
  }

  func time(_ k: Int, endOfDay: Bool = false) throws(ProblemKind) -> TimeOfDay? {
    if isEmpty(k) { return nil }
    let t = text(k)
    guard let v = TimeOfDay(t, allowEndOfDay: endOfDay) else { throw .badValue(field: columns[k], value: t) }
    return v
  }

  func value<T: RawRepresentable>(_ k: Int, _: T.Type, empty: T) throws(ProblemKind) -> T
  where T.RawValue == String {
    if isEmpty(k) { return empty }
    let t = text(k)
    guard let v = T(rawValue: t) else { throw .badValue(field: columns[k], value: t) }
    return v
  }

  func flag(_ k: Int) throws(ProblemKind) -> Bool {
    let t = text(k).trimmingSpaces
    guard let v = parseFlag(t) else { throw .badValue(field: columns[k], value: t) }
    return v
  }

  func count(_ k: Int) throws(ProblemKind) -> Int {
    if isEmpty(k) { return 0 }
    let t = text(k)
    guard let v = Int(t), v >= 0 else { throw .badValue(field: columns[k], value: t) }
    return v
  }

  func nonEmpty(_ k: Int) throws(ProblemKind) -> String {
    let t = text(k)
    guard !t.isEmpty else { throw .missingValue(field: columns[k]) }
    return t
  }
}

extension String {
  var trimmingSpaces: String {
    var s = Substring(self)
    while s.first == " " { s.removeFirst() }
    while s.last == " " { s.removeLast() }
    return String(s)
  }
}
