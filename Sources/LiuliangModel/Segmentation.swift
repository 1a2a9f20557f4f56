/// Why a customer is in their segment: the rule that fired and the figures it looked at, for
/// screens to put in words ("last visit 74 days ago; usually every 12 days").
public enum SegmentWhy: Sendable, Equatable {
  case churned(on: Day, reason: Reason)
  case member
  case topCustomer(recency: Int, frequency: Int, frequencyCut: Int, spend: Money, spendCut: Money)
  case joined(daysAgo: Int)
  case overdue(recency: Int, medianGap: Double)
  case singleVisit(recency: Int)
  case asleep(recency: Int)
  case neverVisited
  case frequent(frequency: Int)
  case ordinary(frequency: Int)

  public var segment: Segment {
    switch self {
    case .churned: return .churned
    case .member, .topCustomer: return .superUser
    case .joined: return .new
    case .overdue, .singleVisit: return .atRisk
    case .asleep, .neverVisited: return .sleeping
    case .frequent: return .loyal
    case .ordinary: return .regular
    }
  }
}

/// The cut for super users: the ⌈share·N⌉-th largest value among the N customers not churned
/// (zeros included, so ties at the cut are in); nil when there is nobody to rank.
public func topCut<T: Comparable>(_ values: [T], share: Double) -> T? {
  guard let k = topRank(share: share, count: values.count) else { return nil }
  // The k-th largest by selection, not a sort: the same value in linear time, which matters
  // when the dashboard ranks a million customers thirteen times.
  var v = values
  return v.withUnsafeMutableBufferPointer { kthLargest($0, k - 1) }
}

/// Which largest value of `count` is the cut (1 = the largest): ⌈share·count⌉, at most `count`;
/// nil when there is nobody to rank or the share keeps nobody.
func topRank(share: Double, count: Int) -> Int? {
  guard count > 0 else { return nil }
  // A small guard, so that 0.2 × 15 counts as 3 and not as 3.0000000000000004 → 4.
  let k = Int((share * Double(count) - 1e-9).rounded(.up))
  guard k >= 1 else { return nil }
  return min(k, count)
}

/// The value at position `k` of the buffer sorted largest first (Hoare's selection).
func kthLargest<T: Comparable>(_ a: UnsafeMutableBufferPointer<T>, _ k: Int) -> T {
  var lo = 0
  var hi = a.count - 1
  while lo < hi {
    // Median of three as the pivot keeps sorted and constant runs from going quadratic.
    let mid = lo + (hi - lo) / 2
    if a[mid] > a[lo] { a.swapAt(mid, lo) }
    if a[hi] > a[lo] { a.swapAt(hi, lo) }
    if a[mid] > a[hi] { a.swapAt(mid, hi) }
    let pivot = a[hi]
    var i = lo
    var j = hi
    while i <= j {
      while a[i] > pivot { i += 1 }
      while pivot > a[j] { j -= 1 }
      if i <= j {
        a.swapAt(i, j)
        i += 1
        j -= 1
      }
    }
    if k <= j {
      hi = j
    } else if k >= i {
      lo = i
    } else {
      return a[k]
    }
  }
  return a[k]
}

public enum Segmentation {
  /// The first rule of PRODUCT.md that matches.
  public static func why(
    _ c: Customer, _ f: CustomerFigures, today t: Day, frequencyCut: Int?, spendCut: Money?, _ th: Thresholds
  ) -> SegmentWhy {
    withUnsafePointer(to: c) { why(at: $0, f, today: t, frequencyCut: frequencyCut, spendCut: spendCut, th) }
  }

  /// The same for the customer at `c`, read where it lies: a customer passed by value is copied,
  /// which counts a reference to each of its strings, and the rules read none of them.
  static func why(
    at c: UnsafePointer<Customer>, _ f: CustomerFigures, today t: Day, frequencyCut: Int?, spendCut: Money?,
    _ th: Thresholds
  ) -> SegmentWhy {
    if let on = c.pointee.churnedOn { return .churned(on: on, reason: c.pointee.churnReason ?? .unknown) }
    if c.pointee.tier == .member { return .member }
    if let r = f.recency, r <= th.superMaxRecencyDays, let fc = frequencyCut, let mc = spendCut,
      f.frequency >= fc, f.monetary >= mc
    {
      return .topCustomer(
        recency: r, frequency: f.frequency, frequencyCut: fc, spend: f.monetary, spendCut: mc)
    }
    return notSuper(joined: c.pointee.joined, f, today: t, th)
  }

  /// Rules 3 to 7, for a customer neither churned nor a super user. Rule 4 reads the median gap
  /// only when R is over `at_risk_min_days`, so a caller may leave it out for other customers.
  static func notSuper(joined: Day?, _ f: CustomerFigures, today t: Day, _ th: Thresholds) -> SegmentWhy {
    if let j = joined, t - j >= 0, t - j <= th.newDays { return .joined(daysAgo: t - j) }
    if let r = f.recency, r <= th.atRiskMaxDays {
      if f.visitDays >= 2, let g = f.medianGap, Double(r) > th.atRiskGapFactor * g, r > th.atRiskMinDays {
        return .overdue(recency: r, medianGap: g)
      }
      if f.visitDays == 1 && r > th.atRiskSingleVisitDays { return .singleVisit(recency: r) }
    }
    guard let r = f.recency else { return .neverVisited }
    if r > th.sleepingDays { return .asleep(recency: r) }
    if f.frequency >= th.loyalVisits { return .frequent(frequency: f.frequency) }
    return .ordinary(frequency: f.frequency)
  }
}
