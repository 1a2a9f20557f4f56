/// Cohort retention: customers who joined in a calendar month, and for each following month up
/// to T's month the share with a visit in it.
public struct Cohort: Sendable, Equatable {
  /// `Day.monthIndex` of the joining month.
  public var month: Int
  public var size: Int
  /// `returned[k]` customers visited in month `month + 1 + k`.
  public var returned: [Int]

  public func share(_ k: Int) -> Double? {
    size == 0 || k >= returned.count ? nil : Double(returned[k]) / Double(size)
  }

  public static func table(_ ds: Dataset, today t: Day, index: VisitIndex) -> [Cohort] {
    var byMonth: [Int: Cohort] = [:]
    let last = t.monthIndex
    for (i, c) in ds.customers.enumerated() {
      guard let j = c.joined, j <= t else { continue }
      let m = j.monthIndex
      var cohort =
        byMonth[m] ?? Cohort(month: m, size: 0, returned: [Int](repeating: 0, count: max(0, last - m)))
      cohort.size += 1
      var seen = Set<Int>()
      for v in index.visits(of: i) {
        let d = ds.visits[Int(v)].date
        if d > t { break }
        let k = d.monthIndex - m - 1
        if k >= 0 && k < cohort.returned.count && seen.insert(k).inserted { cohort.returned[k] += 1 }
      }
      byMonth[m] = cohort
    }
    return byMonth.values.sorted { $0.month < $1.month }
  }
}
