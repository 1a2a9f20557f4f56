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

  /// The contacts rated, by customer, and the uncontacted customers.
  struct FollowUps: Sendable, Equatable {
    struct Rated: Sendable, Equatable {
      var date: Day
      var days: Int
      var kind: ContactKind
    }
    var rated: [Int: [Rated]] = [:]
    var uncontacted: Set<Int> = []
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
    let lookup = CustomerLookup(ds.customers)
    let first = t.adding(-(Self.windowDays - 1))
    let last = t.adding(-Self.settleDays)
    // Known contacts of the three rated kinds in the window, and all contacts by customer.
    var rated: [(customer: Int, date: Day, days: Int, kind: ContactKind)] = []
    var contactedThen = Set<Int>()
    let found = lookup.indexes(log) { $0.customer }
    for (k, c) in log.enumerated() {
      guard found[k] >= 0 else { continue }
      let i = Int(found[k])
      if c.date >= t.adding(-60) && c.date <= last { contactedThen.insert(i) }
      if let days = c.kind.followUpDays, c.date >= first, c.date <= last {
        rated.append((i, c.date, days, c.kind))
      }
    }
    // The dashboard's index serves both the segments on T−30 and each customer's visit dates.
    let index = index ?? VisitIndex(ds)
    let atRisk =
      atRiskThen
      ?? {
        let a = Analysis(ds, today: last, index: index, shopWide: false)
        return a.segments.map { $0 == .atRisk }
      }()
    let uncontacted = atRisk.indices.filter { atRisk[$0] && !contactedThen.contains($0) }
    func visited(_ i: Int, from a: Day, to b: Day) -> Bool {
      index.hasVisit(of: i, from: a, to: b, in: ds.visits)
    }
    for r in rated {
      followUps.rated[r.customer, default: []].append(
        FollowUps.Rated(date: r.date, days: r.days, kind: r.kind))
    }
    followUps.uncontacted = Set(uncontacted)
    for r in rated {
      let ok = visited(r.customer, from: r.date.adding(1), to: r.date.adding(r.days))
      let add = ContactOutcome(count: 1, followed: ok ? 1 : 0)
      switch r.kind {
      case .winBack: winBack.add(add)
      case .welcome: welcome.add(add)
      case .birthday: birthday.add(add)
      case .complaint, .other: break
      }
    }
    for i in uncontacted {
      self.uncontacted.add(ContactOutcome(count: 1, followed: visited(i, from: t.adding(-29), to: t) ? 1 : 0))
    }
  }
}

extension ReachOutRates {
  /// Customer c's visit dated d, about to be counted in (sign 1) or out (sign −1), with
  /// `hadOther(a, b)` telling whether another of their visits is dated a … b. Only contacts whose
  /// follow-up window holds d and holds no other visit change their outcome.
  mutating func count(
    customer c: Int, date d: Day, sign: Int, hadOther: (Day, Day) -> Bool
  ) {
    for r in followUps.rated[c] ?? [] {
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
    if followUps.uncontacted.contains(c), d >= a, d <= today, !hadOther(a, today) {
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
