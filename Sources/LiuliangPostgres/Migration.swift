import LiuliangModel
import LiuliangStore

/// `liuliang migrate DIR URL --shop ID`: a folder's records into a chain as shop ID, in one
/// transaction. A second shop's customers join the pool: one whose phone (then WeChat id) is
/// already there becomes that customer; one whose id is taken by someone else gets a new id.
public enum Migration {
  public struct Outcome: Sendable {
    public var store: String
    public var customers = 0
    public var merged = 0
    public var renamed = 0
    public var visits = 0
  }

  /// `orders`, when given, holds each visit's till order number ("" for none), in the log's order.
  public static func run(_ ds: Dataset, into url: String, shop: String, orders: [String]? = nil)
    throws(StoreError) -> Outcome
  {
    let c = try Connection.store(url)
    try Schema.migrate(c)
    var out = Outcome(store: c.name)
    do throws(ServerFailure) {
      try c.transaction { () throws(ServerFailure) in
        try c.query("LOCK TABLE customers IN SHARE ROW EXCLUSIVE MODE")
        if !(try c.query("SELECT 1 FROM shops WHERE id = $1", [shop])).isEmpty {
          throw ServerFailure.other(sqlstate: "shop-exists")
        }
        try c.query(
          "INSERT INTO shops (id, settings, messages) VALUES ($1, $2, $3)",
          [shop, ShopFile.text(ds.shop), ds.shop.messages.isEmpty ? "" : MessagesFile.text(ds.shop.messages)])
        let ids = try customerIDs(ds, c, &out)
        try copy(c, .customers, shop: nil, ds.customers.filter { ids[$0.id]?.isNew ?? false }) { r in
          var f = StoreRows.fields(r)
          f[0] = ids[r.id]!.id
          return f
        }
        func mapped(_ id: String) -> String { id.isEmpty ? id : ids[id]?.id ?? id }
        try copy(c, .promotions, shop: shop, ds.promotions, StoreRows.fields)
        try copy(c, .posts, shop: shop, ds.posts, StoreRows.fields)
        try copy(c, .complaints, shop: nil, ds.complaints) { r in
          var f = StoreRows.fields(r)
          f[0] = mapped(f[0])
          return f
        }
        try copy(c, .contacts, shop: nil, ds.contacts) { r in
          var f = StoreRows.fields(r)
          f[0] = mapped(f[0])
          return f
        }
        let customerIDs = ds.customers.map { ids[$0.id]?.id ?? $0.id }
        let promotionIDs = ds.promotions.map(\.id)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(ds.visits.count * 48)
        let carried = orders?.count == ds.visits.count ? orders : nil
        for (i, v) in ds.visits.enumerated() {
          let f = StoreRows.fields(
            v, customerID: v.customer >= 0 ? customerIDs[Int(v.customer)] : "",
            promotionID: v.promotion >= 0 ? promotionIDs[Int(v.promotion)] : "")
          CSV.appendRecord([shop] + f + [carried?[i] ?? ""], lineEnding: [10], to: &bytes)
        }
        try c.copyIn(Schema.copyIn(.visits, withShop: true, own: ["order"]), bytes)
        out.visits = ds.visits.count
      }
    } catch .other(sqlstate: "shop-exists") {
      throw .server(.shopExists(store: c.name, shop: shop))
    } catch {
      throw .server(.failed(store: c.name, error))
    }
    return out
  }

  /// Each incoming customer's id in the pool, and whether the row is new to it.
  static func customerIDs(_ ds: Dataset, _ c: Connection, _ out: inout Outcome) throws(ServerFailure)
    -> [String: (id: String, isNew: Bool)]
  {
    var byPhone: [String: String] = [:]
    var byWeChat: [String: String] = [:]
    var taken = Set<String>()
    for row in try c.query("SELECT id, phone, wechat FROM customers") {
      let id = row[0] ?? ""
      taken.insert(id)
      if let p = row[1], !p.isEmpty, byPhone[p] == nil { byPhone[p] = id }
      if let w = row[2], !w.isEmpty, byWeChat[w] == nil { byWeChat[w] = id }
    }
    var ids: [String: (id: String, isNew: Bool)] = [:]
    for cust in ds.customers where ids[cust.id] == nil {
      if !cust.phone.isEmpty, let id = byPhone[cust.phone] {
        ids[cust.id] = (id, false)
        out.merged += 1
      } else if !cust.wechat.isEmpty, let id = byWeChat[cust.wechat] {
        ids[cust.id] = (id, false)
        out.merged += 1
      } else {
        var id = cust.id
        var k = 2
        while taken.contains(id) {
          id = "\(cust.id)-\(k)"
          k += 1
        }
        if id != cust.id { out.renamed += 1 }
        taken.insert(id)
        ids[cust.id] = (id, true)
        out.customers += 1
      }
    }
    return ids
  }

  static func copy<C: Collection>(
    _ c: Connection, _ kind: Kind, shop: String?, _ records: C, _ fields: (C.Element) -> [String]
  ) throws(ServerFailure) {
    guard !records.isEmpty else { return }
    var bytes: [UInt8] = []
    for r in records {
      CSV.appendRecord((shop.map { [$0] } ?? []) + fields(r), lineEnding: [10], to: &bytes)
    }
    try c.copyIn(Schema.copyIn(kind, withShop: shop != nil), bytes)
  }
}
