/// A log the store rewrites only to take an append back (contacts.csv) grows in place: its
/// table learns where the new rows are from the bytes appended, rather than by reading the
/// whole file again, and an undo cuts it back to a `Mark` rather than to a copy of the table
/// (a million contacts' rows each time).
extension TableFile {
  /// What an append changes in a table.
  struct Mark: Sendable {
    fileprivate let rows: Int
    fileprivate let header: [String]
    fileprivate let bodyStart: Int
    fileprivate let endsMidLine: Bool
    fileprivate let hasContent: Bool
    fileprivate let fingerprint: Fingerprint
  }

  var mark: Mark {
    Mark(
      rows: rows.count, header: header, bodyStart: bodyStart, endsMidLine: endsMidLine,
      hasContent: hasContent,
      fingerprint: fingerprint)
  }

  /// The table as it was at `m`, the file cut back to its size then.
  mutating func cut(back m: Mark) {
    rows.removeLast(rows.count - m.rows)
    header = m.header
    bodyStart = m.bodyStart
    endsMidLine = m.endsMidLine
    hasContent = m.hasContent
    fingerprint = m.fingerprint
  }

  /// The bytes that append `records` (known values in `columns` order) to the file, now
  /// `size` bytes long, with a header first when it has none; the table is then the one of
  /// the file with them appended.
  mutating func append(_ records: [[String]], toFileOf size: Int) -> [UInt8] {
    var out: [UInt8] = []
    for r in records {
      if header.isEmpty {
        CSV.appendRecord(columns, lineEnding: lineEnding, to: &out)
        header = columns
        bodyStart = size + out.count
      } else if endsMidLine {
        out.append(contentsOf: lineEnding)
      }
      endsMidLine = false
      let start = out.count
      CSV.appendRecord(
        header.map { h in columns.firstIndex(of: h).map { r[$0] } ?? "" }, lineEnding: lineEnding, to: &out)
      rows.append((size + start)..<(size + out.count))
    }
    fingerprint.add(out)
    hasContent = hasContent || !out.isEmpty
    return out
  }
}
