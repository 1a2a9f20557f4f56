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
/// the prefix, only move forward as the dates do. Sums of spend at both pointers give M. The
/// visit days are counted, not kept: the few walks that need a median gap read the prefix's
/// dates again, where keeping them cost an append for each of ten million visits.
struct WeeklyWalk {
  var gaps: [Int] = []

  @inline(__always) mutating func walk(
    _ e: UnsafeBufferPointer<VisitIndex.Entry>, _ lo: Int, _ hi: Int, dates: [Int32], _ th: Thresholds,
    medians: Bool, _ body: (Int, WeeklyFigures) -> Void
  ) {
    var end = lo
    var days = 0
    var lastDay: Int32 = 0
    var spentToEnd: Int64 = 0
    var rfmStart = lo
    var spentToRfmStart: Int64 = 0
    var repurchaseStart = lo
    for (w, day) in dates.enumerated() {
      let d = Int(day)
      while end < hi && Int(e[end].date) <= d {
        let v = e[end]
        spentToEnd += v.fen
        if days == 0 || lastDay != v.date {
          days += 1
          lastDay = v.date
        }
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
      let recency = days > 0 ? d - Int(lastDay) : nil
      var median: Double?
      if medians, let r = recency, days >= 2, r > th.atRiskMinDays, r <= th.atRiskMaxDays {
        median = medianGap(e, lo, end)
      }
      body(
        w,
        WeeklyFigures(
          recency: recency, frequency: end - rfmStart, monetary: spentToEnd - spentToRfmStart,
          repurchaseVisits: end - repurchaseStart, visitDays: days, medianGap: median))
    }
  }

  /// The median gap between the visit days of `e[lo..<end]`, as `CustomerFigures` has it.
  mutating func medianGap(_ e: UnsafeBufferPointer<VisitIndex.Entry>, _ lo: Int, _ end: Int) -> Double? {
    gaps.removeAll(keepingCapacity: true)
    var previous = e[lo].date
    for k in lo + 1..<end where e[k].date != previous {
      gaps.append(Int(e[k].date) - Int(previous))
      previous = e[k].date
    }
    return CustomerFigures.median(&gaps)
  }
}
