/// The content-plan checks, counting posts whose status is planned or posted.
public struct ContentChecks: Sendable, Equatable {
  /// Days of T's week (Monday–Sunday) without a post.
  public var emptyDays: [Day]
  /// Days with more than `max_posts_per_day` posts (刷屏), with their counts.
  public var crowdedDays: [(day: Day, posts: Int)]
  /// Weeks (by Monday) whose promotion posts are more than `max_promo_share` of their posts.
  public var promotionHeavyWeeks: [(week: Day, promotion: Int, posts: Int)]
  /// Posts (indexes into `Dataset.posts`) that pass none of the three tests.
  public var noTestPosts: [Int]

  public static func == (a: ContentChecks, b: ContentChecks) -> Bool {
    a.emptyDays == b.emptyDays && a.noTestPosts == b.noTestPosts
      && a.crowdedDays.map(\.day) == b.crowdedDays.map(\.day)
      && a.crowdedDays.map(\.posts) == b.crowdedDays.map(\.posts)
      && a.promotionHeavyWeeks.map(\.week) == b.promotionHeavyWeeks.map(\.week)
  }

  public var count: Int {
    emptyDays.count + crowdedDays.count + promotionHeavyWeeks.count + noTestPosts.count
  }

  public init(_ ds: Dataset, today t: Day) {
    ModelWork.note()
    let th = ds.shop.thresholds
    var perDay: [Day: Int] = [:]
    var perWeek: [Day: (promotion: Int, posts: Int)] = [:]
    var noTest: [Int] = []
    for (i, p) in ds.posts.enumerated() where p.status.counts {
      if p.passesNoTest { noTest.append(i) }
      guard let d = p.date else { continue }
      perDay[d, default: 0] += 1
      var w = perWeek[d.weekStart] ?? (0, 0)
      w.posts += 1
      if p.category == .promotion { w.promotion += 1 }
      perWeek[d.weekStart] = w
    }
    let monday = t.weekStart
    emptyDays = (0..<7).map { monday.adding($0) }.filter { (perDay[$0] ?? 0) == 0 }
    crowdedDays = perDay.filter { $0.value > th.maxPostsPerDay }.sorted { $0.key < $1.key }.map {
      ($0.key, $0.value)
    }
    promotionHeavyWeeks = perWeek.filter {
      Double($0.value.promotion) > th.maxPromoShare * Double($0.value.posts) + 1e-9
    }
    .sorted { $0.key < $1.key }.map { ($0.key, $0.value.promotion, $0.value.posts) }
    noTestPosts = noTest
  }
}
