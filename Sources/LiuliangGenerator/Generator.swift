import LiuliangModel

/// Makes a shop like the first source text's restaurant: friends added at the counter, lunch
/// and dinner peaks, a slow mid-afternoon and a slow Monday, a VIP group and a few paid
/// members, Moments posts, promotions, complaints and churned customers. The same options
/// always give the same store, so the demo in seeds/ can be made again and checked.
public struct GeneratorOptions: Sendable {
  public var customers: Int
  /// Days of visit history up to `today`.
  public var historyDays: Int
  /// Walk-in visits on an average day (scaled by weekday).
  public var walkInsPerDay: Double
  public var seed: UInt64
  public var today: Day
  /// A store shaped like a shop's real files rather than a numbered list: customer ids that
  /// follow no order (so nothing can find a customer by position), every customer column
  /// filled (phone, birthday, tags, notes), the visit log in date order as a till writes it.
  public var realLog = false

  public init(customers: Int, historyDays: Int = 200, walkInsPerDay: Double? = nil, seed: UInt64, today: Day)
  {
    self.customers = customers
    self.historyDays = historyDays
    self.walkInsPerDay = walkInsPerDay ?? Double(customers) / 50
    self.seed = seed
    self.today = today
  }

  /// The demo shop of seeds/: its fixed reference date is a Monday.
  public static let demoToday = Day(year: 2026, month: 11, day: 16)!
  public static let demo = GeneratorOptions(customers: 2000, seed: 20_261_116, today: demoToday)
}

public enum Generator {
  /// Opening hours by weekday: continuous from 10:30, so the slow afternoon is open and shows.
  static func hours() -> [Int: [ClosedOpenTime]] {
    var h: [Int: [ClosedOpenTime]] = [:]
    for d in 1...7 {
      let close = d == 5 || d == 6 ? "22:00" : "21:30"
      h[d] = Shop.parseHours("10:30-" + close)
    }
    return h
  }

  /// Relative traffic by weekday (1 = Monday): the slow Monday of the source text.
  static let weekdayFactor: [Double] = [0, 0.5, 0.9, 0.95, 1.0, 1.25, 1.45, 1.3]
  /// Relative traffic by hour 10 … 21: lunch and dinner peaks, a slow afternoon.
  static let hourWeights: [Double] = [2, 14, 20, 9, 1.5, 1.2, 2, 11, 19, 14, 6, 1.5]

  public static func make(_ o: GeneratorOptions) -> Dataset {
    var rng = SeededRandom(seed: o.seed)
    let words = Words.shared
    let t = o.today
    let first = t.adding(1 - o.historyDays)
    var ds = Dataset()
    ds.shop = Shop(name: words.shopName, language: "zh-Hans", hours: hours())
    ds.promotions = promotions(first: first, today: t)
    let promoIndex = Dictionary(uniqueKeysWithValues: ds.promotions.enumerated().map { ($1.id, Int32($0)) })
    var visits: [Visit] = []
    visits.reserveCapacity(o.customers * 7 + Int(o.walkInsPerDay) * o.historyDays)
    var customers: [Customer] = []
    customers.reserveCapacity(o.customers)
    let width = max(4, String(o.customers).count)
    var people = PeopleMaker(rng: SeededRandom(seed: o.seed ^ 0xC0FFEE), words: words, today: t)

    for i in 0..<o.customers {
      let id = o.realLog ? scrambledID(i) : "C" + zeroPad(i + 1, width)
      var c = people.customer(id: id, first: first, filled: o.realLog)
      let plan = VisitPlanner.plan(for: &c, index: Int32(i), first: first, today: t, rng: &rng)
      for day in plan.days {
        visits.append(
          VisitPlanner.visit(
            customer: Int32(i), day: day, joined: c.joined, style: plan.style, promo: promoIndex,
            promotions: ds.promotions, rng: &rng))
      }
      customers.append(c)
    }
    // Walk-ins: people who never added the owner as a friend.
    var d = first
    while d <= t {
      let n = Int((o.walkInsPerDay * weekdayFactor[d.weekday] * (0.8 + 0.4 * rng.unit())).rounded())
      for _ in 0..<n {
        visits.append(
          VisitPlanner.visit(
            customer: Visit.walkIn, day: d, joined: nil, style: .walkIn, promo: promoIndex,
            promotions: ds.promotions, rng: &rng))
      }
      d = d.adding(1)
    }
    sortByDateAndTime(&visits)
    ds.customers = ChunkedArray(customers)
    ds.visits = VisitLog(visits)
    ds.posts = Content.posts(today: t, words: words, rng: &rng)
    ds.complaints = complaints(customers: customers, first: first, today: t, words: words, rng: &rng)
    if o.customers >= 100 { People.plantReachOutCases(&ds, today: t) }
    ds.contacts = ContactHistory.make(ds, first: first, today: t, seed: o.seed)
    return ds
  }

  static func promotions(first: Day, today t: Day) -> [Promotion] {
    func window(_ a: String, _ b: String) -> ClosedOpenTime? {
      guard let f = TimeOfDay(a), let e = TimeOfDay(b, allowEndOfDay: true) else { return nil }
      return ClosedOpenTime(from: f, to: e)
    }
    let names = Words.shared.promotionNames
    return [
      Promotion(
        id: "P01", name: names[0], kind: .offpeak, discount: names[1], weekdays: Set(1...5),
        window: window("14:00", "17:00"), start: t.adding(-120)),
      Promotion(id: "P02", name: names[2], kind: .welcomeGift, discount: names[3], start: first),
      Promotion(
        id: "P03", name: names[4], kind: .friendsMenu, discount: names[5], audience: .friends,
        start: first.adding(20)),
      Promotion(
        id: "P04", name: names[6], kind: .groupBuy, discount: names[7], audience: .vip, start: t.adding(-20),
        end: t.adding(10)),
      Promotion(
        id: "P05", name: names[8], kind: .vipPriority, discount: names[9], audience: .vip,
        start: first.adding(30)),
      Promotion(
        id: "P06", name: names[10], kind: .offpeak, discount: names[11], weekdays: [6, 7],
        window: window("14:00", "16:00"), start: t.adding(-90), end: t.adding(-30)),
    ]
  }

  static func complaints(
    customers: [Customer], first: Day, today t: Day, words: Words, rng: inout SeededRandom
  )
    -> [Complaint]
  {
    var out: [Complaint] = []
    let count = max(3, customers.count / 140)
    // Who left for each reason, found once: looking per complaint is quadratic in the pool.
    var byReason: [String: [Int]] = [:]
    for (i, c) in customers.enumerated() {
      if let r = c.churnReason?.rawValue { byReason[r, default: []].append(i) }
    }
    for k in 0..<count {
      let (reasonID, text) = words.complaints[k % words.complaints.count]
      let date = first.adding(rng.below(t - first + 1))
      // Most complaints come from a known customer; the churned ones complained before leaving.
      let who = byReason[reasonID] ?? []
      let cust =
        !who.isEmpty && rng.chance(0.6)
        ? customers[rng.pick(who)].id : (rng.chance(0.7) ? customers[rng.below(customers.count)].id : "")
      let resolved = t - date > 21 ? rng.chance(0.85) : rng.chance(0.2)
      out.append(
        Complaint(
          customer: cust, date: date, reason: Reason(rawValue: reasonID) ?? .unknown, text: text,
          resolved: resolved))
    }
    return out.sorted { $0.date < $1.date }
  }
}

/// Orders visits by date and time, keeping the order of equal ones, like the log is written.
/// A counting sort over minutes: ten million visits would spend most of the generator's time
/// in a comparison sort.
func sortByDateAndTime(_ visits: inout [Visit]) {
  guard let lo = visits.lazy.map(\.date.raw).min(), let hi = visits.lazy.map(\.date.raw).max() else { return }
  let minutesPerDay = 1441
  let buckets = (Int(hi) - Int(lo) + 1) * minutesPerDay
  func key(_ v: Visit) -> Int {
    (Int(v.date.raw) - Int(lo)) * minutesPerDay + max(0, min(1440, Int(v.time.minutes)))
  }
  var starts = [Int](repeating: 0, count: buckets + 1)
  for v in visits { starts[key(v) + 1] += 1 }
  for k in 0..<buckets { starts[k + 1] += starts[k] }
  var out = [Visit](
    repeating: Visit(customer: 0, date: Day(raw: 0), time: TimeOfDay(minutes: 0)), count: visits.count)
  for v in visits {
    let k = key(v)
    out[starts[k]] = v
    starts[k] += 1
  }
  visits = out
}

/// A distinct id for each row that says nothing of its place: the row number times an odd
/// constant modulo 36^10 (a bijection), in base 36 — like the ids a CRM or a WeChat export gives.
func scrambledID(_ i: Int) -> String {
  let space: UInt64 = 3_656_158_440_062_976  // 36^10
  var v = (UInt64(i + 1) &* 1_442_695_040_888_963_407) % space
  let digits = Array("0123456789abcdefghijklmnopqrstuvwxyz".utf8)
  var out = [UInt8](repeating: 0, count: 10)
  for k in (0..<10).reversed() {
    out[k] = digits[Int(v % 36)]
    v /= 36
  }
  return "u" + String(decoding: out, as: UTF8.self)
}

func zeroPad(_ v: Int, _ width: Int) -> String {
  let s = String(v)
  return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
}
