import LiuliangSearch

/// What the Customers pane keeps between keys: the table's rows (filters, sort, search, marks),
/// its cursor, the search index, and the customer open in the detail view.
public struct CustomersState {
  /// The cursor of the table, over `list.order`.
  public var cursor = ListCursor()
  public var list = CustomerList()
  /// Made with the data on a big pool, else the first time a search needs it.
  public var search: SearchIndex?
  /// The customer shown in the detail view (an index into the pool), and how far it scrolled.
  public var detail: Int?
  public var detailScroll = 0
}
