import LiuliangSearch

/// What the Customers pane keeps between keys: the table's rows (filters, sort, search, marks),
/// its cursor, the search index, and the customer open in the detail view.
public struct CustomersState {
  /// The cursor of the table, over `list.order`.
  public var cursor = ListCursor()
  public var list = CustomerList()
  /// Made beside the screen on a big pool (see CustomerIndexes.swift), else the first time a
  /// search needs it.
  public var search: SearchIndex?
  /// The customer shown in the detail view (an index into the pool), and how far it scrolled.
  public var detail: Int?
  public var detailScroll = 0
  /// Which data the search index and the sort orders are for: each counts the changes of what
  /// they are made from, so that ones made beside the screen from older data are told apart
  /// without comparing a million rows.
  public internal(set) var searchGeneration = 0
  public internal(set) var ordersGeneration = 0
  /// The generations a job beside the screen is making them for, until it is back.
  var asked: IndexJob.Ask?
}
