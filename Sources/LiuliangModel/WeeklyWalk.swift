/// One customer's figures at several dates from one walk over their visits: the few figures a
/// trend point needs, at each of the dates, oldest first.
struct WeeklyFigures {
  var recency: Int?
  var frequency: Int
  var monetary: Int64
  var repurchaseVisits: Int
  var visitDays: Int
  /// Only where rule 4 reads it (R over `at_risk_min_days`, up to `at_risk_max_days`), when asked.
  var medianGap: Double?
}

/// Walks a customer's visits (sorted by date) once for all the dates: the visits up to a date
/// are a prefix, and the visits in a window ending at it lie between two pointers that, like
/// the prefix, only move forward as the dates do. Sums of spend at both pointers give M.
struct WeeklyWalk {
  /// The distinct visit dates up to the date being walked, for the median gap.
  var distinct: [Int32] = []
  var gaps: [Int] = []

  @inline(__always) mutating func walk(
    _ e: UnsafeBufferPointer<VisitIndex.Entry>, _ lo: Int, _ hi: Int, dates: [Int32], _ th: Thresholds,
    medians: Bool, _ body: (Int, WeeklyFigures) -> Void
  ) {
    distinct.removeAll(keepingCapacity: true)
    var end = lo
    var spentToEnd: Int64 = 0
    var rfmStart = lo
    var spentToRfmStart: Int64 = 0
    var repurchaseStart = lo
    for (w, day) in dates.enumerated() {
      let d = Int(day)
      while end < hi && Int(e[end].date) <= d {
        let v = e[end]
        spentToEnd += v.fen
        if distinct.last != v.date { distinct.append(v.date) }
        end += 1
      }
      // Visits aged N days or more are out of "the N days up to d".
      while rfmStart < end && d - Int(e[rfmStart].date) >= th.rfmWindowDays {
        spentToRfmStart += e[rfmStart].fen
        rfmStart += 1
      }
      while repurchaseStart < end && d - Int(e[repurchaseStart].date) >= th.repurchaseWindowDays {
        repurchaseStart += 1
      }
      let recency = distinct.last.map { d - Int($0) }
      var median: Double?
      if medians, let r = recency, distinct.count >= 2, r > th.atRiskMinDays, r <= th.atRiskMaxDays {
        median = medianGap(days: distinct.count)
      }
      body(
        w,
        WeeklyFigures(
          recency: recency, frequency: end - rfmStart, monetary: spentToEnd - spentToRfmStart,
          repurchaseVisits: end - repurchaseStart, visitDays: distinct.count, medianGap: median))
    }
  }

  /// The median gap between the first `days` visit days, as `CustomerFigures` has it.
  mutating func medianGap(days: Int) -> Double? {
    gaps.removeAll(keepingCapacity: true)
    var k = 1
    while k < days {
      gaps.append(Int(distinct[k]) - Int(distinct[k - 1]))
      k += 1
    }
    return CustomerFigures.median(&gaps)
  }
}
