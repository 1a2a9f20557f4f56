import LiuliangModel
import LiuliangRender
import LiuliangReport
import LiuliangSearch
import LiuliangText

/// What covers the pane for a moment.
public enum Overlay: Equatable, Sendable {
  case none
  case help(offset: Int)
  case command(TextField)
  case search(TextField)
  case form(Form)
  case picker(Picker)
  case confirm(ConfirmPurpose)
  case importPreview(ImportPreview)
}

/// An import read and planned by the runner, shown before anything is written.
public struct ImportPreview: Equatable, Sendable {
  public var title: String
  /// The mapping, the first rows and what would change, in words.
  public var lines: [String]
  /// The records after the import (customers, posts, promotions, complaints).
  public var dataset: Dataset
  /// Visits the import would append to the log, and each one's values for the log's own
  /// columns (its order number, so that the next import of the same orders skips them).
  public var visits: [Visit]
  public var visitExtras: [[String: String]]
  public var offset = 0

  public init(
    title: String, lines: [String], dataset: Dataset, visits: [Visit], visitExtras: [[String: String]] = []
  ) {
    self.title = title
    self.lines = lines
    self.dataset = dataset
    self.visits = visits
    self.visitExtras = visitExtras
  }
}

/// One step that undo walks back: a change of the records, or a visit appended to the log.
public enum Change: Sendable {
  case data(before: Dataset, after: Dataset, what: String)
  case visit(Visit, what: String)

  public var what: String {
    switch self {
    case .data(_, _, let w), .visit(_, let w): return w
    }
  }
}

/// Everything the dashboard shows, and nothing it doesn't: `update` changes it, `view` draws it.
public struct AppState {
  public var text: Text
  public var wording: Wording
  /// The store folder as shown in the status line.
  public var folder: String
  public internal(set) var dataset: Dataset
  public internal(set) var analysis: Analysis
  public internal(set) var trends: Trends
  public private(set) var checks: ContentChecks
  public private(set) var problems: [Problem]
  /// Why changes can't be saved, in words; nil when the store is ours.
  public var readOnly: String?
  /// Why the store's role may not delete customers (a chain shop's role), in words; nil when it may.
  public var cannotDelete: String?
  public private(set) var today: Day
  public var pane: Pane = .today
  public var width: Int
  public var height: Int
  public var overlay: Overlay = .none
  public var message: String?
  public var messageIsError = false
  public var maskPhones = false
  /// The wall-clock time, set by the runner before each key: the default time of a new visit.
  public var clock = TimeOfDay(minutes: 12 * 60)
  /// The owner's home folder, where `E` offers to export (empty: the working folder).
  public var home = ""

  public var todayPane = TodayState()
  /// The Customers pane's own state; the customer it opens has their visits found at once.
  public var customersPane = CustomersState() {
    // Compared with `detailVisitsOf`, not `oldValue`: keeping the old value would copy the
    // table's arrays on every change made through here.
    didSet { if customersPane.detail != detailVisitsOf { findDetailVisits() } }
  }
  /// The customer whose visits `detailVisits` holds.
  private var detailVisitsOf: Int?
  public var undo: [Change] = []
  /// A change refused because a file changed on disk, kept for `:keep`.
  public var pendingOverwrite: Dataset?
  /// Writes that failed for want of room or of the folder, in order: the changes stay on
  /// screen and go to disk again with the next change or `:retry`.
  public var unsaved: [Effect] = []
  /// The owner was told that quitting or reloading now drops unsaved changes.
  public var warnedUnsaved = false
  public var redo: [Change] = []
  /// Where that customer's visits are in the log, found once when the view opens or the data
  /// changes rather than in every frame.
  public private(set) var detailVisits: [Int] = []
  /// Each customer's visits, kept with the figures (see `CustomerVisits`).
  var customerVisits = CustomerVisits()
  /// The Moments, Promotions and Churn panes' own state (see each pane's folder).
  public var momentsPane = MomentsState()
  public var promotionsPane = PromotionsState()
  public var churnPane = ChurnState()
  /// At-risk customers by spend, for the Churn pane.
  public var atRiskList: [Int] { analysis.atRiskBySpend }
  /// Each complaint's customer, for the Churn pane's log: found once per data change, not per frame.
  public var complaintCustomers: [Int?] { analysis.complaintLog.customers }
  /// Where customers were opened from, to go back to with Esc (see BackStack.swift).
  public var back: [BackStep] = []
  /// Writes handed to the store writer and not yet done, set by the runner (see DashboardLoop).
  public var pendingWrites = 0
  /// The owner chose to quit once the pending writes are done.
  public var quitWhenSaved = false

  public init(
    dataset: Dataset, problems: [Problem], today: Day, folder: String, text: Text, width: Int = 80,
    height: Int = 24
  ) {
    self.text = text
    wording = Wording(text)
    self.folder = folder
    // Empty until setData, like the figures below, so that it never takes them for this data's.
    self.dataset = Dataset(shop: dataset.shop)
    self.problems = problems
    self.today = today
    self.width = width
    self.height = height
    // Placeholders until setData computes them, once, over the whole pool.
    analysis = Analysis(Dataset(shop: dataset.shop), today: today)
    trends = Trends()
    checks = ContentChecks(Dataset(shop: dataset.shop), today: today)
    momentsPane.day = today.weekday - 1
    promotionsPane.heatWeekday = today.weekday
    setData(dataset, problems: problems, today: today)
  }

  /// New data (first load, reload, another date): every figure again, cursors kept inside.
  public mutating func setData(_ ds: Dataset, problems: [Problem], today t: Day) {
    if postsOnlyChanged(ds, today: t) {
      dataset = ds
      self.problems = problems
      analysis = analysis.withPosts(ds.posts)
      checks = ContentChecks(ds, today: t)
      clampCursors()
      return
    }
    // A visit logged or taken back leaves the customers as they were, and their search index
    // with them (comparing shared chunks costs next to nothing).
    let sameCustomers = ds.customers == dataset.customers
    let keptSearch = sameCustomers ? customersPane.search : nil
    let keptOrders = sameCustomers ? customersPane.list.orders?.customerParts : nil
    let edit =
      sameCustomers
      ? nil
      : CustomerEdit(
        from: dataset.customers, to: ds.customers, search: customersPane.search,
        orders: customersPane.list.orders)
    // A customer's name, phone or notes edited keeps every figure; their tags or birthday, all
    // but the few that read those.
    var sameFigures = t == today && dataset.sameFigures(as: ds)
    if !sameFigures, t == today, let i = dataset.oneCustomerChanged(in: ds),
      analysis.countEdit(of: i, was: dataset.customers[i], in: ds)
    {
      sameFigures = true
      todayPane.queue.relist(analysis)
    }
    if !sameCustomers || !sameFigures { dataChanged(customers: !sameCustomers) }
    dataset = ds
    self.problems = problems
    today = t
    customersPane.list.orders = nil
    if !sameFigures {
      // The old figures and orders go before the new ones are made: on a big pool holding both
      // would be the session's peak of memory.
      analysis = Analysis(Dataset(shop: ds.shop), today: t)
      customerVisits = CustomerVisits()
      // The index's entries (8 bytes a visit) go before the search index and the orders are made.
      do {
        let index = VisitIndex(ds, keepingOrder: true)
        // The trends are worked out beside the other figures: each leaves a core idle at times.
        let trends = Beside { Trends(ds, today: t, weeks: 12, index: index) }
        customerVisits = CustomerVisits(index) ?? CustomerVisits()
        analysis = Analysis(ds, today: t, index: index, updatable: customerVisits)
        self.trends = trends.value
      }
      todayPane.queue.refresh(analysis, ds, today: t)
      checks = ContentChecks(ds, today: t)
    }
    if let d = customersPane.detail, d >= ds.customers.count { customersPane.detail = nil }
    findDetailVisits()
    // A small pool's orders are made now and its search index on the first search: its first
    // frame should not wait for a search nobody may type. On a big pool what can be kept or
    // updated for an edit is, now; the rest is made beside the screen once a frame is on it
    // (`askIndexes`), unless the table needs it at once: a search on, a sort chosen. The last
    // search's hits were found in the old data, so they are looked for again.
    customersPane.list.forgetSearch()
    if ds.customers.count < Self.eagerSearchFrom {
      customersPane.search = keptSearch
      customersPane.list.orders = SortOrders(ds, analysis)
    } else {
      customersPane.search = keptSearch ?? edit?.searchIndex(ds.customers)
      customersPane.list.orders =
        edit?.sortOrders(ds, analysis, figuresKept: sameFigures)
        ?? keptOrders.map { SortOrders(ds, analysis, reusing: $0) }
    }
    if !customersPane.list.query.isEmpty { ensureSearchIndex() }
    // Makes the orders when a sort needs them.
    customersPane.list.refresh(ds, analysis, search: customersPane.search)
    clampCursors()
  }

  /// Only posts.csv differs from the data shown, on the same date (a post moved, added, marked
  /// posted). Posts are a few hundred rows, so they are compared first; the rest compares shared
  /// storage, which costs next to nothing when it is shared.
  func postsOnlyChanged(_ ds: Dataset, today t: Day) -> Bool {
    guard t == today, ds.posts != dataset.posts else { return false }
    var rest = ds
    rest.posts = dataset.posts
    return rest == dataset
  }

  mutating func findDetailVisits() {
    detailVisitsOf = customersPane.detail
    guard let d = customersPane.detail else { return detailVisits = [] }
    // The log is scanned only when no index of it was kept for these customers.
    detailVisits =
      customerVisits.count == dataset.customers.count
      ? customerVisits.of(d) : dataset.visits.indexes(of: Int32(d))
  }

  public mutating func clampCursors() {
    todayPane.reach.setCount(todayPane.queue.entries.count, visible: Layouts.todayListRows(self))
    customersPane.cursor.setCount(customersPane.list.order.count, visible: Layouts.customerRows(self))
    promotionsPane.list.setCount(dataset.promotions.count, visible: Layouts.promotionRows(self))
    churnPane.atRisk.setCount(atRiskList.count, visible: Layouts.atRiskRows(self))
    churnPane.complaints.setCount(dataset.complaints.count, visible: Layouts.complaintRows(self))
  }

  /// Monday of the week the Moments pane shows.
  public var shownWeek: Day { today.weekStart.adding(7 * momentsPane.weekOffset) }
  public var selectedDay: Day { shownWeek.adding(momentsPane.day) }

  public var postsOfSelectedDay: [Int] { analysis.postCalendar.on(selectedDay) }

  public func phone(_ p: String) -> String { maskPhones ? Self.mask(p) : p }

  /// The customer under the cursor of the Customers table.
  public var currentCustomer: Int? {
    customersPane.cursor.index < customersPane.list.order.count
      ? customersPane.list.order[customersPane.cursor.index] : nil
  }

  /// Builds the search index over the pool (names, WeChat ids, phones, tags, notes, pinyin).
  public mutating func ensureSearchIndex() {
    guard customersPane.search == nil else { return }
    customersPane.search = Self.searchIndex(dataset.customers)
  }

  /// Pools this big have their search index and sort orders made beside the screen after the
  /// first frame, rather than on the first search or with the data.
  static let eagerSearchFrom = 20_000

  static func searchIndex(_ cs: ChunkedArray<Customer>) -> SearchIndex { SearchIndex(cs) }

  /// `13812341234` → `138****1234`; other lengths keep the first 3 and last 4 when they can.
  public static func mask(_ p: String) -> String {
    let chars = Array(p)
    guard chars.count > 7 else { return String(repeating: "*", count: chars.count) }
    return String(chars.prefix(3)) + String(repeating: "*", count: chars.count - 7) + String(chars.suffix(4))
  }
}
