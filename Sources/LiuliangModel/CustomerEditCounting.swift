extension Dataset {
  /// The one customer `other` changes, when it changes exactly one row of customers.csv and
  /// nothing else: only the chunks the two do not share are compared.
  public func oneCustomerChanged(in other: Dataset) -> Int? {
    guard shop == other.shop, customers.count == other.customers.count, visits == other.visits,
      posts == other.posts, promotions == other.promotions, complaints == other.complaints,
      contacts == other.contacts
    else { return nil }
    var found: Int?
    for r in customers.unsharedRanges(with: other.customers) {
      for i in r where customers[i] != other.customers[i] {
        guard found == nil else { return nil }
        found = i
      }
    }
    return found
  }
}

extension Analysis {
  /// Customer i's tags or birthday edited, nothing else a figure reads (`ds` is the data after
  /// the edit, `was` the row before): the tag audiences and the reach-out list's birthdays
  /// follow. False, changing nothing, for any other edit: the segments, the cuts, the trends
  /// and the rates read the rest.
  public mutating func countEdit(of i: Int, was: Customer, in ds: Dataset) -> Bool {
    let now = ds.customers[i]
    guard live != nil, i < figures.count, ds.customers.count == figures.count, now.id == was.id,
      now.joined == was.joined, now.tier == was.tier, now.churnedOn == was.churnedOn,
      now.churnReason == was.churnReason, now.welcomedOn == was.welcomedOn, now.winBackOn == was.winBackOn
    else { return false }
    guard now.churnedOn == nil else { return true }
    for (k, p) in ds.promotions.enumerated() {
      audienceSizes[k] +=
        (Analysis.reaches(p.audience, now, segments[i]) ? 1 : 0)
        - (Analysis.reaches(p.audience, was, segments[i]) ? 1 : 0)
    }
    guard now.birthday != was.birthday else { return true }
    // The birthdays follow the at-risk entries, soonest first, ties by customer.
    let window = BirthdayWindow(from: today, within: thresholds.birthdayDays)
    var lo = live!.atRiskReached
    if let at = reachOut[lo...].prefix(while: { if case .birthday = $0.reason { true } else { false } })
      .firstIndex(where: { $0.customer == i })
    {
      reachOut.remove(at: at)
    }
    guard let b = now.birthday, let d = window.days(to: b) else { return true }
    while lo < reachOut.count, case .birthday(let e) = reachOut[lo].reason,
      (e, reachOut[lo].customer!) < (d, i)
    {
      lo += 1
    }
    reachOut.insert(ReachOut(customer: i, reason: .birthday(inDays: d)), at: lo)
    return true
  }
}
