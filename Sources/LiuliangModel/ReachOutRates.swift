/// Whether the messages brought anyone back, as PRODUCT.md "The reach-out loop" defines it.
public struct ContactOutcome: Sendable, Equatable {
  /// Contacts counted (for the uncontacted: customers).
  public var count: Int
  /// Of them, those followed by a visit in time.
  public var followed: Int

  public init(count: Int = 0, followed: Int = 0) {
    self.count = count
    self.followed = followed
  }

  public var rate: Double? { count == 0 ? nil : Double(followed) / Double(count) }
}

/// The win-back, welcome and birthday rates over contacts dated T−364 … T−30, and beside the
/// win-back rate the come-back rate of the at-risk customers nobody contacted.
public struct ReachOutRates: Sendable, Equatable {
  public let today: Day
  public var winBack = ContactOutcome()
  public var welcome = ContactOutcome()
  public var birthday = ContactOutcome()
  /// Customers at risk on T−30 with no contact in T−60 … T−30, and those who visited in T−29 … T.
  public var uncontacted = ContactOutcome()
  /// Who was counted, so that a logged visit can be counted in without reading contacts.csv again.
  var followUps = FollowUps()

  /// The contacts rated, by customer, and the uncontacted customers: customer c's contacts are
  /// `rated[starts[c]..<starts[c + 1]]`, in contacts.csv's order. Eight bytes a contact and four
  /// a customer, where a dictionary of arrays took about a hundred a customer.
  struct FollowUps: Sendable, Equatable {
    struct Rated: Sendable, Equatable {
      var date: Day
      var kind: ContactKind
      var days: Int { kind.followUpDays ?? 0 }
    }
    var starts: [Int32] = []
    var rated: [Rated] = []
    /// In ascending order.
    var uncontacted: [Int32] = []

    func rated(of c: Int) -> ArraySlice<Rated> {
      c >= 0 && c + 1 < starts.count ? rated[Int(starts[c])..<Int(starts[c + 1])] : []
    }

    func isUncontacted(_ c: Int) -> Bool {
      let at = firstUncontacted(from: c)
      return at < uncontacted.count && Int(uncontacted[at]) == c
    }

    /// The place of the first uncontacted customer c or after.
    func firstUncontacted(from c: Int) -> Int {
      var lo = 0
      var hi = uncontacted.count
      while lo < hi {
        let mid = (lo + hi) / 2
        if Int(uncontacted[mid]) < c { lo = mid + 1 } else { hi = mid }
      }
      return lo
    }
  }

  /// Days a contact must be old to be counted: its whole follow-up window has passed.
  public static let settleDays = 30
  public static let windowDays = 365

  public func outcome(_ kind: ContactKind) -> ContactOutcome? {
    switch kind {
    case .winBack: return winBack
    case .welcome: return welcome
    case .birthday: return birthday
    case .complaint, .other: return nil
    }
  }

  /// No contacts, nobody at risk: the figures of an empty store.
  public init(today t: Day) { today = t }

  /// `atRiskThen` is each customer's segment as of T−30 being at risk; computed here when not
  /// given (the dashboard may pass what it already has).
  public init(_ ds: Dataset, today t: Day, index: VisitIndex? = nil, atRiskThen: [Bool]? = nil) {
    ModelWork.note()
    today = t
    let log = ds.contactLog
    let n = ds.customers.count
    let first = t.adding(-(Self.windowDays - 1))
    let last = t.adding(-Self.settleDays)
    // Without legacy win-back dates the log is contacts.csv, whose customers the store found.
    let found =
      (log.count == ds.contacts.count ? ds.foundCustomers.ofContacts(in: ds) : nil)
      ?? Self.customers(of: log, in: ds.customers)
    func isRated(_ c: Contact) -> Bool { c.kind.followUpDays != nil && c.date >= first && c.date <= last }
    // Known contacts of the three rated kinds in the window, placed by customer: counted first,
    // then put from the log's end down, so that each customer's keep the log's order.
    var starts = [Int32](repeating: 0, count: n + 1)
    for (k, c) in log.enumerated() where found[k] >= 0 && isRated(c) { starts[Int(found[k])] += 1 }
    for i in 0..<n { starts[i + 1] += starts[i] }
    var rated = [FollowUps.Rated](repeating: FollowUps.Rated(date: t, kind: .welcome), count: Int(starts[n]))
    for k in stride(from: log.count - 1, through: 0, by: -1) where found[k] >= 0 && isRated(log[k]) {
      let i = Int(found[k])
      starts[i] -= 1
      rated[Int(starts[i])] = FollowUps.Rated(date: log[k].date, kind: log[k].kind)
    }
    // The dashboard's index serves both the segments on T−30 and each customer's visit dates.
    let index = index ?? VisitIndex(ds)
    var atRisk = atRiskThen ?? Self.atRisk(ds, on: last, index: index)
    // Contacted in T−60 … T−30: no longer among the uncontacted.
    let thenFrom = t.adding(-60)
    for (k, c) in log.enumerated() where found[k] >= 0 && c.date >= thenFrom && c.date <= last {
      atRisk[Int(found[k])] = false
    }
    var uncontacted: [Int32] = []
    for i in atRisk.indices where atRisk[i] { uncontacted.append(Int32(i)) }
    followUps = FollowUps(starts: starts, rated: rated, uncontacted: uncontacted)
    let outcomes = Self.outcomes(followUps, n, today: t, index: index, ds.visits)
    winBack = outcomes[0]
    welcome = outcomes[1]
    birthday = outcomes[2]
    self.uncontacted = outcomes[3]
  }

  /// Each contact's customer (−1 for an id customers.csv lacks), the log split between the cores.
  static func customers(
    of log: [Contact], in customers: ChunkedArray<Customer>, parts: Int? = nil
  ) -> [Int32] {
    let lookup = CustomerLookup(customers)
    var found = [Int32](repeating: -1, count: log.count)
    found.withUnsafeMutableBufferPointer { out in
      guard let base = out.baseAddress else { return }
      let out = Shared(base: base)
      inParts(log.count, parts: parts ?? max(1, min(cores, log.count / 65536))) { _, range in
        let part = lookup.indexes(log[range]) { $0.customer }
        for (k, i) in part.enumerated() { out.base[range.lowerBound + k] = i }
      }
    }
    return found
  }

  /// Win-back, welcome, birthday and uncontacted outcomes: each customer's contacts against their
  /// own visits, the customers split between the cores.
  static func outcomes(
    _ f: FollowUps, _ n: Int, today t: Day, index: VisitIndex, _ visits: VisitLog, parts: Int? = nil
  ) -> [ContactOutcome] {
    let parts = parts ?? max(1, min(cores, n / 20_000))
    var sums = [[ContactOutcome]](repeating: [], count: parts)
    sums.withUnsafeMutableBufferPointer { out in
      let out = Shared(base: out.baseAddress!)
      inParts(n, parts: parts) { p, range in
        var o = [ContactOutcome](repeating: ContactOutcome(), count: 4)
        for c in range {
          for r in f.rated(of: c) {
            let ok = index.hasVisit(of: c, from: r.date.adding(1), to: r.date.adding(r.days), in: visits)
            let k = r.kind == .winBack ? 0 : (r.kind == .welcome ? 1 : 2)
            o[k].add(ContactOutcome(count: 1, followed: ok ? 1 : 0))
          }
        }
        // The uncontacted of this part of the pool, found in their ascending list.
        var u = f.firstUncontacted(from: range.lowerBound)
        while u < f.uncontacted.count && Int(f.uncontacted[u]) < range.upperBound {
          let ok = index.hasVisit(of: Int(f.uncontacted[u]), from: t.adding(-29), to: t, in: visits)
          o[3].add(ContactOutcome(count: 1, followed: ok ? 1 : 0))
          u += 1
        }
        out.base[p] = o
      }
    }
    var total = [ContactOutcome](repeating: ContactOutcome(), count: 4)
    for part in sums {
      for k in 0..<4 { total[k].add(part[k]) }
    }
    return total
  }
}

extension ReachOutRates {
  /// Customer c's visit dated d, about to be counted in (sign 1) or out (sign −1), with
  /// `hadOther(a, b)` telling whether another of their visits is dated a … b. Only contacts whose
  /// follow-up window holds d and holds no other visit change their outcome.
  mutating func count(
    customer c: Int, date d: Day, sign: Int, hadOther: (Day, Day) -> Bool
  ) {
    for r in followUps.rated(of: c) {
      let a = r.date.adding(1)
      let b = r.date.adding(r.days)
      guard d >= a && d <= b && !hadOther(a, b) else { continue }
      let add = ContactOutcome(count: 0, followed: sign)
      switch r.kind {
      case .winBack: winBack.add(add)
      case .welcome: welcome.add(add)
      case .birthday: birthday.add(add)
      case .complaint, .other: break
      }
    }
    let a = today.adding(-29)
    if followUps.isUncontacted(c), d >= a, d <= today, !hadOther(a, today) {
      uncontacted.add(ContactOutcome(count: 0, followed: sign))
    }
  }
}

extension ContactOutcome {
  mutating func add(_ o: ContactOutcome) {
    count += o.count
    followed += o.followed
  }
}
