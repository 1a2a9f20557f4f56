/// One CSV file as loaded: its bytes, header, and where each row came from, so that a rewrite
/// can give back every row it did not change byte for byte, keep unknown columns, and put
/// unreadable rows back where they were.
public struct TableFile: Sendable {
  public let name: String
  /// The known columns of this kind, in PRODUCT.md's order.
  public let columns: [String]
  public internal(set) var bytes: [UInt8] = []
  public internal(set) var header: [String] = []
  var lineEnding: [UInt8] = [CSV.lf]
  var bodyStart = 0
  /// Raw byte range of every row that was read into a record, in file order.
  var rows: [Range<Int>] = []
  /// Rows kept verbatim (unreadable, or blank): the count of read rows before each.
  var kept: [(after: Int, raw: Range<Int>)] = []
  /// The line each read row starts on, for problems found after reading (duplicate ids).
  var rowLines: [Int32] = []
  /// A header that can't be read, or lacks a required column: nothing is read, nothing written.
  public internal(set) var unreadableHeader = false
  /// For the append-only log the bytes are not kept: only whether the file ends mid-line.
  var endsMidLine = false
  var hasContent = false

  /// Known values that read the same as empty (see `Kind.emptyEquivalents`).
  var emptyEquivalents: [String: String] = [:]
  /// Known columns a new file gets only when some row has a value (see `Kind.optionalColumns`).
  var optionalColumns: Set<String> = []

  public init(name: String, columns: [String], emptyEquivalents: [String: String] = [:]) {
    self.name = name
    self.columns = columns
    self.emptyEquivalents = emptyEquivalents
  }

  public var exists: Bool { hasContent }

  /// Column name → field index in this file's header, for the known columns.
  public func index(of column: String) -> Int? { header.firstIndex(of: column) }

  /// Bytes of the whole file with `count` records in place of the rows read (see
  /// `RowMatches`); `fields(j)` gives a changed record's known values in `columns` order.
  func encode(count: Int, matches: RowMatches, fields: (Int) -> [String]) -> TableFile {
    let same = { (j: Int) in matches.sameRow(j) }
    let related = { (j: Int) in matches.related[j] }
    let changed = (0..<count).filter { same($0) == nil }
    let changedFields = Dictionary(uniqueKeysWithValues: changed.map { ($0, fields($0)) })
    var outHeader = header.isEmpty ? columns.filter { !optionalColumns.contains($0) } : header
    for (k, c) in columns.enumerated() where !outHeader.contains(c) {
      let same = emptyEquivalents[c]
      if changedFields.values.contains(where: { !$0[k].isEmpty && $0[k] != same }) { outHeader.append(c) }
    }
    let headerChanged = outHeader != header
    if !headerChanged && count == rows.count && (0..<count).allSatisfy({ same($0) == $0 }) { return self }

    func oldFields(_ i: Int) -> [String] {
      var f: [String] = []
      bytes.withUnsafeBufferPointer { b in
        CSV.parse(UnsafeBufferPointer(rebasing: b[rows[i]])) { f = $0.fields }
      }
      return f
    }
    var next = TableFile(name: name, columns: columns, emptyEquivalents: emptyEquivalents)
    next.optionalColumns = optionalColumns
    next.lineEnding = lineEnding
    next.header = outHeader
    next.rows.reserveCapacity(count)
    next.rowLines.reserveCapacity(count)
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count + 256)
    var line = 1
    // Tracks the line each row starts on, counting the newlines it adds.
    func mark(from start: Int) {
      for k in start..<out.count where out[k] == CSV.lf { line += 1 }
    }
    if bodyStart > 0 && !headerChanged {
      out.append(contentsOf: bytes[0..<bodyStart])
    } else {
      if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { out.append(contentsOf: [0xEF, 0xBB, 0xBF]) }
      CSV.appendRecord(outHeader, lineEnding: lineEnding, to: &out)
    }
    mark(from: 0)
    next.bodyStart = out.count
    // A kept row goes back after the nearest earlier row that is still there.
    var emitted = Set<Int>()
    if !kept.isEmpty {
      for j in 0..<count { if let o = same(j) ?? related(j) { emitted.insert(o) } }
    }
    var keptAfter: [Int: [Range<Int>]] = [:]
    for k in kept {
      var n = k.after
      while n > 0 && !emitted.contains(n - 1) { n -= 1 }
      keptAfter[n, default: []].append(k.raw)
    }
    // A last row without a line ending keeps lacking one if it stays last.
    var addedEnding = false
    func emitRaw(_ r: Range<Int>) -> Range<Int> {
      let start = out.count
      out.append(contentsOf: bytes[r])
      addedEnding = false
      if let last = bytes[r].last, last != CSV.lf && last != CSV.cr {
        out.append(contentsOf: lineEnding)
        addedEnding = true
      }
      return start..<out.count
    }
    func emitKept(after n: Int) {
      for r in keptAfter.removeValue(forKey: n) ?? [] {
        let start = out.count
        next.kept.append((after: next.rows.count, raw: emitRaw(r)))
        mark(from: start)
      }
    }
    func addRow(_ r: Range<Int>) {
      next.rows.append(r)
      next.rowLines.append(Int32(line))
      mark(from: r.lowerBound)
    }
    emitKept(after: 0)
    let known = outHeader.map { columns.firstIndex(of: $0) }
    for j in 0..<count {
      if let o = same(j), !headerChanged {
        addRow(emitRaw(rows[o]))
        emitKept(after: o + 1)
        continue
      }
      let r = changedFields[j] ?? fields(j)
      let oldRow = related(j) ?? same(j)
      let old = oldRow.map(oldFields)
      var row: [String] = []
      row.reserveCapacity(outHeader.count)
      for (h, k) in known.enumerated() {
        if let k {
          row.append(r[k])
        } else {
          row.append(old.map { h < $0.count ? $0[h] : "" } ?? "")
        }
      }
      let start = out.count
      CSV.appendRecord(row, lineEnding: lineEnding, to: &out)
      addedEnding = false
      addRow(start..<out.count)
      if let o = oldRow { emitKept(after: o + 1) }
    }
    // Rows whose neighbour went away still go back, in their old order.
    for k in keptAfter.keys.sorted() { emitKept(after: k) }
    if addedEnding && bytes.last.map({ $0 != CSV.lf && $0 != CSV.cr }) == true {
      out.removeLast(lineEnding.count)
      if let last = next.rows.last, last.upperBound > out.count {
        next.rows[next.rows.count - 1] = last.lowerBound..<out.count
      }
      if let last = next.kept.last, last.raw.upperBound > out.count {
        next.kept[next.kept.count - 1].raw = last.raw.lowerBound..<out.count
      }
    }
    next.bytes = out
    next.hasContent = true
    return next
  }

  /// Bytes to append one record to the end of the file (with a header first when it's new).
  /// `extra` fills the file's own extra columns by name (an imported order number …).
  public func appendBytes(_ record: [String], extra: [String: String] = [:]) -> [UInt8] {
    var out: [UInt8] = []
    if header.isEmpty {
      CSV.appendRecord(columns, lineEnding: lineEnding, to: &out)
    } else if endsMidLine || (bytes.last.map { $0 != CSV.lf && $0 != CSV.cr } ?? false) {
      out.append(contentsOf: lineEnding)
    }
    let fields =
      header.isEmpty
      ? record : header.map { h in columns.firstIndex(of: h).map { record[$0] } ?? extra[h] ?? "" }
    CSV.appendRecord(fields, lineEnding: lineEnding, to: &out)
    return out
  }
}

/// Which old row each record of a rewrite is: the one it equals, written back byte for byte,
/// or the one it replaces, whose unknown columns it keeps. Four bytes a record plus the few
/// replaced: a million-customer rewrite should not hold two arrays of optionals.
struct RowMatches {
  /// The old row record j equals, −1 for none.
  var same: [Int32]
  /// The old row a changed record replaces, for those that replace one.
  var related: [Int: Int] = [:]

  init(count: Int) { same = [Int32](repeating: -1, count: count) }

  func sameRow(_ j: Int) -> Int? { same[j] >= 0 ? Int(same[j]) : nil }
}
