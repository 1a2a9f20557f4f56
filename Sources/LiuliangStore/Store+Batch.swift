import LiuliangModel

/// The store's own codec, opened to importers and exporters: a row read or written here is
/// exactly the row the store itself would read or write, so an export imports back unchanged.
public enum StoreRows {
  public static func fields(_ c: Customer) -> [String] { RecordCodec.fields(c) }
  public static func fields(_ p: Post) -> [String] { RecordCodec.fields(p) }
  public static func fields(_ p: Promotion) -> [String] { RecordCodec.fields(p) }
  public static func fields(_ c: Complaint) -> [String] { RecordCodec.fields(c) }
  public static func fields(_ c: Contact) -> [String] { RecordCodec.fields(c) }

  /// A visit's row; a customer or promotion the dataset doesn't know is written empty, since
  /// the record keeps only that it was unknown, not its id.
  public static func fields(_ v: Visit, in ds: Dataset) -> [String] {
    RecordCodec.fields(
      v, customerID: v.customer >= 0 ? ds.customers[Int(v.customer)].id : "",
      promotionID: v.promotion >= 0 ? ds.promotions[Int(v.promotion)].id : "")
  }

  /// A visit's row with its customer's and promotion's ids given (a chain's ids for them).
  public static func fields(_ v: Visit, customerID: String, promotionID: String) -> [String] {
    RecordCodec.fields(v, customerID: customerID, promotionID: promotionID)
  }

  public static func customer(_ fields: [String]) throws(ProblemKind) -> Customer {
    try decode(fields, .customers, RecordCodec.customer)
  }

  public static func post(_ fields: [String]) throws(ProblemKind) -> Post {
    try decode(fields, .posts, RecordCodec.post)
  }

  public static func promotion(_ fields: [String]) throws(ProblemKind) -> Promotion {
    try decode(fields, .promotions, RecordCodec.promotion)
  }

  public static func complaint(_ fields: [String]) throws(ProblemKind) -> Complaint {
    try decode(fields, .complaints, RecordCodec.complaint)
  }

  public static func contact(_ fields: [String]) throws(ProblemKind) -> Contact {
    try decode(fields, .contacts, RecordCodec.contact)
  }

  /// A visit whose customer and promotion ids must already be in the given indexes: an import
  /// that points at nobody is refused rather than stored as an unknown reference.
  public static func visit(_ fields: [String], customers: [String: Int32], promotions: [String: Int32])
    throws(ProblemKind) -> Visit
  {
    let (v, unknown) = try decode(fields, .visits) { (r: RowReader) throws(ProblemKind) in
      try RecordCodec.visit(r, customer: { customers[$0] }, promotion: { promotions[$0] })
    }
    if let unknown { throw unknown }
    return v
  }

  /// Fields in `kind.columns` order go through the same parser and codec as a file's row.
  static func decode<R>(_ fields: [String], _ kind: Kind, _ body: (RowReader) throws(ProblemKind) -> R)
    throws(ProblemKind) -> R
  {
    var bytes: [UInt8] = []
    CSV.appendRecord(fields, lineEnding: [CSV.lf], to: &bytes)
    var result: Result<R, ProblemKind> = .failure(.missingValue(field: kind.columns[0]))
    bytes.withUnsafeBufferPointer { b in
      CSV.parse(b) { rec in
        if let f = rec.fault {
          result = .failure(.fault(f))
          return
        }
        let map: [Int?] = kind.columns.indices.map { $0 < rec.count ? $0 : nil }
        do throws(ProblemKind) {
          result = .success(try body(RowReader(record: rec, map: map, columns: kind.columns)))
        } catch {
          result = .failure(error)
        }
      }
    }
    return try result.get()
  }
}

extension Kind {
  /// Values the store treats as an empty field (a friend's tier, a dine-in channel …).
  public var defaults: [String: String] { emptyEquivalents }
}

extension Store {
  /// Appends visits to visits.csv with one write and one fsync: either all of them land or,
  /// when the write fails, the file is cut back and none do. `extra` gives each visit's values
  /// for columns of the file's own (an order number from a till); a column the log lacks is
  /// added first, by one atomic rewrite that gives every existing row an empty field there.
  public func appendVisits(_ visits: [Visit], extra: [[String: String]] = []) throws(StoreError) {
    guard !visits.isEmpty else { return }
    let name = Kind.visits.fileName
    try checkWritable(name)
    let missing = missingLogColumns(extra)
    if !missing.isEmpty { try widenLog(with: missing) }
    var table = tables[.visits]!
    let dataset = self.dataset
    var bytes: [UInt8] = []
    for (i, v) in visits.enumerated() {
      let more = table.appendBytes(StoreRows.fields(v, in: dataset), extra: i < extra.count ? extra[i] : [:])
      table.appended(more)
      bytes += more
    }
    try Files.append(folder: folder, name: name, bytes: bytes)
    // The dataset's setter is private to Store.swift, so the new rows come in by reading the
    // folder again: an import is rare enough that the second read costs nothing that matters.
    try load()
  }

  /// The non-empty values of one of visits.csv's own columns, read from the file: the log's
  /// records keep nothing beyond their known fields. Unreadable rows give nothing.
  public func visitColumn(_ column: String) throws(StoreError) -> [String] {
    var out: [String] = []
    try eachLogRow(column) { rec, index in
      if let c = index, rec.fault == nil, !rec.fieldIsEmpty(c) { out.append(rec.field(c)) }
    }
    return out
  }

  /// Each row of visits.csv after its header, read from the file, with the place of `column`
  /// in it; false, reading nothing, when the log (as read) has no such column: ten million
  /// rows need no reading then.
  @discardableResult
  func eachLogRow(_ column: String, _ body: (CSVRecord, Int?) -> Void) throws(StoreError) -> Bool {
    let name = Kind.visits.fileName
    guard tables[.visits]?.header.contains(column) ?? false,
      let bytes = try Files.read(path(name), name: name)
    else { return false }
    var index: Int?
    var seenHeader = false
    bytes.withUnsafeBufferPointer { b in
      CSV.parse(b, from: CSV.bomLength(b)) { rec in
        if !seenHeader {
          seenHeader = true
          index = rec.fields.firstIndex { String($0.drop { $0 == " " || $0 == "\t" }) == column }
          return
        }
        body(rec, index)
      }
    }
    return true
  }

  /// The columns of `extra` with a value that the log has no column for yet.
  func missingLogColumns(_ extra: [[String: String]]) -> [String] {
    var missing: [String] = []
    for e in extra {
      for (k, v) in e.sorted(by: { $0.key < $1.key })
      where !v.isEmpty && !missing.contains(k) && !Kind.visits.columns.contains(k)
        && !(tables[.visits]!.header.contains(k))
      {
        missing.append(k)
      }
    }
    return missing
  }

  /// Rewrites visits.csv once with `columns` added to its header and an empty field added to
  /// every row, atomically; rows the parser could not read stay as they were.
  func widenLog(with columns: [String]) throws(StoreError) {
    let name = Kind.visits.fileName
    let table = tables[.visits]!
    let ending = table.lineEnding
    let commas = [UInt8](repeating: CSV.comma, count: columns.count)
    // Read mapped and written through a sink: neither the log nor its widened copy is ever
    // whole in memory.
    try Files.writeAtomically(folder: folder, name: name) { out throws(StoreError) in
      let read = try Files.withMapped(path(name), name: name) { b, release in
        guard !b.isEmpty && !table.header.isEmpty else { return false }
        var first = true
        var released = 0
        let bom = CSV.bomLength(b)
        out.append(UnsafeBufferPointer(rebasing: b[0..<bom]))
        CSV.parse(b, from: bom) { rec in
          let raw = UnsafeBufferPointer(rebasing: b[rec.raw])
          if rec.raw.lowerBound - released >= 8 << 20 {
            release(released..<rec.raw.lowerBound)
            released = rec.raw.lowerBound
          }
          if first {
            first = false
            out.appendRecord(rec.fields + columns, lineEnding: ending)
            return
          }
          if rec.fault != nil || (rec.count <= 1 && rec.fieldIsEmpty(0)) {
            out.append(raw)
            return
          }
          var body = raw.count
          if body > 0 && raw[body - 1] == CSV.lf {
            body -= 1
            if body > 0 && raw[body - 1] == CSV.cr { body -= 1 }
          }
          out.append(UnsafeBufferPointer(rebasing: raw[0..<body]))
          out.append(commas)
          out.append(UnsafeBufferPointer(rebasing: raw[body...]))
        }
        return true
      }
      if read != true { out.appendRecord(Kind.visits.columns + columns, lineEnding: ending) }
    }
    // The appends before this one were cut back by the log's old length, which is gone: their
    // undo is refused (as a file changed elsewhere) rather than cutting the wrong bytes.
    appends.removeAll()
    try load()
  }
}
