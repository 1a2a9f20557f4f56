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

  public init(_ ds: Dataset, today t: Day, weeks: Int = 12, index: VisitIndex? = nil) {
    let index = index ?? VisitIndex(ds)
    for k in stride(from: weeks - 1, through: 0, by: -1) {
      let d = t.adding(-7 * k)
      let a = Analysis(ds, today: d, index: index, shopWide: false)
      pool.append(Double(ds.customers.filter { $0.joined.map { $0 <= d } ?? true }.count))
      newFriends.append(
        Double(ds.customers.filter { $0.joined.map { d - $0 >= 0 && d - $0 < 7 } ?? false }.count))
      active.append(Double(a.active))
      repurchaseRate.append(a.repurchaseRate ?? 0)
      superUsers.append(Double(a.segmentCounts[.superUser] ?? 0))
      atRisk.append(Double(a.segmentCounts[.atRisk] ?? 0))
    }
  }
}
