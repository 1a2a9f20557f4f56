import LiuliangModel
import LiuliangStore
import LiuliangText

/// `liuliang today`: the Today pane's numbers, for scripts and for a quick look.
public struct TodayReport {
  public let ds: Dataset
  public let a: Analysis
  public let problems: [Problem]
  public let w: Wording
  /// The tiles' sparklines, weekly; nil leaves `trends` out of the JSON.
  public let trends: Trends?

  public init(_ ds: Dataset, _ a: Analysis, problems: [Problem], wording: Wording, trends: Trends? = nil) {
    self.ds = ds
    self.a = a
    self.problems = problems
    w = wording
    self.trends = trends
  }

  /// The points of the Today tiles' sparklines, oldest week first, ending with T.
  public static func trendsJSON(_ t: Trends) -> JSON {
    func points(_ v: [Double]) -> JSON { .array(v.map { .number($0) }) }
    return .obj(
      ("pool", points(t.pool)), ("new_friends", points(t.newFriends)), ("active", points(t.active)),
      ("repurchase_rate", points(t.repurchaseRate)), ("super", points(t.superUsers)),
      ("at_risk", points(t.atRisk)))
  }

  public var postsToday: [Post] {
    ds.posts.filter { $0.date == a.today }.sorted {
      ($0.slot?.minutes ?? -1, $0.id) < ($1.slot?.minutes ?? -1, $1.id)
    }
  }

  public func json() -> JSON {
    let checks = ContentChecks(ds, today: a.today)
    return .obj(
      ("date", .string(a.today.description)),
      ("shop", .string(ds.shop.name)),
      ("pool", .int(a.pool)),
      ("active", .int(a.active)),
      ("new_30d", .int(a.new30d)),
      ("repurchase_rate", .opt(a.repurchaseRate)),
      ("repurchase_target", .number(a.thresholds.repurchaseTarget)),
      ("segments", .object(Segment.allCases.map { ($0.rawValue, .int(a.segmentCounts[$0] ?? 0)) })),
      ("offpeak", .array(a.slots.offPeak.map(Self.slotJSON))),
      (
        "offpeak_today",
        .array(
          a.slots.offPeakWindows(weekday: a.today.weekday).map { win in
            .obj(
              ("from", .string(Self.hour(win.from))), ("to", .string(Self.hour(win.to))),
              ("covered_by", .array(win.coveredBy.map { .string($0) })),
              ("uncovered_hours", .array(win.uncoveredHours.map { .int($0) })))
          })
      ),
      ("discount_dependence", .opt(a.discount.share)),
      ("discount_warning", .bool(a.discount.warning)),
      ("only_on_discount", .int(a.discount.onlyOnDiscount.count)),
      ("churn", .object(Reason.allCases.map { ($0.rawValue, .int(a.churn.counts[$0] ?? 0)) })),
      ("churned_365d", .int(a.churn.total)),
      ("complaints_365d", .int(a.churn.complaints)),
      ("silent_estimate", .int(a.churn.silentEstimate)),
      ("cohorts", RetentionReport.cohortsJSON(a)),
      (
        "reach_out",
        .array(
          a.reachOut.map { r in
            .obj(
              ("customer", .str(r.customer.map { ds.customers[$0].id })),
              ("name", .str(r.customer.map { ds.customers[$0].name })),
              ("why", .string(r.kindID)), ("detail", .string(w.reach(r, ds))))
          })
      ),
      ("posts_today", .array(postsToday.map(Self.postJSON))),
      ("content_checks", ContentReport.checksJSON(checks, ds)),
      ("trends", trends.map(Self.trendsJSON) ?? .null),
      ("problems", .array(problems.map(Self.problemJSON(w)))))
  }

  static func hour(_ h: Int) -> String { (h < 10 ? "0" : "") + "\(h):00" }

  static func slotJSON(_ s: SlotTable.Slot) -> JSON {
    .obj(
      ("weekday", .int(s.weekday)), ("hour", .int(s.hour)), ("visits_per_week", .number(s.perWeek)),
      ("covered_by", .array(s.coveredBy.map { .string($0) })))
  }

  static func postJSON(_ p: Post) -> JSON {
    .obj(
      ("id", .string(p.id)), ("date", .str(p.date)), ("slot", .str(p.slot)),
      ("category", .string(p.category.rawValue)),
      ("status", .string(p.status.rawValue)), ("text", .string(p.text)))
  }

  static func problemJSON(_ w: Wording) -> (Problem) -> JSON {
    { p in
      .obj(("file", .string(p.file)), ("line", .int(p.line)), ("problem", .string(w.problemText(p.kind))))
    }
  }

  /// Metric and value, one per row: the headline numbers for spreadsheets.
  public func csv() -> String {
    var t = Tabular(headers: ["metric", "value"])
    t.rows = [
      ["date", a.today.description], ["pool", "\(a.pool)"], ["active", "\(a.active)"],
      ["new_30d", "\(a.new30d)"],
      ["repurchase_rate", a.repurchaseRate.map { Wording.number($0, digits: 4) } ?? ""],
    ]
    for s in Segment.allCases { t.rows.append(["segment:" + s.rawValue, "\(a.segmentCounts[s] ?? 0)"]) }
    t.rows.append(["offpeak_slots", "\(a.slots.offPeak.count)"])
    t.rows.append(["discount_dependence", a.discount.share.map { Wording.number($0, digits: 4) } ?? ""])
    for r in Reason.allCases { t.rows.append(["churn:" + r.rawValue, "\(a.churn.counts[r] ?? 0)"]) }
    t.rows.append(["complaints_365d", "\(a.churn.complaints)"])
    t.rows.append(["reach_out", "\(a.reachOut.count)"])
    t.rows.append(["problems", "\(problems.count)"])
    return t.csv()
  }

  public func text() -> String {
    let x = w.text
    var out = x("today.title", ds.shop.name, a.today, w.weekday(a.today.weekday)) + "\n\n"
    let kpi = Tabular(
      headers: [
        x["kpi.pool"], x["kpi.new"], x["kpi.active"], x["kpi.repurchase"], w.segment(.superUser),
        w.segment(.atRisk),
      ],
      rows: [
        [
          "\(a.pool)", "\(a.new30d)", "\(a.active)",
          Wording.percent(a.repurchaseRate) + " / "
            + Wording.percent(a.thresholds.repurchaseTarget, digits: 0),
          "\(a.segmentCounts[.superUser] ?? 0)", "\(a.segmentCounts[.atRisk] ?? 0)",
        ]
      ], align: [.right, .right, .right, .right, .right, .right])
    out += kpi.text(indent: "  ") + "\n"
    out +=
      x["today.segments"] + "  "
      + Segment.allCases.map { w.segment($0) + " " + "\(a.segmentCounts[$0] ?? 0)" }.joined(separator: " · ")
      + "\n\n"
    out += x["today.posts"] + "\n"
    let posts = postsToday
    if posts.isEmpty { out += "  " + x["today.no_posts"] + "\n" }
    for p in posts {
      out +=
        "  " + (p.slot?.description ?? "     ") + "  " + w.category(p.category) + "  " + w.status(p.status)
        + "  "
        + firstLine(p.text) + "\n"
    }
    out += "\n" + x["today.offpeak"] + "\n"
    let windows = a.slots.offPeakWindows(weekday: a.today.weekday)
    if windows.isEmpty { out += "  " + x["today.no_offpeak"] + "\n" }
    for win in windows {
      let span = Self.hour(win.from) + "–" + Self.hour(win.to)
      let names = win.coveredBy.compactMap { id in ds.promotions.first { $0.id == id }.map { $0.name } }
      let cover =
        win.uncoveredHours.isEmpty
        ? x("today.covered", names.joined(separator: "、"))
        : x("today.uncovered", win.uncoveredHours.map { Self.hour($0) }.joined(separator: ", "))
      out += "  " + span + "  " + cover + "\n"
    }
    out +=
      "  "
      + x(
        "today.discount", Wording.percent(a.discount.share),
        Wording.percent(a.thresholds.discountWarning, digits: 0))
    out += (a.discount.warning ? "  " + x["today.discount_warning"] : "") + "\n\n"
    out += x("today.reach", a.reachOut.count) + "\n"
    let reach = Tabular(
      headers: [x["col.name"], x["col.spend_365"], x["col.why"]],
      rows: a.reachOut.prefix(20).map { r in
        [
          r.customer.map { ds.customers[$0].name } ?? "–",
          r.customer.map { "¥" + a.figures[$0].monetary.description } ?? "",
          w.reach(r, ds),
        ]
      }, align: [.left, .right, .left])
    out += reach.text(indent: "  ")
    if a.reachOut.count > 20 { out += "  " + x("today.more", a.reachOut.count - 20) + "\n" }
    out += "\n" + x("today.churn", a.churn.total, a.churn.complaints, a.churn.silentEstimate) + "\n"
    out += ChurnReport(ds, a, wording: w).reasonsTable().text(indent: "  ")
    out +=
      "\n" + (problems.isEmpty ? x["today.no_problems"] : x.counted("today.problems", problems.count)) + "\n"
    return out
  }
}

func firstLine(_ s: String) -> String {
  String(s.split(separator: "\n", omittingEmptySubsequences: false).first ?? "")
}
