import Dispatch
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
  /// The bytes the phone table's slots point into: customers.csv, or `PhoneCache`'s ids.
  private let ids: [UInt8]
  /// Phone (11 digits as a number) → where the first customer with it has its id.
  private let phones: PhoneTable
  private var orders: ByteSet
  private let endsMidLine: Bool
  /// The log has no `order` column yet: the first append adds it (see `append`).
  private let widen: Bool
  private let signature: FileSignature?
  /// The log's bytes `OrderIndex` covers (0 when it covers none).
  private let ordersCovered: Int
  /// customers.csv as it was when the phone table was made from it (not from `PhoneCache`).
  private let customersRead: DerivedFile.Source?

  /// `write`: take the store's lock (nil when another liuliang holds it). `expectedOrders`: about
  /// how many orders the import brings, room made for them as the log's are read.
  public static func open(folder: String, write: Bool, expectedOrders: Int = 0) -> TillTarget? {
    guard Files.isDirectory(folder) == true else { return nil }
    var lock: FolderLock?
    if write {
      guard case .success(let l) = FolderLock.acquire(folder: folder) else { return nil }
      guard !Store.fileNames.contains(where: { Files.isSpecial(folder + "/" + $0) }) else { return nil }
      lock = l
      Files.removeLeftovers(folder: folder)
    }
    return try? TillTarget(folder: folder, lock: lock, more: expectedOrders)
  }

  private struct NotPlain: Error {}

  private init(folder: String, lock: FolderLock?, more: Int) throws {
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
    signature = Files.signature(folder + "/" + Kind.visits.fileName)
    // The two files (or what is kept of them) are read at once, one per core: each result in
    // its own box.
    let found = Found()
    DispatchQueue.concurrentPerform(iterations: 2) { k in
      do throws(StoreError) {
        if k == 0 {
          if let kept = PhoneCache.read(folder: folder) {
            (found.phones, found.ids) = (kept.phones, kept.ids)
            return
          }
          let name = Kind.customers.fileName
          found.customersRead = DerivedFile.source(folder + "/" + name)
          let customers = try Files.read(folder + "/" + name, name: name) ?? []
          found.phones = TillTarget.indexCustomers(customers)
          found.ids = customers
        } else {
          found.orders = try OrderIndex.read(folder: folder, more: more)
        }
      } catch {
        found.errors[k] = error
      }
    }
    if let e = found.errors.compactMap({ $0 }).first { throw e }
    guard let phones = found.phones, let orders = found.orders else { throw NotPlain() }
    self.phones = phones
    self.ids = found.ids
    customersRead = found.customersRead
    self.orders = orders.orders
    endsMidLine = orders.endsMidLine
    widen = orders.widen
    ordersCovered = orders.covered
  }

  private final class Found: @unchecked Sendable {
    var phones: PhoneTable?
    var ids: [UInt8] = []
    var customersRead: DerivedFile.Source?
    var orders: OrderIndex.Found?
    var errors: [StoreError?] = [nil, nil]
  }

  /// The id of the first customer whose phone is these 11 digits.
  public func customerID(phone: UInt64) -> ArraySlice<UInt8>? {
    phones.find(phone).map { ids[Int($0.start)..<Int($0.start) + Int($0.count)] }
  }

  /// What a till's plan looks up and adds to, lent to it by `withLookups`: a local value, so
  /// that a million look-ups take no reference count and no exclusivity check of the class.
  public struct Lookups {
    var phones: PhoneTable
    var orders: ByteSet
    var sink: UInt64 = 0

    /// Where in `withLookups`' ids the first customer with this phone has its id.
    public func customerID(phone: UInt64) -> Range<Int>? {
      phones.find(phone).map { Int($0.start)..<(Int($0.start) + Int($0.count)) }
    }

    /// Whether the order number was not there yet (and now is).
    public mutating func insertOrder(_ order: UnsafeBufferPointer<UInt8>) -> Bool { orders.insert(order) }

    /// Room for `more` order numbers, made at once instead of by doubling.
    public mutating func reserveOrders(_ more: Int) { orders.reserve(orders.count + more) }

    /// Reads where `customerID(phone:)` and `insertOrder` will look for a row, before they do:
    /// called for a batch of rows first, it lets the cache misses of the batch (a million rows
    /// over tables of tens of megabytes) overlap instead of following one another. `warmID`
    /// then reads the ids the phones lead to, once their slots are in the cache.
    public mutating func warm(phone: UInt64?, order: UnsafeBufferPointer<UInt8>) {
      var s = UInt64(orders.touch(order))
      if let phone { s &+= phones.touch(phone) }
      sink &+= s
    }

    public mutating func warmID(phone: UInt64, ids: UnsafeBufferPointer<UInt8>) {
      if let slot = phones.find(phone), slot.count > 0 { sink &+= UInt64(ids[Int(slot.start)]) }
    }
  }

  /// Lends the tables to `body`, with the bytes the phones' ids lie in; the order numbers it
  /// adds stay added.
  public func withLookups<R>(_ body: (UnsafeBufferPointer<UInt8>, inout Lookups) -> R) -> R {
    // The set is moved out and back, never shared, so that adding to it copies nothing.
    var lookups = Lookups(phones: phones, orders: ByteSet())
    swap(&lookups.orders, &orders)
    defer { swap(&lookups.orders, &orders) }
    return ids.withUnsafeBufferPointer { body($0, &lookups) }
  }

  /// Whether the order number is in the log (or was added by `insertOrder`).
  public func insertOrder(_ order: UnsafeBufferPointer<UInt8>) -> Bool { orders.insert(order) }

  /// Appends rows made by `appendRow` to visits.csv in one write, as `Store.appendVisits`
  /// does: a short write is cut back, the file is synced, and a log changed since it was read
  /// is refused. A log without its `order` column is first widened as `Store.widenLog` does
  /// (`,order` on the header, an empty field on every row), in the same atomic rewrite.
  public func append(_ rows: [UInt8]) throws(StoreError) {
    guard lock != nil else { throw .readOnly(.requested) }
    guard !rows.isEmpty else {
      // The index is brought up to the log's end when that ends a line.
      if !endsMidLine, let size = signature?.size { keepOrders(size: Int(size)) }
      keepPhones()
      return
    }
    let name = Kind.visits.fileName
    if Files.isDirectory(folder) != true { throw .cannotWrite(file: folder, errno: ENOENT) }
    guard Files.signature(folder + "/" + name) == signature else { throw .changedOnDisk(file: name) }
    guard widen else {
      let bytes = endsMidLine ? [CSV.lf] + rows : rows
      try Files.append(folder: folder, name: name, bytes: bytes)
      // Every order number inserted by the import's plan is in the rows just written.
      if let size = signature?.size { keepOrders(size: Int(size) + bytes.count) }
      keepPhones()
      return
    }
    // The log is read mapped and written through a sink, a megabyte at a time: neither its
    // 430 MB nor the widened copy is ever whole in memory.
    let header = Array(Kind.visits.columns.joined(separator: ",").utf8)
    let ending: [UInt8] = [CSV.comma, CSV.lf]
    var size = 0
    try Files.writeAtomically(folder: folder, name: name) { out throws(StoreError) in
      out.append(header + Array(",order\n".utf8))
      _ = try Files.withMapped(folder + "/" + name, name: name) { b, release in
        guard let base = b.baseAddress else { return }
        var at = header.count + 1
        var released = 0
        while at < b.count {
          let end = memchr(base + at, Int32(CSV.lf), b.count - at).map {
            base.distance(to: $0.assumingMemoryBound(to: UInt8.self))
          }
          out.append(UnsafeBufferPointer(rebasing: b[at..<(end ?? b.count)]))
          out.append(ending)
          at = (end ?? b.count) + 1
          if at - released >= 8 << 20 {
            release(released..<min(at, b.count))
            released = at
          }
        }
      }
      out.append(rows)
      size = out.count
    }
    keepOrders(size: size)
    keepPhones()
  }

  /// Writes the order index for a log of `size` bytes when there is none to extend, or when
  /// the rows it would leave to read are more than a quarter of what it covers. An index of a
  /// million orders is tens of megabytes: rewritten for every export, it would cost more than
  /// reading the rows the exports added; this way an import reads at most a fifth of the log.
  private func keepOrders(size: Int) {
    guard ordersCovered == 0 || size - ordersCovered > ordersCovered / 4 else { return }
    OrderIndex.write(folder: folder, orders: orders, size: size)
  }

  /// The phone table made from customers.csv, kept for the next import.
  private func keepPhones() {
    guard let customersRead else { return }
    PhoneCache.write(folder: folder, phones: phones, customers: ids, source: customersRead)
  }

  /// One row of visits.csv (`customer,date,time,amount,party,promotion,channel,order`), the
  /// bytes `CSV.appendRecord` makes of the visit's fields (and `RecordCodec.appendFields`
  /// writes): made on the stack and appended at once, a million rows' twenty appends each
  /// being most of the cost of writing them.
  public static func appendRow(
    _ v: Visit, customerID: some Collection<UInt8>, order: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]
  ) {
    out.append(contentsOf: customerID)
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 128) { buf in
      guard var p = buf.baseAddress else { return }
      let c = v.date.civil
      put(&p, CSV.comma)
      digits(&p, UInt64(max(c.year, 0)), 4)
      put(&p, UInt8(ascii: "-"))
      digits(&p, UInt64(c.month), 2)
      put(&p, UInt8(ascii: "-"))
      digits(&p, UInt64(c.day), 2)
      put(&p, CSV.comma)
      let minutes = Int(v.time.minutes)
      digits(&p, UInt64(minutes / 60), 2)
      put(&p, UInt8(ascii: ":"))
      digits(&p, UInt64(minutes % 60), 2)
      put(&p, CSV.comma)
      if v.amount.fen < 0 { put(&p, UInt8(ascii: "-")) }
      let a = v.amount.fen.magnitude
      digits(&p, a / 100, 1)
      if a % 100 != 0 {
        put(&p, UInt8(ascii: "."))
        digits(&p, a % 100, 2)
      }
      put(&p, CSV.comma)
      digits(&p, UInt64(v.party), 1)
      put(&p, CSV.comma)
      put(&p, CSV.comma)
      for b in v.channel.rawValue.utf8 { put(&p, b) }
      put(&p, CSV.comma)
      out.append(
        contentsOf: UnsafeBufferPointer(start: buf.baseAddress, count: buf.baseAddress!.distance(to: p)))
    }
    out.append(contentsOf: order)
    out.append(CSV.lf)
  }

  @inline(__always) private static func put(_ p: inout UnsafeMutablePointer<UInt8>, _ c: UInt8) {
    p.pointee = c
    p += 1
  }

  /// Decimal digits, zero-padded to `width` (at most twenty: room enough in `appendRow`'s buffer).
  @inline(__always) private static func digits(
    _ p: inout UnsafeMutablePointer<UInt8>, _ value: UInt64, _ width: Int
  ) {
    var n = 1
    var t = value
    while t >= 10 {
      t /= 10
      n += 1
    }
    let w = max(n, width)
    var v = value
    var k = w - 1
    while k >= 0 {
      p[k] = UInt8(truncatingIfNeeded: 0x30 &+ v % 10)
      v /= 10
      k -= 1
    }
    p += w
  }

  // MARK: Reading the two files as the loader would

  /// Every customer row plain (no quote, the header's width, each checked value as the codec
  /// reads it, no id twice): then phone → first id is what the loader's customers give.
  static func indexCustomers(_ customers: [UInt8]) -> PhoneTable? {
    let columns = Kind.customers.columns
    let tiers = Tier.allCases.map { Array($0.rawValue.utf8) }
    let reasons = Reason.allCases.map { Array($0.rawValue.utf8) }
    let days = [6, 8, 9, 12, 13]
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
        for k in days where k < width && !f[k].isEmpty {
          guard Day(utf8: UnsafeBufferPointer(rebasing: b[f[k]])) != nil else { return false }
        }
        if width > 7, !f[7].isEmpty, !tiers.contains(where: { $0.elementsEqual(b[f[7]]) }) { return false }
        if width > 10, !f[10].isEmpty, !reasons.contains(where: { $0.elementsEqual(b[f[10]]) }) {
          return false
        }
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
    return plain ? phones : nil
  }

  /// Every log row plain, ASCII, of the header's width, the header the store's columns and
  /// `order` last: the non-empty last fields are the order numbers `Store.visitColumn` gives.
  /// Or the header without `order` (no import has added it yet): no order numbers, `widen`.
  /// Ten million rows are read eight bytes at a time.
  static func readOrders(_ b: UnsafeBufferPointer<UInt8>) -> (orders: ByteSet, widen: Bool)? {
    var orders = ByteSet()
    var widen = false
    let plain = { () -> Bool in
      guard let base = b.baseAddress, memchr(base, Int32(UInt8(ascii: "\"")), b.count) == nil,
        memchr(base, 0x0D, b.count) == nil
      else { return false }
      let expected = Array(((Kind.visits.columns + ["order"]).joined(separator: ",") + "\n").utf8)
      let narrow = Array((Kind.visits.columns.joined(separator: ",") + "\n").utf8)
      if b.count >= narrow.count, b[0..<narrow.count].elementsEqual(narrow) {
        widen = true
        return LogScan.lines(b, from: narrow.count, commas: narrow.filter { $0 == CSV.comma }.count) { _ in }
      }
      guard b.count >= expected.count, b[0..<expected.count].elementsEqual(expected) else { return false }
      let width = Kind.visits.columns.count + 1
      return LogScan.lines(b, from: expected.count, commas: width - 1) { last in
        if !last.isEmpty { _ = orders.insert(last) }
      }
    }()
    return plain ? (orders, widen) : nil
  }
}
