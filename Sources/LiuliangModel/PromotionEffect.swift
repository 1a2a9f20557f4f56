/// Does a promotion work: visits in its window per week, in the weeks before it started and
/// in the weeks since (both up to `weeks`, and never past T or its end).
public struct PromotionEffect: Sendable, Equatable {
  public var weeksBefore: Int
  public var visitsBefore: Int
  public var weeksSince: Int
  public var visitsSince: Int

  public var perWeekBefore: Double? { weeksBefore == 0 ? nil : Double(visitsBefore) / Double(weeksBefore) }
  public var perWeekSince: Double? { weeksSince == 0 ? nil : Double(visitsSince) / Double(weeksSince) }

  /// Nil for a promotion without a start date or a time window: there is no "before" or no
  /// window to count in.
  public init?(_ p: Promotion, visits: some Sequence<Visit>, today t: Day, weeks: Int = 8) {
    guard let start = p.start, let w = p.window else { return nil }
    let beforeFirst = start.adding(-7 * weeks)
    let lastDay = min(t, p.end ?? t)
    let sinceDays = max(0, min(lastDay - start + 1, 7 * weeks))
    weeksBefore = weeks
    weeksSince = sinceDays / 7
    visitsBefore = 0
    visitsSince = 0
    let sinceEnd = start.adding(7 * weeksSince)
    for v in visits where v.date >= beforeFirst && v.date < sinceEnd {
      guard p.appliesOn(weekday: v.date.weekday), v.time >= w.from, v.time < w.to else { continue }
      if v.date < start { visitsBefore += 1 } else { visitsSince += 1 }
    }
  }
}

extension Analysis {
  /// How many customers not churned a promotion's audience reaches.
  public func audienceSize(_ a: Audience, _ ds: Dataset) -> Int {
    var n = 0
    for (i, c) in ds.customers.enumerated() where c.churnedOn == nil {
      switch a {
      case .everyone, .friends: n += 1
      case .vip: if c.tier != .friend { n += 1 }
      case .members: if c.tier == .member { n += 1 }
      case .segment(let s): if segment(i) == s { n += 1 }
      case .tag(let t): if c.tags.contains(t) { n += 1 }
      }
    }
    return n
  }
}

extension ChurnBreakdown {
  /// Reasons whose share is at least `margin` above the benchmark, largest gap first, then the
  /// reasons a shop can act on that the benchmark lacks, most frequent first.
  public func standsOut(margin: Double = 0.05) -> [Reason] {
    guard total > 0 else { return [] }
    let above = Reason.allCases.filter { r in
      guard let b = r.benchmarkShare, let s = share(r) else { return false }
      return s - b >= margin - 1e-9
    }.sorted { (share($0)! - $0.benchmarkShare!) > (share($1)! - $1.benchmarkShare!) }
    let actionable = Reason.allCases.filter {
      $0.benchmarkShare == nil && $0 != .unknown && (counts[$0] ?? 0) > 0
    }
    .sorted { (counts[$0] ?? 0) > (counts[$1] ?? 0) }
    return above + actionable
  }
}
