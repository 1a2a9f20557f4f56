import LiuliangModel

/// Makes one customer of the pool: name, contacts, tags, when and how they joined.
struct PeopleMaker {
  var rng: SeededRandom
  let words: Words
  let today: Day

  /// `filled`: every column has a value, as in a real shop's list (the benchmark's store).
  mutating func customer(id: String, first: Day, filled: Bool = false) -> Customer {
    let surname = rng.pick(words.surnames)
    let given = rng.chance(0.35) ? rng.pick(words.given) : rng.pick(words.given) + rng.pick(words.given)
    var name = surname + given
    // Some friends keep only their WeChat nickname in the owner's list.
    if rng.chance(0.06) { name = rng.pick(words.nicknames) }
    let span = today - first + 1
    // The two-month add-friend campaign at the start brought most of the pool.
    let joined: Day
    switch rng.unit() {
    case ..<0.05: joined = first.adding(-(30 + rng.below(300)))
    case ..<0.58: joined = first.adding(rng.below(60))
    case ..<0.89: joined = first.adding(60 + rng.below(max(1, span - 90)))
    default: joined = today.adding(-rng.below(30))
    }
    let tier: Tier = rng.chance(0.012) ? .member : (rng.chance(0.1) ? .vip : .friend)
    var tags: [String] = []
    for _ in 0..<rng.weighted([5, 4, 2, 1]) {
      let t = rng.pick(words.tags)
      if !tags.contains(t) { tags.append(t) }
    }
    if filled && tags.isEmpty { tags.append(rng.pick(words.tags)) }
    let birthday = Day(year: 1960 + rng.below(46), month: 1 + rng.below(12), day: 1 + rng.below(28))
    let welcomed: Day? = today - joined < 10 && rng.chance(0.5) ? nil : joined.adding(rng.below(2))
    return Customer(
      id: id, name: name, wechat: wechatID(), phone: rng.chance(0.75) || filled ? phone() : "", tags: tags,
      source: words.sources[rng.weighted([55, 20, 15, 10])], joined: joined, tier: tier,
      birthday: rng.chance(0.6) || filled ? birthday : nil,
      notes: rng.chance(0.12) || filled ? rng.pick(words.notes) : "",
      welcomedOn: welcomed.map { min($0, today) })
  }

  mutating func wechatID() -> String {
    let letters = Array("abcdefghijklmnopqrstuvwxyz")
    if rng.chance(0.4) {
      return "wxid_" + String((0..<10).map { _ in rng.pick(Array("abcdefghijklmnopqrstuvwxyz0123456789")) })
    }
    let stem = String((0..<(4 + rng.below(5))).map { _ in rng.pick(letters) })
    return stem + String(rng.below(1000))
  }

  mutating func phone() -> String {
    let second = ["3", "5", "7", "8", "9"]
    return "1" + rng.pick(second) + String((0..<9).map { _ in Character(String(rng.below(10))) })
  }
}

enum People {
  /// Makes sure the demo shows the cases the owner must see on the first morning: at-risk
  /// regulars whose birthday is this week, and new friends not yet welcomed.
  static func plantReachOutCases(_ ds: inout Dataset, today t: Day) {
    // Regulars who came every 9 days and then stopped 45–80 days ago: at risk by rule 4.
    var planted = 0
    var visits = Array(ds.visits)
    var i = ds.customers.count - 1
    while planted < 4 && i >= 0 {
      let c = ds.customers[i]
      if c.churnedOn == nil && c.tier != .member, let j = c.joined, t - j > 150 {
        let stop = t.adding(-(45 + planted * 11))
        visits.removeAll { $0.customer == Int32(i) }
        var d = stop
        var n = 0
        while d > j && n < 10 {
          let v = Visit(
            customer: Int32(i), date: d, time: TimeOfDay(minutes: 18 * 60 + 10 * n),
            amount: Money(fen: Int64(180_00 + 2_000 * n)),
            party: 3, channel: .dineIn)
          visits.append(v)
          d = d.adding(-9)
          n += 1
        }
        let bd = t.adding(planted * 2)
        ds.customers[i].birthday = Day(year: 1985 + planted, month: bd.month, day: bd.civil.day)
        planted += 1
      }
      i -= 1
    }
    sortByDateAndTime(&visits)
    ds.visits = VisitLog(visits)
  }
}
