/// Every number of PRODUCT.md "The numbers", as of one date T. Views and commands read these
/// fields and compute nothing themselves, so the screen and `--format json` always agree.
public struct Analysis: Sendable {
  public let today: Day
  public let thresholds: Thresholds
  public let figures: [CustomerFigures]
  public let why: [SegmentWhy]
  public let frequencyCut: Int?
  public let spendCut: Money?

  public let pool: Int
  public let active: Int
  public let new30d: Int
  /// Customers with a visit in the repurchase window, and those with two or more visits in it.
  public let repurchaseBase: Int
  public let repurchasers: Int
  public let segmentCounts: [Segment: Int]
  public let reachOut: [ReachOut]
  public let slots: SlotTable
  public let discount: DiscountDependence
  public let churn: ChurnBreakdown

  public var repurchaseRate: Double? {
    repurchaseBase == 0 ? nil : Double(repurchasers) / Double(repurchaseBase)
  }

  public func segment(_ i: Int) -> Segment { why[i].segment }

  /// `shopWide: false` skips the reach-out list, slots, discount and churn (for trend points).
  public init(_ ds: Dataset, today t: Day, index: VisitIndex? = nil, shopWide: Bool = true) {
    let th = ds.shop.thresholds
    today = t
    thresholds = th
    let index = index ?? VisitIndex(ds)
    let figures = [CustomerFigures](unsafeUninitializedCapacity: ds.customers.count) { buf, n in
      Analysis.figures(ds, today: t, index: index, into: buf)
      n = ds.customers.count
    }
    phase("a.figures")
    let (fCut, mCut) = Analysis.cuts(ds, figures)
    phase("a.cuts")
    frequencyCut = fCut
    spendCut = mCut
    var why: [SegmentWhy] = []
    why.reserveCapacity(figures.count)
    var counts: [Segment: Int] = Dictionary(uniqueKeysWithValues: Segment.allCases.map { ($0, 0) })
    var active = 0
    var new30 = 0
    var base = 0
    var again = 0
    for (i, c) in ds.customers.enumerated() {
      let f = figures[i]
      let w = Segmentation.why(c, f, today: t, frequencyCut: fCut, spendCut: mCut, th)
      why.append(w)
      counts[w.segment, default: 0] += 1
      if let r = f.recency, r < th.activeDays { active += 1 }
      if let j = c.joined, t - j >= 0, t - j <= th.newDays { new30 += 1 }
      if f.repurchaseVisits >= 1 { base += 1 }
      if f.repurchaseVisits >= 2 { again += 1 }
    }
    self.figures = figures
    self.why = why
    pool = ds.customers.count
    self.active = active
    new30d = new30
    repurchaseBase = base
    repurchasers = again
    segmentCounts = counts
    if shopWide {
      phase("a.segments")
      reachOut = ReachOut.list(ds, figures: figures, why: why, today: t)
      phase("a.reach")
      slots = SlotTable(ds, today: t)
      phase("a.slots")
      discount = DiscountDependence(ds, figures: figures, today: t)
      phase("a.discount")
      churn = ChurnBreakdown(ds, today: t)
      phase("a.churn")
    } else {
      reachOut = []
      slots = SlotTable(Dataset(shop: ds.shop), today: t)
      discount = DiscountDependence(Dataset(shop: ds.shop), figures: [], today: t)
      churn = ChurnBreakdown(Dataset(shop: ds.shop), today: t)
    }
  }
}

extension Analysis {
  /// Every customer's figures as of t, on every core: each customer's are their own.
  static func figures(
    _ ds: Dataset, today t: Day, index: VisitIndex, into out: UnsafeMutableBufferPointer<CustomerFigures>
  ) {
    guard let base = out.baseAddress else { return }
    let th = ds.shop.thresholds
    let visits = ds.visits
    let shared = Shared(base: base)
    let entries = index.entries
    let offsets = index.offsets
    inChunks(ds.customers.count) { range in
      var gaps: [Int] = []
      if let entries {
        entries.withUnsafeBufferPointer { e in
          for i in range {
            (shared.base + i).initialize(
              to: CustomerFigures(
                e, Int(offsets[i]), Int(offsets[i + 1]), today: t, thresholds: th, gaps: &gaps))
          }
        }
        return
      }
      for i in range {
        (shared.base + i).initialize(
          to: CustomerFigures(
            visits: visits, indexes: index.visits(of: i), today: t, thresholds: th, gaps: &gaps))
      }
    }
  }

  /// The frequency and spend cuts for super users, among the customers not churned.
  static func cuts<C: RandomAccessCollection>(_ ds: Dataset, _ figures: C) -> (Int?, Money?)
  where C.Element == CustomerFigures, C.Index == Int {
    let th = ds.shop.thresholds
    var fs: [Int] = []
    var ms: [Int64] = []
    fs.reserveCapacity(ds.customers.count)
    ms.reserveCapacity(ds.customers.count)
    for (i, c) in ds.customers.enumerated() where c.churnedOn == nil {
      fs.append(figures[i].frequency)
      ms.append(figures[i].monetary.fen)
    }
    return (topCut(fs, share: th.superTopShare), topCut(ms, share: th.superTopShare).map { Money(fen: $0) })
  }
}
