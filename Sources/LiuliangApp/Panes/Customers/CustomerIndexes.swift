import LiuliangModel
import LiuliangSearch

/// A big pool's search index and sort orders, to be made beside the screen: no pane draws
/// with them, only a search, a sort, the filter picker and the edits that update them read
/// them, and on a million customers they took a third of the dashboard's making. The job
/// holds its own copy of the data (shared storage, so copying it costs nothing), and the
/// generations of the state it was asked by.
public struct IndexJob: Sendable, Equatable {
  /// The generations asked for; nil for what was not asked (it was there).
  public struct Ask: Sendable, Equatable {
    public var search: Int?
    public var orders: Int?

    /// A job asked this way makes at least what `other` asks.
    func covers(_ other: Ask) -> Bool {
      (other.search == nil || other.search == search) && (other.orders == nil || other.orders == orders)
    }
  }

  public let ask: Ask
  let dataset: Dataset
  let analysis: Analysis

  /// Two jobs for the same generations make the same indexes.
  public static func == (a: IndexJob, b: IndexJob) -> Bool { a.ask == b.ask }

  /// The costly part: on a thread beside the screen, never inside `update`. One after the
  /// other, each spread over the cores: nested inside a two-way split, each would have had one
  /// core to itself, and the index is done well before the orders.
  public func run() -> MadeIndexes {
    MadeIndexes(
      ask: ask,
      search: ask.search == nil ? nil : AppState.searchIndex(dataset.customers),
      orders: ask.orders == nil ? nil : SortOrders(dataset, analysis))
  }
}

/// What a job made, and for which generations: `update` takes it in with `.indexesMade`.
public struct MadeIndexes: Sendable {
  public let ask: IndexJob.Ask
  let search: SearchIndex?
  let orders: SortOrders?
}

extension AppState {
  /// The job that makes what a big pool lacks of its search index and sort orders, unless one
  /// is already under way for the data shown: asked once a frame is on the screen, so that
  /// the first frame never waits for them.
  mutating func askIndexes() -> [Effect] {
    guard dataset.customers.count >= Self.eagerSearchFrom else { return [] }
    let p = customersPane
    let need = IndexJob.Ask(
      search: p.search == nil ? p.searchGeneration : nil,
      orders: p.list.orders == nil ? p.ordersGeneration : nil)
    guard need.search != nil || need.orders != nil, !(p.asked?.covers(need) ?? false) else { return [] }
    customersPane.asked = need
    return [.makeIndexes(IndexJob(ask: need, dataset: dataset, analysis: analysis))]
  }

  /// Takes in what a job made when it was made from the data still shown (by generation), and
  /// only what is still missing: a key that needed it before it came made its own. Stale ones
  /// are dropped, and asked for again.
  mutating func indexesMade(_ m: MadeIndexes) -> [Effect] {
    if customersPane.asked == m.ask { customersPane.asked = nil }
    if let search = m.search, customersPane.search == nil, m.ask.search == customersPane.searchGeneration {
      customersPane.search = search
    }
    if let orders = m.orders, customersPane.list.orders == nil,
      m.ask.orders == customersPane.ordersGeneration, orders.count == dataset.customers.count
    {
      customersPane.list.orders = orders
    }
    // Neither changes a row: a search or a sort on screen made its own already.
    return askIndexes()
  }

  /// The sort orders now, when none were made yet (a key needs their counts or their order).
  public mutating func ensureOrders() {
    guard customersPane.list.orders?.count != dataset.customers.count else { return }
    customersPane.list.orders = SortOrders(dataset, analysis)
  }

  /// Both now: what a key that needs them does before they come from beside the screen.
  public mutating func ensureIndexes() {
    ensureSearchIndex()
    ensureOrders()
  }

  /// The customers changed (`customers`) or only their figures: what the search index and the
  /// orders were made from is no longer shown.
  mutating func dataChanged(customers: Bool) {
    if customers { customersPane.searchGeneration += 1 }
    customersPane.ordersGeneration += 1
  }
}
