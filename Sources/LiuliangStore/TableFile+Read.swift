extension TableFile {
  /// Reads the file's rows; `decode` turns a row into a record (appending it) or throws why it
  /// can't, in which case the row is kept verbatim and reported with its line.
  mutating func read(
    _ data: [UInt8], kind: Kind, problems: inout [Problem],
    _ decode: (RowReader) throws(ProblemKind) -> Void
  ) {
    bytes = data
    data.withUnsafeBufferPointer { b in
      read(buffer: b, kind: kind, problems: &problems, passed: { _ in }, decode)
    }
  }

  /// The same over bytes this table does not keep (the log, mapped from its file); `passed(n)`
  /// says that the first n bytes will not be looked at again.
  mutating func read(
    buffer b: UnsafeBufferPointer<UInt8>, kind: Kind, problems: inout [Problem], passed: (Int) -> Void,
    _ decode: (RowReader) throws(ProblemKind) -> Void
  ) {
    hasContent = !b.isEmpty
    let file = name
    func problem(_ line: Int, _ k: ProblemKind) { problems.append(Problem(file: file, line: line, kind: k)) }
    var map: [Int?] = []
    var sawHeader = false
    var rows: [Range<Int>] = []
    var rowLines: [Int32] = []
    var kept: [(after: Int, raw: Range<Int>)] = []
    var unreadable = false
    var headerWidth = 0
    // The log is never rewritten, so where its rows were need not be kept: for ten million
    // rows that would be the biggest array of the load.
    let rewritable = kind != .visits
    var nextPass = 1 << 24
    do {
      CSV.parse(b, from: CSV.bomLength(b)) { rec in
        if rec.raw.lowerBound >= nextPass {
          passed(rec.raw.lowerBound)
          nextPass = rec.raw.lowerBound + (1 << 24)
        }
        if !sawHeader {
          sawHeader = true
          bodyStart = rec.raw.upperBound
          let raw = b[rec.raw]
          if raw.count >= 2 && raw[raw.endIndex - 2] == CSV.cr && raw.last == CSV.lf {
            lineEnding = [CSV.cr, CSV.lf]
          }
          if let f = rec.fault {
            problem(rec.line, .fault(f))
            unreadable = true
            return
          }
          header = rec.fields
          headerWidth = header.count
          map = columns.map { header.firstIndex(of: $0) }
          for r in kind.required where !header.contains(r) {
            problem(rec.line, .missingColumn(r))
            unreadable = true
          }
          return
        }
        // Blank lines are not rows; they go back where they were.
        if rec.count == 1 && rec.fieldIsEmpty(0) && rec.fault == nil {
          kept.append((after: rows.count, raw: rec.raw))
          return
        }
        if unreadable {
          kept.append((after: rows.count, raw: rec.raw))
          return
        }
        if let f = rec.fault {
          problem(rec.line, .fault(f))
          kept.append((after: rows.count, raw: rec.raw))
          return
        }
        if rec.count != headerWidth {
          problem(rec.line, .columnCount(expected: headerWidth, got: rec.count))
          kept.append((after: rows.count, raw: rec.raw))
          return
        }
        do throws(ProblemKind) {
          try decode(RowReader(record: rec, map: map, columns: columns))
          if rewritable {
            rows.append(rec.raw)
            rowLines.append(Int32(rec.line))
          }
        } catch {
          problem(rec.line, error)
          kept.append((after: rows.count, raw: rec.raw))
        }
      }
    }
    self.rows = rows
    self.rowLines = rowLines
    self.kept = kept
    unreadableHeader = unreadable
    if kind == .visits {
      // The log is only appended to, never rewritten: its bytes need not stay in memory.
      endsMidLine = b.last.map { $0 != CSV.lf && $0 != CSV.cr } ?? false
      bytes = []
      self.rows = []
      self.kept = []
    }
  }

  public func lineOfRecord(_ i: Int) -> Int { i < rowLines.count ? Int(rowLines[i]) : 0 }

  /// Takes read record i out of the records (a duplicate id) and keeps its row verbatim.
  mutating func keepVerbatim(record i: Int) {
    let raw = rows.remove(at: i)
    rowLines.remove(at: i)
    for k in kept.indices where kept[k].after > i { kept[k].after -= 1 }
    let at =
      kept.firstIndex { $0.after > i || ($0.after == i && $0.raw.lowerBound > raw.lowerBound) } ?? kept.count
    kept.insert((after: i, raw: raw), at: at)
  }

  /// After an append to the log.
  mutating func appended(_ data: [UInt8]) {
    if header.isEmpty { header = columns }
    endsMidLine = false
    hasContent = true
  }
}

extension TableFile {
  /// The ids of rows kept verbatim: references to them are not reported again, since the row
  /// itself already is.
  func keptIDs() -> Set<String> {
    guard let k = header.firstIndex(of: "id") else { return [] }
    var out = Set<String>()
    bytes.withUnsafeBufferPointer { b in
      for row in kept {
        CSV.parse(UnsafeBufferPointer(rebasing: b[row.raw])) { rec in
          if rec.count > k { out.insert(rec.field(k)) }
        }
      }
    }
    return out
  }
}
