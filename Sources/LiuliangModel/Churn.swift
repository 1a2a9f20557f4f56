/// Why customers left over the churn window, beside the first source text's benchmark.
public struct ChurnBreakdown: Sendable {
  public let counts: [Reason: Int]
  public let total: Int
  /// Complaints dated in the same days, and the silent unhappy customers they stand for.
  public let complaints: Int
  public let silentEstimate: Int
  /// Churned customers and complaints per calendar month, the twelve months up to T's, oldest
  /// first: counted with the reasons so that the Churn pane's trend is not a walk per frame.
  public let monthly: [ChurnMonth]

  public init(_ ds: Dataset, today t: Day) {
    ModelWork.note()
    let th = ds.shop.thresholds
    var counts: [Reason: Int] = [:]
    var total = 0
    let last = t.monthIndex
    var churnedIn = [Int](repeating: 0, count: 12)
    var complainedIn = [Int](repeating: 0, count: 12)
    ds.customers.forEachAt { _, c in
      guard let on = c.pointee.churnedOn else { return }
      if CustomerFigures.within(on, th.churnWindowDays, of: t) {
        counts[c.pointee.churnReason ?? .unknown, default: 0] += 1
        total += 1
      }
      if on <= t && last - on.monthIndex < 12 { churnedIn[11 - (last - on.monthIndex)] += 1 }
    }
    for c in ds.complaints where c.date <= t && last - c.date.monthIndex < 12 {
      complainedIn[11 - (last - c.date.monthIndex)] += 1
    }
    monthly = (0..<12).map {
      ChurnMonth(month: last - 11 + $0, churned: churnedIn[$0], complaints: complainedIn[$0])
    }
    self.counts = counts
    self.total = total
    complaints = ds.complaints.filter { CustomerFigures.within($0.date, th.churnWindowDays, of: t) }.count
    silentEstimate = complaints * th.silentPerComplaint
  }

  public func share(_ r: Reason) -> Double? { total == 0 ? nil : Double(counts[r] ?? 0) / Double(total) }
}

/// One calendar month of the churn trend.
public struct ChurnMonth: Sendable, Equatable {
  /// `Day.monthIndex`.
  public var month: Int
  public var churned: Int
  public var complaints: Int
}
