/// One CSV file as loaded: its header, and where each row came from, so that a rewrite can
/// give back every row it did not change byte for byte, keep unknown columns, and put
/// unreadable rows back where they were. The bytes themselves are not kept: a rewrite reads
/// them from the file, once its `fingerprint` says it is still the file that was loaded.
public struct TableFile: Sendable {
  public let name: String
  /// The known columns of this kind, in PRODUCT.md's order.
  public let columns: [String]
  public internal(set) var header: [String] = []
  var lineEnding: [UInt8] = [CSV.lf]
  var bodyStart = 0
  /// Raw byte range of every row that was read into a record, in file order.
  var rows = RowSpans()
  /// Rows kept verbatim (unreadable, or blank): the count of read rows before each.
  var kept: [(after: Int, raw: Range<Int>)] = []
  /// The line each read row starts on, for problems found after reading (duplicate ids):
  /// let go once the load has found them (`Store.load`).
  var rowLines: [Int32] = []
  /// A header that can't be read, or lacks a required column: nothing is read, nothing written.
  public internal(set) var unreadableHeader = false
  /// The file ends without a line ending (its last row, or its header when it has no rows).
  var endsMidLine = false
  var hasContent = false
  var hasBOM = false
  /// The whole file's bytes as read, written or appended to, summed: what a rewrite checks
  /// the file on disk against before copying a byte of it (see `FileSource`).
  var fingerprint = Fingerprint()
  /// The ids of rows kept verbatim (see `keptIDs`), found while the bytes were at hand.
  var keptIDSet: Set<String> = []
  /// The records read from, or written as, this file have no id twice (see `Store.matchFew`).
  var idsDistinct = false

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

  /// Whether `source` holds the bytes this table was read from or written as (no file at
  /// all stands for an empty one).
  func isRead(from source: FileSource?) -> Bool {
    guard let source else { return fingerprint.value == Fingerprint().value }
    return source.checksum() == fingerprint.value
  }

  /// Writes the whole file with `count` records in place of the rows read (see `RowMatches`)
  /// to `out`, copying rows from `source` (the file this table was read from); `fields(j)`
  /// gives a changed record's known values in `columns` order. The table of the new file.
  func encode(
    count: Int, matches: RowMatches, from source: FileSource?, to out: FileSink, fields: (Int) -> [String]
  )
    -> TableFile
  {
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

    func old<T>(_ r: Range<Int>, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
      guard let source else { return body(UnsafeBufferPointer(start: nil, count: 0)) }
      return source.withBytes(r, body)
    }
    func oldFields(_ i: Int) -> [String] {
      var f: [String] = []
      old(rows[i]) { b in CSV.parse(b) { f = $0.fields } }
      return f
    }
    var next = TableFile(name: name, columns: columns, emptyEquivalents: emptyEquivalents)
    next.optionalColumns = optionalColumns
    next.lineEnding = lineEnding
    next.header = outHeader
    next.hasBOM = hasBOM
    // Chunks of rows that only moved are the old table's (see `RowSpans.Builder`).
    var rowsOut = RowSpans.Builder(sharingWith: rows)
    // A row without a line ending (the old file's last) gets one only when something follows
    // it: a last row without one keeps lacking it if it stays last.
    var pendingEnding = false
    func endPending() {
      if pendingEnding { out.append(lineEnding) }
      pendingEnding = false
    }
    func lacksEnding(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
      b.last.map { $0 != CSV.lf && $0 != CSV.cr } ?? false
    }
    if bodyStart > 0 && !headerChanged {
      pendingEnding = old(0..<bodyStart) { b in
        out.append(b)
        return lacksEnding(b)
      }
    } else {
      if hasBOM { out.append([0xEF, 0xBB, 0xBF]) }
      out.appendRecord(outHeader, lineEnding: lineEnding)
    }
    next.bodyStart = out.count + (pendingEnding ? lineEnding.count : 0)
    // A kept row goes back after the nearest earlier row that is still there.
    var emitted: [Bool] = []
    if !kept.isEmpty {
      emitted = [Bool](repeating: false, count: rows.count)
      for j in 0..<count { if let o = same(j) ?? related(j) { emitted[o] = true } }
    }
    var keptAfter: [Int: [Range<Int>]] = [:]
    for k in kept {
      var n = k.after
      while n > 0 && !emitted[n - 1] { n -= 1 }
      keptAfter[n, default: []].append(k.raw)
    }
    // The range a raw row takes once its ending is added.
    func emitRaw(_ r: Range<Int>) -> Range<Int> {
      endPending()
      let start = out.count
      pendingEnding = old(r) { b in
        out.append(b)
        return lacksEnding(b)
      }
      return start..<(out.count + (pendingEnding ? lineEnding.count : 0))
    }
    func emitKept(after n: Int) {
      for r in keptAfter.removeValue(forKey: n) ?? [] {
        next.kept.append((after: rowsOut.count, raw: emitRaw(r)))
      }
    }
    emitKept(after: 0)
    let known = outHeader.map { columns.firstIndex(of: $0) }
    for j in 0..<count {
      if let o = same(j), !headerChanged {
        rowsOut.append(emitRaw(rows[o]))
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
      endPending()
      let start = out.count
      out.appendRecord(row, lineEnding: lineEnding)
      rowsOut.append(start..<out.count)
      if let o = oldRow { emitKept(after: o + 1) }
    }
    // Rows whose neighbour went away still go back, in their old order.
    for k in keptAfter.keys.sorted() { emitKept(after: k) }
    next.rows = rowsOut.finish()
    if pendingEnding && endsMidLine {
      // The old file ended mid-line and so does the new one: what was counted with the
      // ending it did not get ends where the file does.
      let end = out.count
      if let last = next.rows.last, last.upperBound > end {
        next.rows[next.rows.count - 1] = last.lowerBound..<end
      }
      if let last = next.kept.last, last.raw.upperBound > end {
        next.kept[next.kept.count - 1].raw = last.raw.lowerBound..<end
      }
      if next.bodyStart > end { next.bodyStart = end }
      pendingEnding = false
    } else {
      endPending()
    }
    out.finish()
    next.endsMidLine = out.last.map { $0 != CSV.lf && $0 != CSV.cr } ?? false
    next.fingerprint = out.fingerprint
    next.hasContent = out.count > 0
    next.keptIDSet = keptIDSet
    return next
  }

  /// Bytes to append one record to the end of the file (with a header first when it's new).
  /// `extra` fills the file's own extra columns by name (an imported order number …).
  public func appendBytes(_ record: [String], extra: [String: String] = [:]) -> [UInt8] {
    var out: [UInt8] = []
    if header.isEmpty {
      CSV.appendRecord(columns, lineEnding: lineEnding, to: &out)
    } else if endsMidLine {
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
/// replaced: a million-customer rewrite should not hold two arrays of optionals. For a few
/// changes in place not even that (`inPlace`).
struct RowMatches {
  /// The old row record j equals, −1 for none; empty when record j is old row j but for `moved`.
  var same: [Int32]
  /// With `same` empty, the records that are not the old row in their place: the old row each
  /// equals, −1 for none.
  var moved: [Int: Int32] = [:]
  /// The old row a changed record replaces, for those that replace one.
  var related: [Int: Int] = [:]

  init(count: Int) { same = [Int32](repeating: -1, count: count) }

  /// Every record the old row in its place, until `moved` says otherwise.
  static var inPlace: RowMatches { RowMatches(count: 0) }

  func sameRow(_ j: Int) -> Int? {
    let i = same.isEmpty ? moved[j] ?? Int32(j) : same[j]
    return i >= 0 ? Int(i) : nil
  }
}
