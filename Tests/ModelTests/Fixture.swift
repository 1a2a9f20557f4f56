import LiuliangModel

/// A tiny store built by hand: days are given as offsets before T, so every expected figure in
/// the tests can be worked out on paper.
struct Fixture {
  static let t = Day("2026-11-16")!  // a Monday
  var ds = Dataset()
  let t: Day

  init(today: Day = Fixture.t) {
    t = today
    ds.shop = Shop(name: "测试店")
  }

  /// Adds a customer with visits `daysAgo` before T (negative = after T), spending `yuan` each.
  @discardableResult
  mutating func customer(
    _ id: String, joined: Int? = 400, tier: Tier = .friend, churned: Int? = nil, reason: Reason? = nil,
    birthday: String? = nil, welcomed: Bool = true, visits: [Int] = [], yuan: Int64 = 100,
    promo: [Bool]? = nil
  ) -> Int {
    let i = ds.customers.count
    ds.customers.append(
      Customer(
        id: id, name: id, joined: joined.map { t.adding(-$0) }, tier: tier,
        birthday: birthday.flatMap { Day($0) },
        churnedOn: churned.map { t.adding(-$0) }, churnReason: reason,
        welcomedOn: welcomed ? t.adding(-1) : nil))
    for (k, ago) in visits.enumerated() {
      ds.visits.append(
        Visit(
          customer: Int32(i), date: t.adding(-ago), time: TimeOfDay(minutes: 12 * 60),
          amount: Money(fen: yuan * 100),
          promotion: (promo?[k] ?? false) ? 0 : Visit.noPromotion))
    }
    return i
  }

  func analysis() -> Analysis { Analysis(ds, today: t) }
}
