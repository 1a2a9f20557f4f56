extension Customer {
  /// Whether two rows differ at most in what no figure reads: the name, WeChat id, phone, source
  /// and notes, which only the search, the Customers table and the messages read.
  public func sameForFigures(_ o: Customer) -> Bool {
    id == o.id && tags == o.tags && joined == o.joined && tier == o.tier && birthday == o.birthday
      && churnedOn == o.churnedOn && churnReason == o.churnReason && welcomedOn == o.welcomedOn
      && winBackOn == o.winBackOn
  }
}

extension Dataset {
  /// Whether every figure of `other` is this one's: the same records but for customers' details
  /// that no figure reads. Only the customer chunks the two do not share are compared, so an
  /// edit of one customer costs one chunk, not a million rows.
  public func sameFigures(as other: Dataset) -> Bool {
    guard shop == other.shop, customers.count == other.customers.count, visits == other.visits,
      posts == other.posts, promotions == other.promotions, complaints == other.complaints,
      contacts == other.contacts
    else { return false }
    for r in customers.unsharedRanges(with: other.customers) {
      for i in r where !customers[i].sameForFigures(other.customers[i]) { return false }
    }
    return true
  }
}
