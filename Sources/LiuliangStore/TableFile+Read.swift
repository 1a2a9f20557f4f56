import Dispatch
import LiuliangModel

/// Turns a row into a record, or throws why it can't (the row is then kept verbatim and
/// reported with its line). It may note problems about a row it still reads, such as a
/// reference to an unknown id, for the caller to sort out once every file is read.
typealias RowDecoder<R> = (RowReader, inout [Problem]) throws(ProblemKind) -> R

/// A row read straight from its bytes, for files whose rows are mostly plain (no quotes, ASCII):
/// nil sends the row to `RowDecoder`, which must then give the same record or problem.
typealias PlainDecoder<R> = (PlainRow) -> R?

/// Where in memory a row's lookup will read, found from one field's bytes before the row is
/// read (see `Stretch.warm`): a big log's rows each look an id up in a table of a million, and
/// reading sixteen rows' places at once waits for memory once rather than sixteen times.
struct PlainAhead {
  /// The known column whose bytes are looked up.
  let column: Int
  let place: (UnsafeBufferPointer<UInt8>) -> UnsafeRawPointer?
}

/// One row without quotes, line breaks or non-ASCII bytes, split at its commas.
struct PlainRow {
  let bytes: UnsafeBufferPointer<UInt8>
  /// Field f is `bytes[bounds[f] ..< bounds[f + 1] - 1]`.
  let bounds: UnsafeMutableBufferPointer<Int>
  /// Known column → field, −1 for a column the file lacks (`Context.map` without optionals
  /// or reference counts: rows are read on both cores).
  let map: UnsafeBufferPointer<Int>

  /// The field of known column k; empty for a column the file lacks.
  func field(_ k: Int) -> UnsafeBufferPointer<UInt8>? {
    let f = map[k]
    guard f >= 0 else { return UnsafeBufferPointer(start: nil, count: 0) }
    return UnsafeBufferPointer(rebasing: bytes[bounds[f]..<bounds[f + 1] - 1])
  }
}

extension TableFile {
  /// Reads the file's rows into records (see `RowDecoder`). The bytes are not kept: their
  /// fingerprint is, for a rewrite to know the file on disk is still these bytes (not taken
  /// for a store that is never written, `fingerprinted: false`).
  mutating func read<R>(
    _ data: [UInt8], kind: Kind, problems: inout [Problem], notes: inout [Problem],
    fingerprinted: Bool = true, _ decode: RowDecoder<R>
  ) -> [R] {
    data.withUnsafeBufferPointer { b in
      let records = read(buffer: b, kind: kind, problems: &problems, notes: &notes, decode: decode)
      if fingerprinted { fingerprint.add(UnsafeRawBufferPointer(b)) }
      keptIDSet = keptIDs(in: b)
      return records
    }
  }

  /// The same over bytes this table does not keep (the log, mapped from its file).
  /// `release(range)` says that those bytes will not be looked at again. `plain`, when given,
  /// reads the plain rows first (see `PlainDecoder`).
  mutating func read<R>(
    buffer b: UnsafeBufferPointer<UInt8>, kind: Kind, problems: inout [Problem], notes: inout [Problem],
    release: (@Sendable (Range<Int>) -> Void)? = nil, plain: PlainDecoder<R>? = nil, ahead: PlainAhead? = nil,
    decode: RowDecoder<R>
  ) -> [R] {
    hasContent = !b.isEmpty
    hasBOM = CSV.bomLength(b) > 0
    endsMidLine = b.last.map { $0 != CSV.lf && $0 != CSV.cr } ?? false
    var headerProblems: [Problem] = []
    var context = Context(columns: columns, rewritable: kind != .visits, name: name)
    let start = CSV.bomLength(b)
    // The header is the first record, whatever it holds.
    let (bodyStart, bodyLine) = CSV.parse(b, from: start, until: start + 1, line: 1) { rec in
      readHeader(rec, b, kind: kind, context: &context, problems: &headerProblems)
    }
    self.bodyStart = bodyStart
    let (body, records) = Stretch<R>.read(
      b, from: bodyStart, line: bodyLine, context: context, release: release, plain: plain, ahead: ahead,
      decode: decode)
    problems += headerProblems + body.problems
    notes += body.notes
    // The log is only appended to, never rewritten: where its rows were need not stay in
    // memory (for ten million rows that would be the load's biggest array).
    if context.rewritable {
      rows = RowSpans(body.rows)
      rowLines = body.rowLines
      kept = body.kept
    }
    unreadableHeader = context.unreadable
    return records
  }

  private mutating func readHeader(
    _ rec: CSVRecord, _ b: UnsafeBufferPointer<UInt8>, kind: Kind, context: inout Context,
    problems: inout [Problem]
  ) {
    let raw = b[rec.raw]
    if raw.count >= 2 && raw[raw.endIndex - 2] == CSV.cr && raw.last == CSV.lf {
      lineEnding = [CSV.cr, CSV.lf]
    }
    if let f = rec.fault {
      problems.append(Problem(file: name, line: rec.line, kind: .fault(f)))
      context.unreadable = true
      return
    }
    header = rec.fields
    context.width = header.count
    context.map = columns.map { header.firstIndex(of: $0) }
    for r in kind.required where !header.contains(r) {
      problems.append(Problem(file: name, line: rec.line, kind: .missingColumn(r)))
      context.unreadable = true
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

/// What the header says about the rows below it.
struct Context: Sendable {
  let name: String
  let columns: [String]
  /// Whether where each row was is kept, for rewriting the file.
  let rewritable: Bool
  var map: [Int?] = []
  var width = 0
  var unreadable = false

  init(columns: [String], rewritable: Bool, name: String = "") {
    self.columns = columns
    self.rewritable = rewritable
    self.name = name
  }

  /// The same, its arrays in storage of its own: every row's reader counts references to them,
  /// and two cores counting on one array's storage fight over it on every row.
  func ownCopy() -> Context {
    var c = Context(columns: columns.map { $0 }, rewritable: rewritable, name: name)
    c.map = map.map { $0 }
    c.width = width
    c.unreadable = unreadable
    return c
  }
}

extension TableFile {
  /// The ids of rows kept verbatim: references to them are not reported again, since the row
  /// itself already is.
  func keptIDs() -> Set<String> { keptIDSet }

  private func keptIDs(in b: UnsafeBufferPointer<UInt8>) -> Set<String> {
    guard let k = header.firstIndex(of: "id") else { return [] }
    var out = Set<String>()
    for row in kept {
      CSV.parse(UnsafeBufferPointer(rebasing: b[row.raw])) { rec in
        if rec.count > k { out.insert(rec.field(k)) }
      }
    }
    return out
  }
}
