/// Who the owner should contact today, and why.
public struct ReachOut: Sendable, Equatable {
  public enum Reason: Sendable, Equatable {
    /// An at-risk customer (the list is by spend M, highest first).
    case atRisk(SegmentWhy)
    /// A birthday in `inDays` days (0 = today).
    case birthday(inDays: Int)
    /// A new friend who has not had the welcome message or gift yet.
    case welcome(joinedDaysAgo: Int)
    /// An unresolved complaint (index into `Dataset.complaints`).
    case complaint(Int)
  }

  /// The reason's id, as `today --format json` writes it and Resources words it.
  public var kindID: String {
    switch reason {
    case .atRisk: return "at_risk"
    case .birthday: return "birthday"
    case .welcome: return "welcome"
    case .complaint: return "complaint"
    }
  }

  /// Index into `Dataset.customers`; nil for a complaint without a known customer.
  public var customer: Int?
  public var reason: Reason

  public init(customer: Int?, reason: Reason) {
    self.customer = customer
    self.reason = reason
  }

  /// At-risk customers by M, then birthdays soonest first, then new friends to welcome, then
  /// unresolved complaints oldest first.
  static func list(
    _ ds: Dataset, figures: [CustomerFigures], segments: [Segment], today t: Day,
    triedLately: Set<Int>? = nil, first known: [String: Int]? = nil, atRiskBySpend: [Int]? = nil,
    why: (Int) -> SegmentWhy
  ) -> [ReachOut] {
    ModelWork.note()
    let th = ds.shop.thresholds
    let customers = ds.customers
    let window = BirthdayWindow(from: t, within: th.birthdayDays)
    let triedLately = triedLately ?? recentWinBacks(ds, today: t)
    // One pass over the customers on every core, each chunk's finds kept in customer order.
    let chunk = 16384
    var found = [Found](repeating: Found(), count: (customers.count + chunk - 1) / chunk)
    found.withUnsafeMutableBufferPointer { out in
      guard let base = out.baseAddress else { return }
      let out = Shared(base: base)
      inChunks(customers.count, chunk: chunk) { range in
        var f = Found()
        customers.forEachAt(in: range) { i, c in
          if atRiskBySpend == nil && segments[i] == .atRisk
            && !ReachOut.triedLately(i, c.pointee.winBackOn, triedLately, today: t, th)
          {
            f.atRisk.append((figures[i].monetary.fen, i))
          }
          guard c.pointee.churnedOn == nil else { return }
          if let b = c.pointee.birthday, let d = window.days(to: b) { f.birthdays.append((d, i)) }
          if c.pointee.welcomedOn == nil, let j = c.pointee.joined, t - j >= 0, t - j <= th.newDays {
            f.welcome.append((i, t - j))
          }
        }
        out.base[range.lowerBound / chunk] = f
      }
    }
    var out: [ReachOut] = []
    // The at-risk customers by spend, when given in that order, need no sort of their own.
    let atRisk =
      atRiskBySpend?.filter { i in
        !ReachOut.triedLately(i, customers.at(i) { $0.pointee.winBackOn }, triedLately, today: t, th)
      }
      ?? found.flatMap(\.atRisk).sorted { $0.0 > $1.0 || ($0.0 == $1.0 && $0.1 < $1.1) }.map(\.1)
    out += atRisk.map { ReachOut(customer: $0, reason: .atRisk(why($0))) }
    let birthdays = found.flatMap(\.birthdays).sorted { $0 < $1 }
    out += birthdays.map { ReachOut(customer: $0.1, reason: .birthday(inDays: $0.0)) }
    out += found.flatMap(\.welcome).map { ReachOut(customer: $0.0, reason: .welcome(joinedDaysAgo: $0.1)) }
    let open = ds.complaints.indices.filter { !ds.complaints[$0].resolved && ds.complaints[$0].date <= t }
    let first = known ?? firstIndexes(of: Set(open.map { ds.complaints[$0].customer }), in: customers)
    out += open.map { ReachOut(customer: first[ds.complaints[$0].customer], reason: .complaint($0)) }
    return out
  }

  /// A customer the owner already tried to win back in the last days isn't asked for again.
  static func triedLately(
    _ i: Int, _ winBackOn: Day?, _ tried: Set<Int>, today t: Day, _ th: Thresholds
  ) -> Bool {
    tried.contains(i) || (winBackOn.map { t - $0 >= 0 && t - $0 < th.winBackDays } ?? false)
  }

  /// The customers with a win_back contact in the last `winBackDays` days up to T: a few
  /// hundred rows, looked up once rather than per customer.
  public static func recentWinBacks(_ ds: Dataset, today t: Day) -> Set<Int> {
    ModelWork.note()
    if let first = foundFirst(ds, today: t) { return recentWinBacks(ds, today: t, first: first) }
    return Set(firstIndexes(of: recentWinBackIDs(ds, today: t), in: ds.customers).values)
  }

  /// The same from the first customer of each id, found beside other ids in one walk.
  static func recentWinBacks(_ ds: Dataset, today t: Day, first: [String: Int]) -> Set<Int> {
    Set(recentWinBackIDs(ds, today: t).compactMap { first[$0] })
  }

  /// The customers with a legacy `win_back_on` date in the last `winBackDays` days up to T, in
  /// one walk over the pool on every core.
  static func legacyWinBacks(_ ds: Dataset, today t: Day) -> [Int] {
    let days = ds.shop.thresholds.winBackDays
    let customers = ds.customers
    let chunk = 65536
    var found = [[Int]](repeating: [], count: (customers.count + chunk - 1) / chunk)
    found.withUnsafeMutableBufferPointer { out in
      guard let base = out.baseAddress else { return }
      let out = Shared(base: base)
      inChunks(customers.count, chunk: chunk) { range in
        var mine: [Int] = []
        customers.forEachAt(in: range) { i, c in
          if let d = c.pointee.winBackOn, t - d >= 0, t - d < days { mine.append(i) }
        }
        out.base[range.lowerBound / chunk] = mine
      }
    }
    return found.flatMap { $0 }
  }

  static func recentWinBackIDs(_ ds: Dataset, today t: Day) -> Set<String> {
    let days = ds.shop.thresholds.winBackDays
    return Set(
      ds.contacts.filter { $0.kind == .winBack && t - $0.date >= 0 && t - $0.date < days }.map(\.customer))
  }

  /// Every id the analysis looks up in the pool (recent win-backs and complaints), so that one
  /// walk over a million customers finds them all where three walks did.
  static func idsToFind(_ ds: Dataset, today t: Day) -> Set<String> {
    recentWinBackIDs(ds, today: t).union(ds.complaints.map(\.customer))
  }

  /// `firstIndexes(of: idsToFind(ds, today: t), in: ds.customers)` read from the customers the
  /// store found, without a walk over the pool: nil when it did not find them in these arrays,
  /// or missed an id that is not ASCII (its bytes were looked up; other bytes may spell an equal
  /// String, which the walk would find).
  static func foundFirst(_ ds: Dataset, today t: Day) -> [String: Int]? {
    guard let contacts = ds.foundCustomers.ofContacts(in: ds),
      let complaints = ds.foundCustomers.ofComplaints(in: ds)
    else { return nil }
    var first: [String: Int] = [:]
    func add(_ id: String, _ i: Int32) -> Bool {
      if i >= 0 { first[id] = Int(i) }
      return i >= 0 || id.utf8.allSatisfy { $0 < 0x80 }
    }
    let days = ds.shop.thresholds.winBackDays
    for (k, c) in ds.contacts.enumerated() where c.kind == .winBack && t - c.date >= 0 && t - c.date < days {
      guard add(c.customer, contacts[k]) else { return nil }
    }
    for (k, c) in ds.complaints.enumerated() where !c.customer.isEmpty {
      guard add(c.customer, complaints[k]) else { return nil }
    }
    return first
  }

  /// What one chunk of customers adds to the list: (M, customer), (days, customer) and
  /// (customer, days since joining).
  struct Found {
    var atRisk: [(Int64, Int)] = []
    var birthdays: [(Int, Int)] = []
    var welcome: [(Int, Int)] = []
  }

  /// Each complaint's customer (nil for none or an id customers.csv lacks), found in one walk
  /// over the pool on every core rather than an index of every id.
  public static func complaintCustomers(_ ds: Dataset) -> [Int?] {
    complaintCustomers(
      ds, first: firstIndexes(of: Set(ds.complaints.map(\.customer).filter { !$0.isEmpty }), in: ds.customers)
    )
  }

  static func complaintCustomers(_ ds: Dataset, first: [String: Int]) -> [Int?] {
    ds.complaints.map { $0.customer.isEmpty ? nil : first[$0.customer] }
  }

  /// The first customer with each of a few ids, as `Dataset.customerIndex()` would give, without
  /// building that index for a million customers to look up a handful.
  static func firstIndexes(of ids: Set<String>, in customers: ChunkedArray<Customer>) -> [String: Int] {
    guard !ids.isEmpty else { return [:] }
    let chunk = 65536
    var found = [[String: Int]](repeating: [:], count: (customers.count + chunk - 1) / chunk)
    found.withUnsafeMutableBufferPointer { out in
      guard let base = out.baseAddress else { return }
      let out = Shared(base: base)
      inChunks(customers.count, chunk: chunk) { range in
        var mine: [String: Int] = [:]
        customers.forEachAt(in: range) { i, c in
          if ids.contains(c.pointee.id) && mine[c.pointee.id] == nil { mine[c.pointee.id] = i }
        }
        out.base[range.lowerBound / chunk] = mine
      }
    }
    // Chunks are in customer order: the first chunk to have an id has its first customer.
    var first: [String: Int] = [:]
    for mine in found {
      for (id, i) in mine where first[id] == nil { first[id] = i }
    }
    return first
  }

  /// Days from T to the next birthday when it falls 0…`within` days after T; 29 February
  /// counts as 28 February in common years.
  public static func daysToBirthday(_ birthday: Day, from t: Day, within: Int) -> Int? {
    let b = birthday.civil
    guard within >= 0 else { return nil }
    for d in 0...within {
      let day = t.adding(d).civil
      if day.month == b.month && day.day == b.day { return d }
      if b.month == 2 && b.day == 29 && !Day.isLeap(day.year) && day.month == 2 && day.day == 28 { return d }
    }
    return nil
  }
}

/// The calendar days 0…`within` days after T, so that each birthday needs one civil date and
/// one look-up instead of a civil date for every day of the window.
struct BirthdayWindow {
  /// Days until each (month, day), by `month * 32 + day`; -1 when it is not in the window.
  private var days = [Int](repeating: -1, count: 13 * 32)
  /// Days until a 29 February birthday: 29 February, or 28 February in a common year.
  private var leapDay = -1

  init(from t: Day, within: Int) {
    guard within >= 0 else { return }
    // Latest first, so that the soonest date of a calendar day is the one kept.
    for d in stride(from: within, through: 0, by: -1) {
      let c = t.adding(d).civil
      days[c.month * 32 + c.day] = d
      if c.month == 2 && (c.day == 29 || (c.day == 28 && !Day.isLeap(c.year))) { leapDay = d }
    }
  }

  /// What `ReachOut.daysToBirthday` gives for the window.
  func days(to birthday: Day) -> Int? {
    let b = birthday.civil
    let d = b.month == 2 && b.day == 29 ? leapDay : days[b.month * 32 + b.day]
    return d >= 0 ? d : nil
  }
}
