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
  /// when the write fails, the file is cut back and none do.
  public func appendVisits(_ visits: [Visit]) throws(StoreError) {
    guard !visits.isEmpty else { return }
    let name = Kind.visits.fileName
    try checkWritable(name)
    var table = tables[.visits]!
    let dataset = self.dataset
    var bytes: [UInt8] = []
    for v in visits {
      let more = table.appendBytes(StoreRows.fields(v, in: dataset))
      table.appended(more)
      bytes += more
    }
    try Files.append(folder: folder, name: name, bytes: bytes)
    // The dataset's setter is private to Store.swift, so the new rows come in by reading the
    // folder again: an import is rare enough that the second read costs nothing that matters.
    try load()
  }
}
