/// One customer's figures as of T, from the visits dated on or before T.
///
/// Kept in 32-bit fields behind the public ones: the dashboard holds one of these for every
/// customer, 56 bytes rather than 112 for a million of them.
public struct CustomerFigures: Sendable, Equatable {
  private var last: Int32 = CustomerFigures.none
  private var r: Int32 = CustomerFigures.none
  private var f: Int32 = 0
  /// Twice the median gap, a whole number since the median of whole numbers is one or a half.
  private var gap2: Int32 = CustomerFigures.none
  private var days: Int32 = 0
  private var repurchase: Int32 = 0
  private var discount: Int32 = 0
  private var promoted: Int32 = 0
  private var all: Int32 = 0
  /// M: their spend.
  public var monetary: Money
  /// Whole-history visits and spend up to T, for the customers table.
  public var allSpend: Money

  private static let none = Int32.min

  public var lastVisit: Day? {
    get { last == Self.none ? nil : Day(raw: last) }
    set { last = newValue?.raw ?? Self.none }
  }
  /// R: days from the last visit to T; nil without any visit.
  public var recency: Int? {
    get { r == Self.none ? nil : Int(r) }
    set { r = newValue.map { Int32($0) } ?? Self.none }
  }
  /// F: visits in the rfm window (365 days up to T).
  public var frequency: Int {
    get { Int(f) }
    set { f = Int32(newValue) }
  }
  /// Distinct dates with a visit, whole history up to T.
  public var visitDays: Int {
    get { Int(days) }
    set { days = Int32(newValue) }
  }
  /// Median of the days between consecutive visit days; nil with fewer than two visit days.
  public var medianGap: Double? {
    get { gap2 == Self.none ? nil : Double(gap2) / 2 }
    set { gap2 = newValue.map { Int32(($0 * 2).rounded()) } ?? Self.none }
  }
  /// Visits (rows) in the repurchase window (90 days up to T).
  public var repurchaseVisits: Int {
    get { Int(repurchase) }
    set { repurchase = Int32(newValue) }
  }
  /// Visits in the discount window, and how many of them had a promotion.
  public var discountVisits: Int {
    get { Int(discount) }
    set { discount = Int32(newValue) }
  }
  public var promotedVisits: Int {
    get { Int(promoted) }
    set { promoted = Int32(newValue) }
  }
  public var allVisits: Int {
    get { Int(all) }
    set { all = Int32(newValue) }
  }

  public init() {
    monetary = .zero
    allSpend = .zero
  }

  /// "The N days up to T" are T−N+1 … T.
  @inline(__always) static func within(_ d: Day, _ n: Int, of t: Day) -> Bool {
    let age = t - d
    return age >= 0 && age < n
  }

  public init(
    visits: VisitLog, indexes: ArraySlice<Int32>, today t: Day, thresholds th: Thresholds, gaps: inout [Int]
  ) {
    self.init()
    gaps.removeAll(keepingCapacity: true)
    var previousDay: Day?
    for i in indexes {
      let v = visits[Int(i)]
      if v.date > t { break }
      allVisits += 1
      allSpend.fen += v.amount.fen
      if let p = previousDay {
        if v.date != p {
          gaps.append(v.date - p)
          visitDays += 1
        }
      } else {
        visitDays = 1
      }
      previousDay = v.date
      if CustomerFigures.within(v.date, th.rfmWindowDays, of: t) {
        frequency += 1
        monetary.fen += v.amount.fen
      }
      if CustomerFigures.within(v.date, th.repurchaseWindowDays, of: t) { repurchaseVisits += 1 }
      if CustomerFigures.within(v.date, th.discountWindowDays, of: t) {
        discountVisits += 1
        if v.hasPromotion { promotedVisits += 1 }
      }
    }
    lastVisit = previousDay
    recency = previousDay.map { t - $0 }
    medianGap = CustomerFigures.median(&gaps)
  }

  /// The same figures from the index's entries (`lo..<hi` of them): the loop above, over
  /// contiguous memory.
  init(
    _ e: UnsafeBufferPointer<VisitIndex.Entry>, _ lo: Int, _ hi: Int, today t: Day, thresholds th: Thresholds,
    gaps: inout [Int]
  ) {
    self.init()
    gaps.removeAll(keepingCapacity: true)
    var previous: Int32?
    let today = t.raw
    for k in lo..<hi {
      let v = e[k]
      let d = v.date
      if d > today { break }
      let amount = v.fen
      allVisits += 1
      allSpend.fen += amount
      if let p = previous {
        if d != p {
          gaps.append(Int(d) - Int(p))
          visitDays += 1
        }
      } else {
        visitDays = 1
      }
      previous = d
      let age = Int(today) - Int(d)
      if age < th.rfmWindowDays {
        frequency += 1
        monetary.fen += amount
      }
      if age < th.repurchaseWindowDays { repurchaseVisits += 1 }
      if age < th.discountWindowDays {
        discountVisits += 1
        if v.promoted { promotedVisits += 1 }
      }
    }
    lastVisit = previous.map { Day(raw: $0) }
    recency = previous.map { Int(today) - Int($0) }
    medianGap = CustomerFigures.median(&gaps)
  }

  /// The median; for an even count the mean of the two middle values.
  public static func median(_ values: inout [Int]) -> Double? {
    guard !values.isEmpty else { return nil }
    let n = values.count
    if n <= 32 {
      // Most customers have a few gaps: sorting them in place by insertion costs less than the
      // general sort's setting up, paid for every customer at each load.
      values.withUnsafeMutableBufferPointer { v in
        for i in 1..<n {
          let x = v[i]
          var j = i
          while j > 0 && v[j - 1] > x {
            v[j] = v[j - 1]
            j -= 1
          }
          v[j] = x
        }
      }
    } else {
      values.sort()
    }
    return n % 2 == 1 ? Double(values[n / 2]) : Double(values[n / 2 - 1] + values[n / 2]) / 2
  }
}
