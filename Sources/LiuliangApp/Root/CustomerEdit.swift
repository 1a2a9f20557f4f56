import LiuliangModel
import LiuliangSearch

/// A change of a few customers' rows (an edit, a welcome, a tag), the pool as many as before:
/// the search index and the sort orders made before it are updated for those customers
/// rather than made anew, which on a million customers took a second (see `setData`).
struct CustomerEdit {
  let was: ChunkedArray<Customer>
  /// The customers whose rows differ, in index order.
  let changed: [Int]
  let search: SearchIndex?
  let orders: SortOrders?

  /// Nil when the pool grew or shrank, or more rows changed than an update is worth.
  init?(
    from was: ChunkedArray<Customer>, to now: ChunkedArray<Customer>, search: SearchIndex?,
    orders: SortOrders?
  ) {
    guard was.count == now.count, search != nil || orders != nil else { return nil }
    var changed: [Int] = []
    // Only chunks the two do not share can differ.
    for r in was.unsharedRanges(with: now) {
      for i in r where was[i] != now[i] {
        changed.append(i)
        if changed.count > SortOrders.updatedUpTo { return nil }
      }
    }
    self.was = was
    self.changed = changed
    self.search = search
    self.orders = orders
  }

  func searchIndex(_ now: ChunkedArray<Customer>) -> SearchIndex? { search?.updating(now, changed: changed) }

  func sortOrders(_ ds: Dataset, _ a: Analysis, figuresKept: Bool = false) -> SortOrders? {
    orders?.updated(ds, a, was: was, changed: changed, figuresKept: figuresKept)
  }
}
