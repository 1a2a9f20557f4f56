import Dispatch

extension Analysis {
  /// What counting a logged visit in needs besides the figures: each customer's visits (the
  /// index and those appended since), F and M of the customers not churned in order (for the
  /// super-user cuts and the customers a moved cut flips), and what the reach-out list read.
  struct Live: Sendable {
    var visits: CustomerVisits
    var frequencies: RankedValues
    var spends: RankedValues
    var triedLately: Set<Int>
    /// The at-risk entries at the front of `reachOut`.
    var atRiskReached: Int

    init(
      visits: CustomerVisits, ranked: (RankedValues, RankedValues), triedLately: Set<Int>,
      reachOut: [ReachOut]
    ) {
      self.visits = visits
      self.triedLately = triedLately
      atRiskReached = reachOut.prefix { $0.kindID == "at_risk" }.count
      (frequencies, spends) = ranked
    }

    /// F and M of the customers not churned, each in order: gathered in one walk over the pool,
    /// then each sorted on a core of its own.
    static func ranked(_ ds: Dataset, _ figures: [CustomerFigures]) -> (RankedValues, RankedValues) {
      var f: [Int64] = []
      var m: [Int64] = []
      var who: [Int32] = []
      f.reserveCapacity(figures.count)
      m.reserveCapacity(figures.count)
      who.reserveCapacity(figures.count)
      // Read where each customer lies: copying one out to test one field would count a
      // reference to each of their strings.
      ds.customers.forEachAt { i, c in
        if c.pointee.churnedOn == nil {
          f.append(Int64(figures[i].frequency))
          m.append(figures[i].monetary.fen)
          who.append(Int32(i))
        }
      }
      let ranked = Ranked()
      let (fs, ms, all) = (f, m, who)
      DispatchQueue.concurrentPerform(iterations: 2) { k in
        if k == 0 {
          ranked.f = RankedValues(sorting: fs, all)
        } else {
          ranked.m = RankedValues(sorting: ms, all)
        }
      }
      return (ranked.f, ranked.m)
    }

    /// The super-user cuts, read at their rank in the two orders: the same values a selection
    /// among the customers not churned gives (`Analysis.cuts`).
    static func cuts(_ ranked: (RankedValues, RankedValues), share: Double) -> (Int?, Money?) {
      guard let k = topRank(share: share, count: ranked.0.count) else { return (nil, nil) }
      return (Int(ranked.0.largest(k)), Money(fen: ranked.1.largest(k)))
    }

    /// Each worker sets only its own; both are read after both are done.
    private final class Ranked: @unchecked Sendable {
      var f = RankedValues()
      var m = RankedValues()
    }
  }

  /// Each customer's visits, those counted in since included; nil when not kept.
  public var visitsByCustomer: CustomerVisits? { live?.visits }

  /// Counts in the visit at `at`, the last of `ds.visits`, just appended: the figures become
  /// those `Analysis(ds, today:)` gives. Returns the customers whose figures or segment changed,
  /// or nil, changing nothing, when it cannot be counted in exactly (the caller works out every
  /// figure again): a visit dated after T or more than six days before it (it would move an
  /// older trend point or a segment as of T−30), or before the customer's latest visit.
  public mutating func countIn(visitAt at: Int, of ds: Dataset) -> [Int]? {
    guard at == ds.visits.count - 1 else { return nil }
    return count(ds.visits[at], at: Int32(at), sign: 1, ds)
  }

  /// Counts out visit v, which was at `at`, the end of the log, and is gone from `ds.visits`:
  /// the reverse of `countIn`, for a visit it counted in.
  public mutating func countOut(_ v: Visit, at: Int, of ds: Dataset) -> [Int]? {
    guard at == ds.visits.count else { return nil }
    return count(v, at: Int32(at), sign: -1, ds)
  }

  private mutating func count(_ v: Visit, at: Int32, sign: Int, _ ds: Dataset) -> [Int]? {
    guard var live, ds.customers.count == figures.count, ds.shop.thresholds == thresholds else { return nil }
    let t = today
    guard t - v.date >= 0 && t - v.date < 7 else { return nil }
    let c = Int(v.customer)
    let known = c >= 0
    if known {
      guard c < figures.count, c < live.visits.count else { return nil }
      if sign > 0 {
        if let last = live.visits.latest(c), ds.visits[Int(last)].date > v.date { return nil }
      } else {
        guard live.visits.appended[Int32(c)]?.last == at else { return nil }
      }
    }
    self.live = nil
    defer { self.live = live }
    countShopWide(v, sign: sign, ds)
    guard known else { return [] }

    let th = thresholds
    let customers = ds.customers
    let others = live.visits.byDate(c).filter { $0 != at }.map { ds.visits[Int($0)].date }
    func hadOther(_ a: Day, _ b: Day) -> Bool { others.contains { $0 >= a && $0 <= b } }
    countCohort(customers[c].joined, v.date, sign: sign, others: others)
    rates.count(customer: c, date: v.date, sign: sign, hadOther: hadOther)

    if sign > 0 {
      live.visits.append(at, of: c)
    } else {
      _ = live.visits.removeLast(of: c)
    }
    var gaps: [Int] = []
    let now = CustomerFigures(
      visits: ds.visits, indexes: live.visits.byDate(c)[...], today: t, thresholds: th, gaps: &gaps)
    let was = figures[c]
    if customers[c].churnedOn == nil {
      live.frequencies.move(Int32(c), from: Int64(was.frequency), to: Int64(now.frequency))
      live.spends.move(Int32(c), from: was.monetary.fen, to: now.monetary.fen)
    }
    let rank = topRank(share: th.superTopShare, count: live.frequencies.count)
    let fCut = rank.map { Int(live.frequencies.largest($0)) }
    let mCut = rank.map { Money(fen: live.spends.largest($0)) }

    // The customer, and those whose F or M lies between a cut's old and new place.
    var affected = [c]
    if let a = frequencyCut, let b = fCut, a != b {
      affected += live.frequencies.customers(in: Int64(min(a, b))...Int64(max(a, b))).map(Int.init)
    }
    if let a = spendCut, let b = mCut, a != b {
      affected += live.spends.customers(in: min(a.fen, b.fen)...max(a.fen, b.fen)).map(Int.init)
    }
    var changed: [(i: Int, was: Segment, now: Segment)] = []
    var seen = Set<Int>()
    for i in affected where seen.insert(i).inserted {
      let f = i == c ? now : figures[i]
      let s = Segmentation.why(customers[i], f, today: t, frequencyCut: fCut, spendCut: mCut, th).segment
      if i == c || s != segments[i] { changed.append((i, segments[i], s)) }
    }

    // Out of the ordered lists by the old figures, in again by the new.
    for x in changed where x.was == .atRisk {
      removeAtRisk(x.i, &live, customers[x.i])
    }
    let wasOnly = DiscountDependence.onlyOn(was, th)
    let nowOnly = DiscountDependence.onlyOn(now, th)
    if wasOnly && !nowOnly { discount.onlyOnDiscount.remove(at: place(c, in: discount.onlyOnDiscount)) }
    if nowOnly && !wasOnly { discount.onlyOnDiscount.insert(c, at: place(c, in: discount.onlyOnDiscount)) }
    figures[c] = now
    frequencyCut = fCut
    spendCut = mCut
    for x in changed { segments[x.i] = x.now }
    for x in changed where x.now == .atRisk {
      insertAtRisk(x.i, &live, customers[x.i])
    }

    for x in changed {
      let before = x.i == c ? was : figures[x.i]
      tally(before, x.was, sign: -1)
      tally(figures[x.i], x.now, sign: 1)
      guard customers[x.i].churnedOn == nil else { continue }
      for (k, p) in ds.promotions.enumerated() {
        audienceSizes[k] +=
          (Analysis.reaches(p.audience, customers[x.i], x.now) ? 1 : 0)
          - (Analysis.reaches(p.audience, customers[x.i], x.was) ? 1 : 0)
      }
    }
    return changed.map(\.i)
  }

  /// The figures that count every visit, walk-ins included: the slots, the discount share and
  /// the promotions' effects.
  private mutating func countShopWide(_ v: Visit, sign: Int, _ ds: Dataset) {
    let th = thresholds
    if SlotTable.counts(v, today: today, th) {
      var counts = slots.counts
      counts[v.date.weekday - 1][v.time.hour] += sign
      slots = SlotTable(counts: counts, ds.shop, ds.promotions, today: today)
    }
    if CustomerFigures.within(v.date, th.discountWindowDays, of: today) {
      discount.visits += sign
      if v.hasPromotion { discount.promoted += sign }
      discount.warning =
        discount.visits > 0 && Double(discount.promoted) / Double(discount.visits) > th.discountWarning
    }
    PromotionEffect.count(v, sign: sign, into: &effects, ds.promotions, today: today)
  }

  /// A customer who joined in month m returns in the visit's month unless another of their
  /// visits up to T (`others`) already made them.
  private mutating func countCohort(_ joined: Day?, _ d: Day, sign: Int, others: [Day]) {
    guard let j = joined, j <= today else { return }
    let m = j.monthIndex
    let month = d.monthIndex
    let k = month - m - 1
    guard k >= 0, k < today.monthIndex - m, let at = cohorts.firstIndex(where: { $0.month == m }) else {
      return
    }
    if !others.contains(where: { $0 <= today && $0.monthIndex == month }) { cohorts[at].returned[k] += sign }
  }

  private mutating func tally(_ f: CustomerFigures, _ s: Segment, sign: Int) {
    segmentCounts[s, default: 0] += sign
    if let r = f.recency, r < thresholds.activeDays { active += sign }
    if f.repurchaseVisits >= 1 { repurchaseBase += sign }
    if f.repurchaseVisits >= 2 { repurchasers += sign }
  }

  /// Where customer i goes among at-risk customers by spend, highest first, ties by index.
  private func atRiskPlace<C: RandomAccessCollection<Int>>(_ i: Int, in list: C) -> Int where C.Index == Int {
    let key = (-figures[i].monetary.fen, i)
    var lo = list.startIndex
    var hi = list.endIndex
    while lo < hi {
      let mid = (lo + hi) / 2
      let j = list[mid]
      if (-figures[j].monetary.fen, j) < key { lo = mid + 1 } else { hi = mid }
    }
    return lo
  }

  private mutating func removeAtRisk(_ i: Int, _ live: inout Live, _ c: Customer) {
    let p = atRiskPlace(i, in: atRiskBySpend)
    precondition(atRiskBySpend[p] == i, "an at-risk customer missing from the list")
    atRiskBySpend.remove(at: p)
    guard !ReachOut.triedLately(i, c.winBackOn, live.triedLately, today: today, thresholds) else { return }
    let q = atRiskPlace(i, in: reachOut[..<live.atRiskReached].lazy.map { $0.customer! })
    precondition(reachOut[q].customer == i, "an at-risk customer missing from the reach-out list")
    reachOut.remove(at: q)
    live.atRiskReached -= 1
  }

  private mutating func insertAtRisk(_ i: Int, _ live: inout Live, _ c: Customer) {
    atRiskBySpend.insert(i, at: atRiskPlace(i, in: atRiskBySpend))
    guard !ReachOut.triedLately(i, c.winBackOn, live.triedLately, today: today, thresholds) else { return }
    let q = atRiskPlace(i, in: reachOut[..<live.atRiskReached].lazy.map { $0.customer! })
    reachOut.insert(ReachOut(customer: i, reason: .atRisk(why(i, c))), at: q)
    live.atRiskReached += 1
  }

  /// Where i is or goes in an ascending list.
  private func place(_ i: Int, in list: [Int]) -> Int {
    var lo = 0
    var hi = list.count
    while lo < hi {
      let mid = (lo + hi) / 2
      if list[mid] < i { lo = mid + 1 } else { hi = mid }
    }
    return lo
  }
}

extension Trends {
  /// The last point again from the analysis as of its date, after a visit counted in: the other
  /// points are as of a week or more before, which such a visit does not reach.
  public mutating func setLatest(_ a: Analysis) {
    guard !active.isEmpty else { return }
    let w = active.count - 1
    active[w] = Double(a.active)
    repurchaseRate[w] = a.repurchaseBase == 0 ? 0 : Double(a.repurchasers) / Double(a.repurchaseBase)
    superUsers[w] = Double(a.segmentCounts[.superUser] ?? 0)
    atRisk[w] = Double(a.segmentCounts[.atRisk] ?? 0)
  }
}
