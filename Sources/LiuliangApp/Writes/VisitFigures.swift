import LiuliangModel

extension AppState {
  /// `ds` is the data on screen with visit v appended to the log (`added`) or taken from its
  /// end: the analysis counts it in or out, and only what reads the changed customers' figures
  /// follows, where working out every figure again takes a second and a half on a million
  /// customers. When the analysis cannot count it exactly, every figure is worked out again.
  mutating func setVisits(_ ds: Dataset, _ v: Visit, added: Bool) {
    let sameRest =
      ds.customers.count == dataset.customers.count
      && ds.visits.count == dataset.visits.count + (added ? 1 : -1)
    let changed =
      !sameRest
      ? nil
      : added
        ? analysis.countIn(visitAt: ds.visits.count - 1, of: ds)
        : analysis.countOut(v, at: ds.visits.count, of: ds)
    guard let changed else { return setData(ds, problems: problems, today: today) }
    // Orders made beside the screen from the figures before this visit are not these.
    dataChanged(customers: false)
    dataset = ds
    trends.setLatest(analysis)
    todayPane.queue.relist(analysis)
    customerVisits = analysis.visitsByCustomer ?? CustomerVisits()
    if var orders = customersPane.list.orders {
      customersPane.list.orders = nil
      // The orders are a class: changed in place only when no other state holds them.
      if isKnownUniquelyReferenced(&orders) {
        orders.update(changed, ds, analysis)
        customersPane.list.orders = orders
      } else {
        customersPane.list.orders = SortOrders(ds, analysis, reusing: orders.customerParts)
      }
    }
    // The rows read the figures only through a figure column's sort or a segment or discount
    // filter; otherwise they are as they were, and a million of them are not listed again.
    let sortReads = customersPane.list.sort.map(SortOrders.figureColumns.contains) ?? false
    if sortReads
      || customersPane.list.filters.keys.contains(where: { $0 == .segment || $0 == .onlyOnDiscount })
    {
      customersPane.list.refresh(ds, analysis, search: customersPane.search)
    }
    findDetailVisits()
    clampCursors()
  }

  /// The customer with this id: the one on screen (open, or under the cursor) when it is them,
  /// so that saving a form opened for them does not compare a million ids; else the first.
  func customerIndex(id: String) -> Int? {
    for i in [customersPane.detail, currentCustomer].compactMap({ $0 }) where i < dataset.customers.count {
      if dataset.customers[i].id == id { return i }
    }
    return dataset.customers.firstIndex { $0.id == id }
  }
}
