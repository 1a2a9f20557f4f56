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
  static func list(_ ds: Dataset, figures: [CustomerFigures], why: [SegmentWhy], today t: Day) -> [ReachOut] {
    let th = ds.shop.thresholds
    var out: [ReachOut] = []
    // A customer the owner already tried to win back in the last days isn't asked for again.
    let risky = why.indices.filter { i in
      why[i].segment == .atRisk
        && !(ds.customers[i].winBackOn.map { t - $0 >= 0 && t - $0 < th.winBackDays } ?? false)
    }
    .sorted { (figures[$0].monetary, $1) > (figures[$1].monetary, $0) }
    out += risky.map { ReachOut(customer: $0, reason: .atRisk(why[$0])) }
    var birthdays: [(Int, Int)] = []
    for (i, c) in ds.customers.enumerated() where c.churnedOn == nil {
      if let b = c.birthday, let d = ReachOut.daysToBirthday(b, from: t, within: th.birthdayDays) {
        birthdays.append((d, i))
      }
    }
    out += birthdays.sorted { $0 < $1 }.map { ReachOut(customer: $0.1, reason: .birthday(inDays: $0.0)) }
    for (i, c) in ds.customers.enumerated() where c.churnedOn == nil && c.welcomedOn == nil {
      if let j = c.joined, t - j >= 0, t - j <= th.newDays {
        out.append(ReachOut(customer: i, reason: .welcome(joinedDaysAgo: t - j)))
      }
    }
    let index = ds.customerIndex()
    for (k, c) in ds.complaints.enumerated() where !c.resolved && c.date <= t {
      out.append(ReachOut(customer: index[c.customer].map(Int.init), reason: .complaint(k)))
    }
    return out
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
