import LiuliangModel

/// How one customer comes back over time, and what each visit looks like.
enum VisitPlanner {
  enum Style { case walkIn, regular, dealHunter, vipRegular }

  struct Plan {
    var days: [Day]
    var style: Style
  }

  /// Chooses the customer's rhythm, then the dates of their visits; sets churn fields.
  static func plan(for c: inout Customer, index: Int32, first: Day, today t: Day, rng: inout SeededRandom)
    -> Plan
  {
    guard let joined = c.joined else { return Plan(days: [], style: .regular) }
    let start = max(joined, first)
    // Some were added online by a friend's referral and never came.
    if rng.chance(0.07) { return Plan(days: [], style: .regular) }
    var style: Style = c.tier == .friend ? .regular : .vipRegular
    if rng.chance(0.04) { style = .dealHunter }
    let gaps: [Double] = [6, 9, 13, 20, 30, 45, 70]
    var meanGap = gaps[rng.weighted([2, 3, 4, 4, 3, 2, 2])]
    if c.tier == .member { meanGap = 6 }
    if c.tier == .vip { meanGap = min(meanGap, 13) }
    var stop = t
    // One visit only: they came for the welcome dish and never returned.
    let oneTimer = c.tier == .friend && rng.chance(0.2)
    if rng.chance(0.2) && t - start > 40 {
      stop = start.adding(rng.below(t - start - 30))  // lapsed: stopped coming
    }
    if c.tier == .friend && rng.chance(0.07) && t - start > 20 {
      // Churned: the owner learned they left, and why.
      let left = start.adding(5 + rng.below(max(1, t - start - 5)))
      c.churnedOn = left
      c.churnReason = churnReason(&rng)
      stop = left.adding(-(3 + rng.below(20)))
    }
    var days: [Day] = []
    if joined >= first && joined <= t { days.append(joined) }
    if !oneTimer {
      var d = start.adding(Int(meanGap * (0.3 + rng.unit())))
      while d <= stop {
        var visitDay = d
        // The slow Monday: many who would come on a Monday come on Tuesday instead.
        if visitDay.weekday == 1 && rng.chance(0.45) { visitDay = visitDay.adding(1) }
        if visitDay <= t && days.last.map({ $0 < visitDay }) ?? true { days.append(visitDay) }
        d = d.adding(max(1, Int(meanGap * (0.4 + 1.2 * rng.unit()))))
      }
    }
    // A few churned customers come back once (still churned until the owner changes it).
    if let left = c.churnedOn, rng.chance(0.08), t - left > 14 {
      days.append(t.adding(-rng.below(min(14, t - left))))
    }
    return Plan(days: days, style: style)
  }

  static func churnReason(_ rng: inout SeededRandom) -> Reason? {
    let reasons: [Reason?] = [
      .staffIndifference, .product, .competitor, .friendInfluence, .moved, .died, .productQuality,
      .serviceQuality, .buyingExperience, .discountStopped, nil,
    ]
    return reasons[rng.weighted([40, 12, 10, 4, 6, 1, 7, 8, 3, 3, 6])]
  }

  // Constants, so that ten million visits don't build these arrays ten million times.
  static let partyWeights: [Double] = [3, 5, 3, 3, 1, 1]
  static let channelWeights: [Double] = [80, 10, 5, 5]
  static let channels = Channel.allCases

  static func visit(
    customer: Int32, day: Day, joined: Day?, style: Style, promo: [String: Int32], promotions: [Promotion],
    rng: inout SeededRandom
  ) -> Visit {
    var hour = 10 + rng.weighted(Generator.hourWeights)
    let weekday = day.weekday
    if style == .dealHunter && weekday <= 5 && rng.chance(0.8) { hour = 14 + rng.below(3) }
    let minute: Int
    switch hour {
    case 10: minute = 30 + rng.below(30)
    case 21: minute = rng.below(30)
    default: minute = rng.below(60)
    }
    let party = Int16(1 + rng.weighted(partyWeights))
    let perHead = 45 + rng.below(50)
    var amount = Int64(perHead) * Int64(party) * 100
    let channel = channels[rng.weighted(channelWeights)]
    var promotion = Visit.noPromotion
    func use(_ id: String) -> Bool {
      guard let i = promo[id] else { return false }
      let p = promotions[Int(i)]
      guard p.isActive(on: day), p.appliesOn(weekday: weekday) else { return false }
      if let w = p.window, !(w.from.minutes <= hour * 60 + minute && hour * 60 + minute < w.to.minutes) {
        return false
      }
      promotion = i
      return true
    }
    if channel == .groupBuy {
      _ = use("P04")
    } else if style == .dealHunter {
      _ = use("P01") || use("P06") || use("P03")
    } else if day == joined && rng.chance(0.8) {
      _ = use("P02")
    } else if (14...16).contains(hour) && rng.chance(0.6) {
      _ = use("P01") || use("P06")
    } else if customer >= 0 && rng.chance(0.14) {
      _ = use("P03")
    } else if style == .vipRegular && rng.chance(0.1) {
      _ = use("P05")
    }
    if promotion != Visit.noPromotion { amount = amount * 8 / 10 }
    return Visit(
      customer: customer, date: day, time: TimeOfDay(minutes: hour * 60 + minute), amount: Money(fen: amount),
      party: party, promotion: promotion, channel: channel)
  }
}
