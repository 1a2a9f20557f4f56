import LiuliangModel
import LiuliangText

/// `liuliang report content`: the week's plan, the checks, and what works by category.
public struct ContentReport {
  let ds: Dataset
  let today: Day
  let w: Wording

  public init(_ ds: Dataset, today: Day, wording: Wording) {
    self.ds = ds
    self.today = today
    w = wording
  }

  static func checksJSON(_ c: ContentChecks, _ ds: Dataset) -> JSON {
    .obj(
      ("empty_days", .array(c.emptyDays.map { .string($0.description) })),
      (
        "crowded_days",
        .array(c.crowdedDays.map { .obj(("date", .string($0.day.description)), ("posts", .int($0.posts))) })
      ),
      (
        "promotion_heavy_weeks",
        .array(
          c.promotionHeavyWeeks.map {
            .obj(
              ("week", .string($0.week.description)), ("promotion", .int($0.promotion)),
              ("posts", .int($0.posts)))
          })
      ),
      ("no_test_posts", .array(c.noTestPosts.map { .string(ds.posts[$0].id) })))
  }

  /// Posted posts of the last eight weeks up to T, by category: count, likes, comments.
  public func performance() -> [(category: PostCategory, posts: Int, likes: Int, comments: Int)] {
    PostCategory.allCases.map { cat in
      let ps = ds.posts.filter { p in
        p.category == cat && p.status == .posted && p.date.map { today - $0 >= 0 && today - $0 < 56 } == true
      }
      return (cat, ps.count, ps.reduce(0) { $0 + $1.likes }, ps.reduce(0) { $0 + $1.comments })
    }
  }

  var week: [Post] {
    let monday = today.weekStart
    return ds.posts.filter { p in p.date.map { $0 - monday >= 0 && $0 - monday < 7 } == true }
      .sorted { ($0.date!, $0.slot?.minutes ?? -1) < ($1.date!, $1.slot?.minutes ?? -1) }
  }

  public func json() -> JSON {
    .obj(
      ("date", .string(today.description)),
      ("week", .array(week.map(TodayReport.postJSON))),
      ("checks", Self.checksJSON(ContentChecks(ds, today: today), ds)),
      (
        "performance",
        .array(
          performance().map { p in
            .obj(
              ("category", .string(p.category.rawValue)), ("posts", .int(p.posts)), ("likes", .int(p.likes)),
              ("comments", .int(p.comments)))
          })
      ))
  }

  public func csv() -> String {
    Tabular(
      headers: ["id", "date", "slot", "category", "status", "benefit", "meaning", "fun", "text"],
      rows: week.map { p in
        [
          p.id, p.date?.description ?? "", p.slot?.description ?? "", p.category.rawValue, p.status.rawValue,
          p.benefit ? "1" : "0", p.meaning ? "1" : "0", p.fun ? "1" : "0", p.text,
        ]
      }
    ).csv()
  }

  public func text() -> String {
    let x = w.text
    var out = x("content.title", today.weekStart, today.weekStart.adding(6)) + "\n"
    out += Tabular(
      headers: [x["col.day"], x["col.slot"], x["col.category"], x["col.status"], x["col.text"]],
      rows: week.map { p in
        [
          w.weekday(p.date!.weekday) + " " + p.date!.description.suffix(5), p.slot?.description ?? "",
          w.category(p.category), w.status(p.status), firstLine(p.text),
        ]
      }
    ).text(indent: "  ")
    let c = ContentChecks(ds, today: today)
    out += "\n" + x["content.checks"] + "\n"
    if c.count == 0 { out += "  " + x["content.all_good"] + "\n" }
    for d in c.emptyDays { out += "  " + x("content.empty_day", w.weekday(d.weekday), d) + "\n" }
    for d in c.crowdedDays { out += "  " + x("content.crowded_day", d.day, d.posts) + "\n" }
    for p in c.promotionHeavyWeeks {
      out += "  " + x("content.promo_week", p.week, p.promotion, p.posts) + "\n"
    }
    for i in c.noTestPosts {
      out += "  " + x("content.no_test", ds.posts[i].id, ds.posts[i].date.map { "\($0)" } ?? "–") + "\n"
    }
    out += "\n" + x["content.performance"] + "\n"
    out += Tabular(
      headers: [x["col.category"], x["col.posts"], x["col.likes"], x["col.comments"]],
      rows: performance().map { [w.category($0.category), "\($0.posts)", "\($0.likes)", "\($0.comments)"] },
      align: [.left, .right, .right, .right]
    ).text(indent: "  ")
    return out
  }
}
