import LiuliangModel
import LiuliangStore

/// A chain's store in PostgreSQL, seen through one shop (`--shop ID`) or as one (`all`):
/// the chain's customers, complaints and contacts, and the shop's visits, posts and promotions.
/// Records are read by `COPY … TO STDOUT (FORMAT csv)` into the folder store's own codec, so
/// both stores give the same records for the same rows.
public final class PostgresStore: RecordStore {
  public let address: StoreAddress
  /// The shop whose visits, posts and promotions are read and written; nil for the whole chain.
  public let shop: String?
  public internal(set) var dataset = Dataset()
  public internal(set) var problems: [Problem] = []
  public internal(set) var readOnly: ReadOnlyReason?
  /// The bytes the last load read, as the files would hold them (a benchmark's "files' size").
  public internal(set) var loadedBytes = 0
  var connection: Connection
  /// The records as read or last written, to tell changed ones apart.
  var saved = Dataset()
  /// Each row's version as read, by id (customers, posts, promotions) or place (the rest).
  var versions = Versions()
  /// Row numbers of the visits this session added, newest last (undo takes back the last).
  var appended: [Int64] = []

  public var displayName: String { connection.name }

  /// The connected role's place in the chain: nil for a role `chain grant` did not make (the
  /// tables' owner), else its shop (nil shop: an owner).
  public private(set) var role: Roles.Entry?

  public enum Mode: Sendable { case readWrite, readOnly }

  /// Connects and reads; `shop` "all" (or nil) is the whole chain, which is read-only.
  public init(url: String, shop: String?, mode: Mode) throws(StoreError) {
    guard let a = StoreAddress(url) else { throw .server(.failed(store: url, .unreachable)) }
    address = a
    self.shop = shop == "all" ? nil : shop ?? "main"
    connection = try Connection.store(url)
    try Schema.check(connection)
    do {
      try listen(connection)
    } catch {
      throw .server(.failed(store: connection.name, error))
    }
    if let s = self.shop {
      let known = try run { () throws(ServerFailure) in
        try connection.query("SELECT 1 FROM shops WHERE id = $1", [s])
      }
      if known.isEmpty { throw .server(.noShop(store: connection.name, shop: s)) }
    }
    role = Roles.own(connection)
    readOnly = mode == .readOnly ? .requested : self.shop == nil ? .wholeChain : nil
    try load()
  }

  /// A server failure as the store's error, naming the store.
  func run<R>(_ body: () throws(ServerFailure) -> R) throws(StoreError) -> R {
    do {
      return try body()
    } catch {
      throw .server(.failed(store: connection.name, error))
    }
  }

  /// `WHERE` for the shop's own rows.
  func shopFilter(_ where: Bool = true) -> String {
    guard let shop else { return "" }
    return (`where` ? " WHERE " : " AND ") + "shop = " + quoted(shop)
  }

  /// A literal for SQL text that COPY can't take parameters in.
  func quoted(_ s: String) -> String {
    "'" + s.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "''") + "'"
  }

  public func retakeLock() -> Bool {
    // A lost connection is made again; the store is then as writable as it was.
    if !connection.isAlive, let c = try? Connection(address.url), (try? listen(c)) != nil { connection = c }
    return false
  }

  /// The non-empty values of one of the log's own columns in this shop's visits (the whole
  /// chain's without a shop): a till's order numbers, so that its export imported again adds
  /// nothing twice.
  public func visitColumn(_ column: String) throws(StoreError) -> [String] {
    guard Schema.visitOwnColumns.contains(column) else { return [] }
    let c = connection
    let col = Schema.column(column)
    let bytes = try run { () throws(ServerFailure) in
      try c.copyOut(
        "COPY (SELECT \(col) FROM visits WHERE \(col) <> ''\(shopFilter(false))) TO STDOUT (FORMAT csv)")
    }
    var out: [String] = []
    bytes.withUnsafeBufferPointer { b in
      CSV.parse(b) { r in
        if r.count == 1 { out.append(r.field(0)) }
      }
    }
    return out
  }

  func checkWritable() throws(StoreError) {
    if let r = readOnly { throw .readOnly(r) }
    if !connection.isAlive {
      // A dropped connection is tried once more before the write is kept for :retry.
      guard let c = try? Connection(address.url), (try? listen(c)) != nil else {
        throw .server(.failed(store: displayName, .connectionLost))
      }
      connection = c
    }
  }
}
