import Dispatch

/// Every number of PRODUCT.md "The numbers", as of one date T. Views and commands read these
/// fields and compute nothing themselves, so the screen and `--format json` always agree.
public struct Analysis: Sendable {
  public let today: Day
  public let thresholds: Thresholds
  public internal(set) var figures: [CustomerFigures]
  /// Each customer's segment; `why(_:_:)` gives the rule and figures behind it.
  public internal(set) var segments: [Segment]
  public internal(set) var frequencyCut: Int?
  public internal(set) var spendCut: Money?

  public let pool: Int
  public internal(set) var active: Int
  public let new30d: Int
  /// Customers with a visit in the repurchase window, and those with two or more visits in it.
  public internal(set) var repurchaseBase: Int
  public internal(set) var repurchasers: Int
  public internal(set) var segmentCounts: [Segment: Int]
  public internal(set) var reachOut: [ReachOut]
  public internal(set) var slots: SlotTable
  public internal(set) var discount: DiscountDependence
  public let churn: ChurnBreakdown
  /// Cohort retention, oldest joining month first.
  public internal(set) var cohorts: [Cohort]
  /// Each promotion's effect and audience size, in promotions.csv order.
  public internal(set) var effects: [PromotionEffect]
  public internal(set) var audienceSizes: [Int]
  /// Whether the reach-out messages worked (contacts.csv against the visit log).
  public internal(set) var rates: ReachOutRates
  /// Customers with a win_back contact or a legacy `win_back_on` date in the last
  /// `winBackDays` days up to T: the reach-out list leaves them out, the Churn pane marks them.
  public internal(set) var triedLately: Set<Int> = []
  /// At-risk customers by spend, highest first (ties in file order): the Churn pane's list.
  public internal(set) var atRiskBySpend: [Int]
  public let complaintLog: ComplaintLog
  public private(set) var postCalendar: PostCalendar
  /// What posted posts earned in the last eight weeks, by category.
  public private(set) var contentPerformance: [CategoryPerformance]
  /// What counting one logged visit in needs besides the figures (see VisitCounting.swift); nil
  /// when the analysis was made without it.
  var live: Live?

  public var repurchaseRate: Double? {
    repurchaseBase == 0 ? nil : Double(repurchasers) / Double(repurchaseBase)
  }

  public func segment(_ i: Int) -> Segment { segments[i] }

  /// Why customer i (`c`) is in their segment, worked out again when a screen asks: keeping
  /// it for a million customers would take 48 MB.
  public func why(_ i: Int, _ c: Customer) -> SegmentWhy {
    Segmentation.why(c, figures[i], today: today, frequencyCut: frequencyCut, spendCut: spendCut, thresholds)
  }

  /// `shopWide: false` skips the reach-out list, slots, discount and churn (for trend points).
  /// With `updatable` (the index's visits by customer) the analysis keeps what it needs to count
  /// a logged visit in later without working out every figure again.
  public init(
    _ ds: Dataset, today t: Day, index: VisitIndex? = nil, shopWide: Bool = true,
    updatable: CustomerVisits? = nil
  ) {
    ModelWork.note()
    let th = ds.shop.thresholds
    today = t
    thresholds = th
    let index = index ?? VisitIndex(ds)
    // First, while this date's figures do not exist yet: the rates' id table and lists of
    // contacts come and go before the figures' 56 bytes a customer are made.
    let rates = shopWide ? ReachOutRates(ds, today: t, index: index) : ReachOutRates(today: t)
    let figures = [CustomerFigures](unsafeUninitializedCapacity: ds.customers.count) { buf, n in
      Analysis.figures(ds, today: t, index: index, into: buf)
      n = ds.customers.count
    }
    // With what counting a visit in needs, the cuts are read from the order of F and M it keeps
    // rather than selected apart.
    let keeps = shopWide && updatable.map { $0.count == ds.customers.count } == true
    let ranked = keeps ? Live.ranked(ds, figures) : nil
    let (fCut, mCut) = ranked.map { Live.cuts($0, share: th.superTopShare) } ?? Analysis.cuts(ds, figures)
    frequencyCut = fCut
    spendCut = mCut
    self.rates = rates
    let (segments, tally) = Analysis.segments(ds, figures, today: t, frequencyCut: fCut, spendCut: mCut)
    self.figures = figures
    self.segments = segments
    pool = ds.customers.count
    active = tally.active
    new30d = tally.new30
    repurchaseBase = tally.base
    repurchasers = tally.again
    segmentCounts = Dictionary(uniqueKeysWithValues: zip(Segment.allCases, tally.segments))
    if shopWide {
      let first =
        ReachOut.foundFirst(ds, today: t)
        ?? ReachOut.firstIndexes(of: ReachOut.idsToFind(ds, today: t), in: ds.customers)
      let tried = ReachOut.recentWinBacks(ds, today: t, first: first)
      triedLately = tried.union(ReachOut.legacyWinBacks(ds, today: t))
      let bySpend = Analysis.atRisk(figures, segments)
      atRiskBySpend = bySpend
      reachOut = ReachOut.list(
        ds, figures: figures, segments: segments, today: t, triedLately: tried, first: first,
        atRiskBySpend: bySpend
      ) { i in
        Segmentation.why(ds.customers[i], figures[i], today: t, frequencyCut: fCut, spendCut: mCut, th)
      }
      let tallies = VisitTallies(ds.visits, today: t, th)
      slots = SlotTable(counts: tallies.slotCounts, ds.shop, ds.promotions, today: t)
      discount = DiscountDependence(tallies, figures: figures, th)
      churn = ChurnBreakdown(ds, today: t)
      cohorts = Cohort.table(ds, today: t, index: index)
      effects = PromotionEffect.all(ds.promotions, visits: ds.visits, today: t)
      audienceSizes = Analysis.audienceSizes(ds, segments)
      complaintLog = ComplaintLog(ds, first: first)
      postCalendar = PostCalendar(ds.posts)
      contentPerformance = CategoryPerformance.all(ds.posts, today: t)
      if let visits = updatable, let ranked {
        live = Live(visits: visits, ranked: ranked, triedLately: tried, reachOut: reachOut)
      }
    } else {
      reachOut = []
      slots = SlotTable(Dataset(shop: ds.shop), today: t)
      discount = DiscountDependence(Dataset(shop: ds.shop), figures: [], today: t)
      churn = ChurnBreakdown(Dataset(shop: ds.shop), today: t)
      cohorts = []
      effects = []
      audienceSizes = []
      atRiskBySpend = []
      complaintLog = ComplaintLog()
      postCalendar = PostCalendar()
      contentPerformance = []
    }
  }
}

extension Analysis {
  /// The same analysis with new posts: no other figure reads posts.csv, so a post added, moved
  /// or marked posted works out only the two post figures, not a million customers' again.
  public func withPosts(_ posts: [Post]) -> Analysis {
    var a = self
    a.postCalendar = PostCalendar(posts)
    a.contentPerformance = CategoryPerformance.all(posts, today: today)
    return a
  }

  static func atRisk(_ figures: [CustomerFigures], _ segments: [Segment]) -> [Int] {
    // Sorted with their spend beside them: looking it up in the figures on every comparison
    // missed the cache each time.
    var bySpend: [(fen: Int64, i: Int)] = []
    for i in segments.indices where segments[i] == .atRisk { bySpend.append((figures[i].monetary.fen, i)) }
    bySpend.sort { $0.fen > $1.fen || ($0.fen == $1.fen && $0.i < $1.i) }
    return bySpend.map(\.i)
  }

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

  /// The frequency and spend cuts for super users, among the customers not churned: the two
  /// selections are independent, so each gets a core.
  static func cuts(_ ds: Dataset, _ figures: [CustomerFigures]) -> (Int?, Money?) {
    let share = ds.shop.thresholds.superTopShare
    let customers = ds.customers
    var found = [Int64?](repeating: nil, count: 2)
    found.withUnsafeMutableBufferPointer { out in
      let out = Shared(base: out.baseAddress!)
      DispatchQueue.concurrentPerform(iterations: 2) { k in
        var values: [Int64] = []
        values.reserveCapacity(customers.count)
        customers.forEachAt { i, c in
          if c.pointee.churnedOn == nil {
            values.append(k == 0 ? Int64(figures[i].frequency) : figures[i].monetary.fen)
          }
        }
        out.base[k] = topCut(values, share: share)
      }
    }
    return (found[0].map { Int($0) }, found[1].map { Money(fen: $0) })
  }

  /// What the segment pass counts besides the segments.
  struct Tally {
    /// By `Segment.allCases` order.
    var segments = [Int](repeating: 0, count: Segment.allCases.count)
    var active = 0
    var new30 = 0
    var base = 0
    var again = 0
  }

  /// Every customer's segment, and the counts, on every core.
  static func segments(
    _ ds: Dataset, _ figures: [CustomerFigures], today t: Day, frequencyCut: Int?, spendCut: Money?
  ) -> ([Segment], Tally) {
    let th = ds.shop.thresholds
    let customers = ds.customers
    let n = customers.count
    let chunk = 4096
    var tallies = [Tally](repeating: Tally(), count: (n + chunk - 1) / chunk)
    let segments = [Segment](unsafeUninitializedCapacity: n) { buf, filled in
      guard let base = buf.baseAddress else { return }
      let wb = Shared(base: base)
      tallies.withUnsafeMutableBufferPointer { tb in
        let tb = Shared(base: tb.baseAddress!)
        inChunks(n, chunk: chunk) { range in
          var s = Tally()
          customers.forEachAt(in: range) { i, c in
            let f = figures[i]
            let w = Segmentation.why(at: c, f, today: t, frequencyCut: frequencyCut, spendCut: spendCut, th)
            (wb.base + i).initialize(to: w.segment)
            s.segments[w.segment.ordinal] += 1
            if let r = f.recency, r < th.activeDays { s.active += 1 }
            if let j = c.pointee.joined, t - j >= 0, t - j <= th.newDays { s.new30 += 1 }
            if f.repurchaseVisits >= 1 { s.base += 1 }
            if f.repurchaseVisits >= 2 { s.again += 1 }
          }
          tb.base[range.lowerBound / chunk] = s
        }
      }
      filled = n
    }
    var total = Tally()
    for s in tallies {
      for k in total.segments.indices { total.segments[k] += s.segments[k] }
      total.active += s.active
      total.new30 += s.new30
      total.base += s.base
      total.again += s.again
    }
    return (segments, total)
  }
}

extension Segment {
  /// The place in `allCases`, for counting in an array.
  var ordinal: Int {
    switch self {
    case .churned: return 0
    case .superUser: return 1
    case .new: return 2
    case .atRisk: return 3
    case .sleeping: return 4
    case .loyal: return 5
    case .regular: return 6
    }
  }
}
