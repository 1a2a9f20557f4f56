import LiuliangModel

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The store as an import of a till's orders needs it, read from the bytes of two files
/// instead of loading ten million visits: customers by phone, the order numbers already in the
/// log, and an append. `open` gives nil for any store it cannot read exactly as the loader
/// would (quotes, a value the loader would complain about, a duplicate id, CRLF, a log
/// without its `order` column …): the caller then takes the general path, which handles all.
public final class TillTarget {
  public let folder: String
  public let shop: Shop
  private let lock: FolderLock?
  private let customers: [UInt8]
  /// Phone (11 digits as a number) → where the first customer with it has its id.
  private var phones = PhoneTable()
  private(set) var orders = ByteSet()
  private let endsMidLine: Bool
  private let signature: FileSignature?

  /// `write`: take the store's lock (nil when another liuliang holds it).
  public static func open(folder: String, write: Bool) -> TillTarget? {
    guard Files.isDirectory(folder) == true else { return nil }
    var lock: FolderLock?
    if write {
      guard case .success(let l) = FolderLock.acquire(folder: folder) else { return nil }
      guard !Store.fileNames.contains(where: { Files.isSpecial(folder + "/" + $0) }) else { return nil }
      lock = l
      Files.removeLeftovers(folder: folder)
    }
    return try? TillTarget(folder: folder, lock: lock)
  }

  private struct NotPlain: Error {}

  private init(folder: String, lock: FolderLock?) throws {
    self.folder = folder
    self.lock = lock
    var shop = Shop()
    if let bytes = try Files.read(folder + "/" + ShopFile.name, name: ShopFile.name) {
      shop = ShopFile.parse(String(decoding: bytes, as: UTF8.self)).0
    }
    if let bytes = try Files.read(folder + "/" + MessagesFile.name, name: MessagesFile.name) {
      shop.messages = MessagesFile.parse(String(decoding: bytes, as: UTF8.self)).0
    }
    self.shop = shop
    customers = try Files.read(folder + "/" + Kind.customers.fileName, name: Kind.customers.fileName) ?? []
    let visitsPath = folder + "/" + Kind.visits.fileName
    signature = Files.signature(visitsPath)
    let visits = try Files.read(visitsPath, name: Kind.visits.fileName) ?? []
    endsMidLine = visits.last.map { $0 != CSV.lf } ?? false
    guard try indexCustomers(), try readOrders(visits) else { throw NotPlain() }
  }

  /// The id of the first customer whose phone is these 11 digits.
  public func customerID(phone: UInt64) -> ArraySlice<UInt8>? {
    phones.find(phone).map { customers[Int($0.start)..<Int($0.start) + Int($0.count)] }
  }

  /// Whether the order number is in the log (or was added by `insertOrder`).
  public func insertOrder(_ order: UnsafeBufferPointer<UInt8>) -> Bool { orders.insert(order) }

  /// Appends rows made by `appendRow` to visits.csv in one write, as `Store.appendVisits`
  /// does: a short write is cut back, the file is synced, and a log changed since it was read
  /// is refused.
  public func append(_ rows: [UInt8]) throws(StoreError) {
    guard lock != nil else { throw .readOnly(.requested) }
    guard !rows.isEmpty else { return }
    let name = Kind.visits.fileName
    if Files.isDirectory(folder) != true { throw .cannotWrite(file: folder, errno: ENOENT) }
    guard Files.signature(folder + "/" + name) == signature else { throw .changedOnDisk(file: name) }
    try Files.append(folder: folder, name: name, bytes: endsMidLine ? [CSV.lf] + rows : rows)
  }

  /// One row of visits.csv (`customer,date,time,amount,party,promotion,channel,order`), the
  /// bytes `CSV.appendRecord` makes of the visit's fields.
  public static func appendRow(
    _ v: Visit, customerID: some Collection<UInt8>, order: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]
  ) {
    out.append(contentsOf: customerID)
    RecordCodec.appendFields(v, promotionID: [], to: &out)
    out[out.count - 1] = CSV.comma
    out.append(contentsOf: order)
    out.append(CSV.lf)
  }

  // MARK: Reading the two files as the loader would

  /// Every customer row plain (no quote, the header's width, each checked value as the codec
  /// reads it, no id twice): then phone → first id is what the loader's customers give.
  private func indexCustomers() throws -> Bool {
    let columns = Kind.customers.columns
    let tiers = Set(Tier.allCases.map { Array($0.rawValue.utf8) })
    let reasons = Set(Reason.allCases.map { Array($0.rawValue.utf8) })
    var phones = PhoneTable()
    let plain = customers.withUnsafeBufferPointer { b -> Bool in
      guard !b.isEmpty else { return true }
      guard let base = b.baseAddress, memchr(base, Int32(UInt8(ascii: "\"")), b.count) == nil,
        memchr(base, 0x0D, b.count) == nil, UTF8Check.isValid(b)
      else { return false }
      var lines = PlainLines(b)
      var f: [Range<Int>] = []
      guard lines.next(into: &f) != nil, f.count >= 4, f.count <= columns.count,
        zip(f, columns).allSatisfy({ b[$0.0].elementsEqual($0.1.utf8) })
      else { return false }
      let width = f.count
      var ids = ByteSet()
      while lines.next(into: &f) != nil {
        guard f.count == width, !f[0].isEmpty, ids.insert(UnsafeBufferPointer(rebasing: b[f[0]])) else {
          return false
        }
        for k in [6, 8, 9, 12, 13] where k < width && !f[k].isEmpty {
          guard Day(utf8: UnsafeBufferPointer(rebasing: b[f[k]])) != nil else { return false }
        }
        if width > 7, !f[7].isEmpty, !tiers.contains(Array(b[f[7]])) { return false }
        if width > 10, !f[10].isEmpty, !reasons.contains(Array(b[f[10]])) { return false }
        let phone = f[3]
        guard phone.isEmpty || b[phone].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return false }
        if phone.count == 11 {
          var n: UInt64 = 0
          for d in b[phone] { n = n &* 10 &+ UInt64(d &- 0x30) }
          phones.insertFirst(n, PhoneTable.Slot(start: Int32(f[0].lowerBound), count: Int32(f[0].count)))
        }
      }
      return true
    }
    self.phones = phones
    return plain
  }

  /// Every log row plain, ASCII, of the header's width, the header the store's columns and
  /// `order` last: the non-empty last fields are the order numbers `Store.visitColumn` gives.
  /// Ten million rows are read eight bytes at a time.
  private func readOrders(_ visits: [UInt8]) throws -> Bool {
    var orders = ByteSet()
    let plain = visits.withUnsafeBufferPointer { b -> Bool in
      guard let base = b.baseAddress, memchr(base, Int32(UInt8(ascii: "\"")), b.count) == nil,
        memchr(base, 0x0D, b.count) == nil
      else { return false }
      let expected = Array(((Kind.visits.columns + ["order"]).joined(separator: ",") + "\n").utf8)
      guard b.count >= expected.count, b[0..<expected.count].elementsEqual(expected) else { return false }
      let width = Kind.visits.columns.count + 1
      return LogScan.lines(b, from: expected.count, commas: width - 1) { last in
        if !last.isEmpty { _ = orders.insert(last) }
      }
    }
    self.orders = orders
    return plain
  }
}
