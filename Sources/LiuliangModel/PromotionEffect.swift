/// Does a promotion work (PRODUCT.md "promotion effect"): visits in its hours and outside them,
/// in the 8 weeks before its start and in the whole weeks since, so that its hours can be
/// compared with the rest of the shop over the same weeks.
public struct PromotionEffect: Sendable, Equatable {
  /// Why there is no effect to show, or `.measured`.
  public enum State: String, Sendable, Equatable {
    case measured
    /// Neither `from` nor `to`: no hours to count in.
    case noWindow = "no_window"
    /// An empty `start`: there is no "before".
    case noStart = "no_start"
    /// Starts after T.
    case notStarted = "not_started"
  }

  public static let beforeWeeks = 8

  public var state: State
  /// k: whole weeks since the start, at most 8 (0 unless measured).
  public var weeksSince = 0
  public var inBefore = 0
  public var outBefore = 0
  public var inSince = 0
  public var outSince = 0

  public var measured: Bool { state == .measured }

  /// Visits per week in its hours in the 8 weeks before it started.
  public var beforePerWeek: Double? {
    measured ? Double(inBefore) / Double(Self.beforeWeeks) : nil
  }

  /// Visits per week in its hours since it started; none before a whole week has passed.
  public var sincePerWeek: Double? {
    measured && weeksSince > 0 ? Double(inSince) / Double(weeksSince) : nil
  }

  /// (in_since × out_before) ÷ (in_before × out_since) − 1: how much more its hours grew than
  /// the rest of the shop did. None when fewer than 2 whole weeks have passed or a count is 0.
  public var lift: Double? {
    guard measured, weeksSince >= 2, inBefore > 0, outBefore > 0, inSince > 0, outSince > 0 else {
      return nil
    }
    return Double(inSince) * Double(outBefore) / (Double(inBefore) * Double(outSince)) - 1
  }

  /// Measured, but no lift yet: "too early to tell".
  public var tooEarly: Bool { measured && lift == nil }

  public init(state: State) { self.state = state }

  /// What counting needs of one promotion: nil ranges for one that is not measured.
  struct Spans {
    var before: ClosedRange<Int32>
    var since: Range<Int32>
    var from: Int16
    var to: Int16
    /// Bit d set when weekday d (1…7) is one of its days.
    var weekdays: UInt8

    /// Which of the four counts visit v (dated d) adds to, or nil for none: 0 in its hours
    /// before, 1 outside them before, 2 and 3 likewise since.
    @inline(__always) func count(_ v: Visit, date d: Int32) -> Int? {
      let c: Int
      if before.contains(d) {
        c = 0
      } else if since.contains(d) {
        c = 2
      } else {
        return nil
      }
      let m = v.time.minutes
      let inHours = weekdays & (1 << v.date.weekday) != 0 && m >= from && m < to
      return c + (inHours ? 0 : 1)
    }
  }

  /// Visit v counted into (sign 1) or out of (sign −1) every promotion's effect as of t.
  static func count(
    _ v: Visit, sign: Int, into effects: inout [PromotionEffect], _ promotions: [Promotion], today t: Day
  ) {
    for (k, p) in promotions.enumerated() {
      guard let s = spans(p, today: t).1, let c = s.count(v, date: v.date.raw) else { continue }
      switch c {
      case 0: effects[k].inBefore += sign
      case 1: effects[k].outBefore += sign
      case 2: effects[k].inSince += sign
      default: effects[k].outSince += sign
      }
    }
  }

  static func spans(_ p: Promotion, today t: Day) -> (PromotionEffect, Spans?) {
    guard let w = p.window else { return (PromotionEffect(state: .noWindow), nil) }
    guard let start = p.start else { return (PromotionEffect(state: .noStart), nil) }
    guard start <= t else { return (PromotionEffect(state: .notStarted), nil) }
    var e = PromotionEffect(state: .measured)
    let last = min(t, p.end ?? t)
    e.weeksSince = max(0, min(8, (last - start + 1) / 7))
    var days: UInt8 = 0
    for d in 1...7 where p.appliesOn(weekday: d) { days |= 1 << d }
    let s = start.raw
    return (
      e,
      Spans(
        before: s - Int32(7 * beforeWeeks)...s - 1, since: s..<s + Int32(7 * e.weeksSince),
        from: w.from.minutes, to: w.to.minutes, weekdays: days)
    )
  }

  /// Every promotion's effect as of t, in one pass over the log split between the cores.
  public static func all(_ promotions: [Promotion], visits: VisitLog, today t: Day) -> [PromotionEffect] {
    ModelWork.note()
    let made = promotions.map { Self.spans($0, today: t) }
    var effects = made.map(\.0)
    let measured = made.indices.filter { made[$0].1 != nil }
    guard !measured.isEmpty, visits.count > 0 else { return effects }
    let counted = measured.map { made[$0].1! }
    let n = counted.count
    let parts = max(1, min(cores, visits.count / 100_000))
    // counts[(p * n + k) * 4 + c]: part p, promotion k; c = in/out before, in/out since.
    var counts = [Int](repeating: 0, count: parts * n * 4)
    counts.withUnsafeMutableBufferPointer { cb in
      let cb = Shared(base: cb.baseAddress!)
      do {
        inParts(visits.count, parts: parts) { p, range in
          let mine = cb.base + p * n * 4
          for i in range {
            let v = visits[i]
            let d = v.date.raw
            for k in 0..<n {
              if let c = counted[k].count(v, date: d) { mine[k * 4 + c] += 1 }
            }
          }
        }
      }
    }
    for (k, at) in measured.enumerated() {
      var sum = [0, 0, 0, 0]
      for p in 0..<parts {
        for c in 0..<4 { sum[c] += counts[(p * n + k) * 4 + c] }
      }
      effects[at].inBefore = sum[0]
      effects[at].outBefore = sum[1]
      effects[at].inSince = sum[2]
      effects[at].outSince = sum[3]
    }
    return effects
  }
}

extension Analysis {
  /// How many customers not churned a promotion's audience reaches.
  public func audienceSize(_ a: Audience, _ ds: Dataset) -> Int {
    var n = 0
    ds.customers.forEachAt { i, c in
      if c.pointee.churnedOn == nil && Analysis.reaches(a, at: c, segments[i]) { n += 1 }
    }
    return n
  }

  static func reaches(_ a: Audience, _ c: Customer, _ segment: Segment) -> Bool {
    withUnsafePointer(to: c) { reaches(a, at: $0, segment) }
  }

  /// The same for the customer at `c`, read where it lies (see `ChunkedArray.forEachAt`).
  static func reaches(_ a: Audience, at c: UnsafePointer<Customer>, _ segment: Segment) -> Bool {
    switch a {
    case .everyone, .friends: return true
    case .vip: return c.pointee.tier != .friend
    case .members: return c.pointee.tier == .member
    case .segment(let s): return segment == s
    case .tag(let t): return c.pointee.tags.contains(t)
    }
  }

  /// Every promotion's audience size in one walk over the pool, its parts on every core.
  static func audienceSizes(_ ds: Dataset, _ segments: [Segment], parts: Int? = nil) -> [Int] {
    let audiences = ds.promotions.map(\.audience)
    guard !audiences.isEmpty else { return [] }
    let customers = ds.customers
    let parts = parts ?? max(1, min(cores, customers.count / 65536))
    var counted = [[Int]](repeating: [], count: parts)
    counted.withUnsafeMutableBufferPointer { out in
      let out = Shared(base: out.baseAddress!)
      inParts(customers.count, parts: parts) { p, range in
        var sizes = [Int](repeating: 0, count: audiences.count)
        customers.forEachAt(in: range) { i, c in
          guard c.pointee.churnedOn == nil else { return }
          for (k, a) in audiences.enumerated() where reaches(a, at: c, segments[i]) { sizes[k] += 1 }
        }
        out.base[p] = sizes
      }
    }
    return audiences.indices.map { k in counted.reduce(0) { $0 + $1[k] } }
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
