/// Weekly history of the Today pane's key figures, oldest first, ending with T: each point is the
/// figure as of that week's last day, computed by the same rules as today's.
public struct Trends: Sendable, Equatable {
  public var pool: [Double] = []
  public var newFriends: [Double] = []
  public var active: [Double] = []
  public var repurchaseRate: [Double] = []
  public var superUsers: [Double] = []
  public var atRisk: [Double] = []

  public init() {}

  /// Each point counts what `Analysis(ds, today: d, shopWide: false)` would, without keeping any
  /// per-customer figures: every customer's visits are walked once for all the weeks, twice in
  /// all — first to count F and M into buckets, which place each week's super-user cuts, then
  /// to count the segments — and both walks are spread over every core.
  public init(_ ds: Dataset, today t: Day, weeks: Int = 12, index: VisitIndex? = nil) {
    ModelWork.note()
    guard weeks > 0 else { return }
    let index = index ?? VisitIndex(ds)
    let days = (0..<weeks).map { t.adding(-7 * (weeks - 1 - $0)) }
    let counts: [Counts]
    if let entries = index.entries {
      counts = Trends.counts(ds, days: days, offsets: index.offsets, entries: entries)
    } else {
      counts = days.map { Trends.counts(ds, today: $0, index: index) }
    }
    for c in counts {
      pool.append(Double(c.pool))
      newFriends.append(Double(c.newFriends))
      active.append(Double(c.active))
      repurchaseRate.append(c.base == 0 ? 0 : Double(c.again) / Double(c.base))
      superUsers.append(Double(c.superUsers))
      atRisk.append(Double(c.atRisk))
    }
  }

  /// One point by the definition, for an index without entries (an amount beyond 32 bits).
  static func counts(_ ds: Dataset, today d: Day, index: VisitIndex) -> Counts {
    let a = Analysis(ds, today: d, index: index, shopWide: false)
    var c = Counts()
    for cust in ds.customers {
      if cust.joined.map({ $0 <= d }) ?? true { c.pool += 1 }
      if let j = cust.joined, d - j >= 0, d - j < 7 { c.newFriends += 1 }
    }
    c.active = a.active
    c.base = a.repurchaseBase
    c.again = a.repurchasers
    c.superUsers = a.segmentCounts[.superUser] ?? 0
    c.atRisk = a.segmentCounts[.atRisk] ?? 0
    return c
  }

  struct Counts {
    var pool = 0
    var newFriends = 0
    var active = 0
    var base = 0
    var again = 0
    var superUsers = 0
    var atRisk = 0

    mutating func add(_ o: Counts) {
      pool += o.pool
      newFriends += o.newFriends
      active += o.active
      base += o.base
      again += o.again
      superUsers += o.superUsers
      atRisk += o.atRisk
    }
  }
}
