/// Posted posts of one category in the eight weeks up to T, and what they earned: the Moments
/// pane's "what works" and `report content`'s performance.
public struct CategoryPerformance: Sendable, Equatable {
  public var category: PostCategory
  public var posts: Int
  public var likes: Int
  public var comments: Int

  /// Every category in taxonomy order, counting posts with status posted dated T−55 … T.
  public static func all(_ posts: [Post], today t: Day) -> [CategoryPerformance] {
    ModelWork.note()
    var out = PostCategory.allCases.map { CategoryPerformance(category: $0, posts: 0, likes: 0, comments: 0) }
    let at = Dictionary(uniqueKeysWithValues: PostCategory.allCases.enumerated().map { ($1, $0) })
    for p in posts where p.status == .posted {
      guard let d = p.date, t - d >= 0, t - d < 56, let k = at[p.category] else { continue }
      out[k].posts += 1
      out[k].likes += p.likes
      out[k].comments += p.comments
    }
    return out
  }
}

/// Posts by date, each day's in slot order (posts without a slot first, then file order): the
/// Today pane's posts, the Moments week grid and its day list look a day up here.
public struct PostCalendar: Sendable, Equatable {
  let byDay: [Day: [Int]]

  public init() { byDay = [:] }

  public init(_ posts: [Post]) {
    ModelWork.note()
    var byDay: [Day: [Int]] = [:]
    for (i, p) in posts.enumerated() {
      if let d = p.date { byDay[d, default: []].append(i) }
    }
    self.byDay = byDay.mapValues { ks in
      ks.sorted { (posts[$0].slot?.minutes ?? -1, $0) < (posts[$1].slot?.minutes ?? -1, $1) }
    }
  }

  /// Indexes into `Dataset.posts` of the posts dated d.
  public func on(_ d: Day) -> [Int] { byDay[d] ?? [] }
}

/// The complaint log as the Churn pane lists it, and each complaint's customer.
public struct ComplaintLog: Sendable {
  /// Open complaints first, each part newest first (ties in file order).
  public let order: [Int]
  public let open: Int
  /// Each complaint's customer (nil for none or an id customers.csv lacks).
  public let customers: [Int?]
  /// A customer's complaints in file order, for their detail view.
  let byCustomer: [Int: [Int]]

  public init() {
    order = []
    open = 0
    customers = []
    byCustomer = [:]
  }

  public init(_ ds: Dataset) { self.init(ds, first: nil) }

  /// `first`: the first customer of each complaint's id, when already found.
  init(_ ds: Dataset, first: [String: Int]?) {
    ModelWork.note()
    let cs = ds.complaints
    order = cs.indices.sorted { a, b in
      (cs[a].resolved ? 1 : 0, cs[b].date, a) < (cs[b].resolved ? 1 : 0, cs[a].date, b)
    }
    open = cs.lazy.filter { !$0.resolved }.count
    let customers =
      first.map { ReachOut.complaintCustomers(ds, first: $0) } ?? ReachOut.complaintCustomers(ds)
    self.customers = customers
    var byCustomer: [Int: [Int]] = [:]
    for (k, c) in customers.enumerated() {
      if let c { byCustomer[c, default: []].append(k) }
    }
    self.byCustomer = byCustomer
  }

  /// Indexes into `Dataset.complaints` of customer i's complaints.
  public func of(_ i: Int) -> [Int] { byCustomer[i] ?? [] }
}
