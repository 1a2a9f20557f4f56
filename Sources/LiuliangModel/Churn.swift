/// Why customers left over the churn window, beside the first source text's benchmark.
public struct ChurnBreakdown: Sendable {
  public let counts: [Reason: Int]
  public let total: Int
  /// Complaints dated in the same days, and the silent unhappy customers they stand for.
  public let complaints: Int
  public let silentEstimate: Int

  public init(_ ds: Dataset, today t: Day) {
    let th = ds.shop.thresholds
    var counts: [Reason: Int] = [:]
    var total = 0
    for c in ds.customers {
      if let on = c.churnedOn, CustomerFigures.within(on, th.churnWindowDays, of: t) {
        counts[c.churnReason ?? .unknown, default: 0] += 1
        total += 1
      }
    }
    self.counts = counts
    self.total = total
    complaints = ds.complaints.filter { CustomerFigures.within($0.date, th.churnWindowDays, of: t) }.count
    silentEstimate = complaints * th.silentPerComplaint
  }

  public func share(_ r: Reason) -> Double? { total == 0 ? nil : Double(counts[r] ?? 0) / Double(total) }
}
