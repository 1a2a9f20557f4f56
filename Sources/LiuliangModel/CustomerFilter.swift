/// Which customers a filter keeps: the Customers pane's `f` and `customers --segment/--tier/--tag`
/// both select through this one test, so the pane and the command list the same people.
public struct CustomerFilter: Sendable, Equatable {
  public var segment: Segment?
  public var tier: Tier?
  public var tag: String?
  public var source: String?
  /// Only customers who come only on discount (the Promotions pane's `o`).
  public var onlyOnDiscount = false

  public init(
    segment: Segment? = nil, tier: Tier? = nil, tag: String? = nil, source: String? = nil,
    onlyOnDiscount: Bool = false
  ) {
    self.segment = segment
    self.tier = tier
    self.tag = tag
    self.source = source
    self.onlyOnDiscount = onlyOnDiscount
  }

  public var isEmpty: Bool { self == CustomerFilter() }

  /// The test for one customer index, with what it needs made once: it runs over the whole pool.
  public func test(_ ds: Dataset, _ a: Analysis) -> (Int) -> Bool {
    if isEmpty { return { _ in true } }
    let customers = ds.customers
    let (segment, tier, tag, source) = (segment, tier, tag, source)
    let only: Set<Int>? = onlyOnDiscount ? Set(a.discount.onlyOnDiscount) : nil
    return { i in
      // Fields read one by one: a copy of the whole customer per row would cost more.
      if let segment, a.segment(i) != segment { return false }
      if let tier, customers[i].tier != tier { return false }
      if let tag, !customers[i].tags.contains(tag) { return false }
      if let source, customers[i].source != source { return false }
      if let only, !only.contains(i) { return false }
      return true
    }
  }

  /// The customers it keeps, in file order.
  public func select(_ ds: Dataset, _ a: Analysis) -> [Int] {
    let pass = test(ds, a)
    return ds.customers.indices.filter(pass)
  }
}
