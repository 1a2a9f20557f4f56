import Foundation
import LiuliangApp
import LiuliangModel
import LiuliangReport
import LiuliangText
import XCTest

/// PRODUCT.md: every figure a pane shows is in some command's `--format json`. The list below
/// names each figure the panes draw, the command whose JSON holds it and where, and the value
/// the pane reads from the dashboard's state; the test finds each one there. A figure added to
/// a pane goes into this list, and fails here until some JSON gives it.
final class PaneFiguresTests: XCTestCase {
  struct Figure {
    var pane: Pane
    var name: String
    var command: String
    /// Keys and array indexes into the command's JSON.
    var path: [Any]
    /// What the pane shows, as JSON would write it.
    var shown: (AppState) -> Any
  }

  static var figures: [Figure] {
    var f: [Figure] = [
      // Today: the tiles, their sparklines, posts, off-peak windows, reach-out, churn, discount.
      Figure(pane: .today, name: "pool", command: "today", path: ["pool"], shown: { $0.analysis.pool }),
      Figure(
        pane: .today, name: "new friends", command: "today", path: ["new_30d"], shown: { $0.analysis.new30d }),
      Figure(pane: .today, name: "active", command: "today", path: ["active"], shown: { $0.analysis.active }),
      Figure(
        pane: .today, name: "repurchase rate", command: "today", path: ["repurchase_rate"],
        shown: { $0.analysis.repurchaseRate! }),
      Figure(
        pane: .today, name: "repurchase target", command: "today", path: ["repurchase_target"],
        shown: { $0.analysis.thresholds.repurchaseTarget }),
      Figure(
        pane: .today, name: "super users", command: "today", path: ["segments", "super"],
        shown: { $0.analysis.segmentCounts[.superUser]! }),
      Figure(
        pane: .today, name: "at risk", command: "today", path: ["segments", "at_risk"],
        shown: { $0.analysis.segmentCounts[.atRisk]! }),
      Figure(
        pane: .today, name: "pool trend", command: "today", path: ["trends", "pool"],
        shown: { $0.trends.pool }),
      Figure(
        pane: .today, name: "new friends trend", command: "today", path: ["trends", "new_friends"],
        shown: { $0.trends.newFriends }),
      Figure(
        pane: .today, name: "active trend", command: "today", path: ["trends", "active"],
        shown: { $0.trends.active }),
      Figure(
        pane: .today, name: "repurchase trend", command: "today", path: ["trends", "repurchase_rate"],
        shown: { $0.trends.repurchaseRate }),
      Figure(
        pane: .today, name: "super users trend", command: "today", path: ["trends", "super"],
        shown: { $0.trends.superUsers }),
      Figure(
        pane: .today, name: "at risk trend", command: "today", path: ["trends", "at_risk"],
        shown: { $0.trends.atRisk }),
      Figure(
        pane: .today, name: "today's posts", command: "today", path: ["posts_today", "count"],
        shown: { s in s.dataset.posts.filter { $0.date == s.today }.count }),
      Figure(
        pane: .today, name: "off-peak windows today", command: "today", path: ["offpeak_today", "count"],
        shown: { $0.analysis.slots.offPeakWindows(weekday: $0.today.weekday).count }),
      Figure(
        pane: .today, name: "reach-out list", command: "today", path: ["reach_out", "count"],
        shown: { $0.analysis.reachOut.count }),
      Figure(
        pane: .today, name: "churned in 365 days", command: "today", path: ["churned_365d"],
        shown: { $0.analysis.churn.total }),
      Figure(
        pane: .today, name: "discount share", command: "today", path: ["discount_dependence"],
        shown: { $0.analysis.discount.share! }),
      Figure(
        pane: .today, name: "cohorts", command: "today", path: ["cohorts", "count"],
        shown: { $0.analysis.cohorts.count }),
      // Customers: the table's figures, for every customer.
      Figure(
        pane: .customers, name: "customers", command: "customers", path: ["count"],
        shown: { $0.dataset.customers.count }),
      // Moments: the content plan checks.
      Figure(
        pane: .moments, name: "empty days", command: "report content",
        path: ["checks", "empty_days", "count"],
        shown: { $0.checks.emptyDays.count }),
      Figure(
        pane: .moments, name: "crowded days", command: "report content",
        path: ["checks", "crowded_days", "count"], shown: { $0.checks.crowdedDays.count }),
      Figure(
        pane: .moments, name: "promotion-heavy weeks", command: "report content",
        path: ["checks", "promotion_heavy_weeks", "count"], shown: { $0.checks.promotionHeavyWeeks.count }),
      Figure(
        pane: .moments, name: "posts that pass no test", command: "report content",
        path: ["checks", "no_test_posts", "count"], shown: { $0.checks.noTestPosts.count }),
      // Promotions: the heatmap, the discount gauge.
      Figure(
        pane: .promotions, name: "open slots", command: "report offpeak", path: ["slots", "count"],
        shown: { $0.analysis.slots.slots.flatMap { $0 }.filter { $0.level != .closed }.count }),
      Figure(
        pane: .promotions, name: "median visits per week", command: "report offpeak",
        path: ["median_visits_per_week"], shown: { $0.analysis.slots.median! }),
      Figure(
        pane: .promotions, name: "discount gauge", command: "report offpeak", path: ["discount_dependence"],
        shown: { $0.analysis.discount.share! }),
      Figure(
        pane: .promotions, name: "only on discount", command: "report offpeak",
        path: ["only_on_discount", "count"],
        shown: { $0.analysis.discount.onlyOnDiscount.count }),
      // Churn: reasons, trend, complaints, at-risk list, the silent majority, retention.
      Figure(
        pane: .churn, name: "churned", command: "report churn", path: ["churned"],
        shown: { $0.analysis.churn.total }),
      Figure(
        pane: .churn, name: "complaints in 365 days", command: "report churn", path: ["complaints"],
        shown: { $0.analysis.churn.complaints }),
      Figure(
        pane: .churn, name: "silent estimate", command: "report churn", path: ["silent_estimate"],
        shown: { $0.analysis.churn.silentEstimate }),
      Figure(
        pane: .churn, name: "open complaints", command: "report churn", path: ["complaints_open"],
        shown: { $0.dataset.complaints.filter { !$0.resolved }.count }),
      Figure(
        pane: .churn, name: "all complaints", command: "report churn", path: ["complaints_total"],
        shown: { $0.dataset.complaints.count }),
      Figure(
        pane: .churn, name: "at-risk list", command: "report churn", path: ["at_risk"],
        shown: { $0.atRiskList.count }),
    ]
    for (k, r) in Reason.allCases.enumerated() {
      f.append(
        Figure(
          pane: .churn, name: "reason \(r.rawValue)", command: "report churn", path: ["reasons", k, "count"],
          shown: { $0.analysis.churn.counts[r] ?? 0 }))
    }
    for m in 0..<12 {
      f.append(
        Figure(
          pane: .churn, name: "churned in month \(m)", command: "report churn",
          path: ["monthly", m, "churned"],
          shown: { $0.analysis.churn.monthly[m].churned }))
      f.append(
        Figure(
          pane: .churn, name: "complaints in month \(m)", command: "report churn",
          path: ["monthly", m, "complaints"], shown: { $0.analysis.churn.monthly[m].complaints }))
    }
    return f
  }

  /// The figures that come one per row: every customer, promotion and cohort the panes list.
  static func rowFigures(_ s: AppState) -> [Figure] {
    var f: [Figure] = []
    for i in s.dataset.customers.indices.prefix(50) {
      let fig = s.analysis.figures[i]
      f.append(
        Figure(
          pane: .customers, name: "customer \(i) visits", command: "customers", path: [i, "visits_365"],
          shown: { _ in fig.frequency }))
      f.append(
        Figure(
          pane: .customers, name: "customer \(i) spend", command: "customers", path: [i, "spend_365"],
          shown: { _ in fig.monetary.yuan }))
      f.append(
        Figure(
          pane: .customers, name: "customer \(i) segment", command: "customers", path: [i, "segment"],
          shown: { $0.analysis.segment(i).rawValue }))
    }
    for i in s.dataset.promotions.indices {
      let e = s.analysis.effects[i]
      f.append(
        Figure(
          pane: .promotions, name: "audience of promotion \(i)", command: "report promotions",
          path: ["promotions", i, "audience_size"], shown: { $0.analysis.audienceSizes[i] }))
      for (key, v) in [
        ("before_per_week", e.beforePerWeek), ("since_per_week", e.sincePerWeek), ("lift", e.lift),
      ] {
        f.append(
          Figure(
            pane: .promotions, name: "\(key) of promotion \(i)", command: "report promotions",
            path: ["promotions", i, key], shown: { _ in v as Any? ?? NSNull() }))
      }
      f.append(
        Figure(
          pane: .promotions, name: "weeks since promotion \(i)", command: "report promotions",
          path: ["promotions", i, "weeks_since"], shown: { _ in e.measured ? e.weeksSince as Any : NSNull() })
      )
    }
    for (i, c) in s.analysis.cohorts.enumerated() {
      f.append(
        Figure(
          pane: .churn, name: "size of cohort \(c.name)", command: "report retention",
          path: ["cohorts", i, "size"], shown: { _ in c.size }))
      for k in c.returned.indices {
        f.append(
          Figure(
            pane: .churn, name: "cohort \(c.name) +\(k + 1)", command: "report retention",
            path: ["cohorts", i, "retention", k], shown: { _ in c.share(k)! }))
      }
    }
    return f
  }

  /// Each command's JSON, made by the same reports the commands print.
  static func outputs(_ s: AppState) -> [String: Any] {
    let w = Wording(Text(language: "en"))
    let ds = s.dataset
    let a = s.analysis
    let json: [String: JSON] = [
      "today": TodayReport(ds, a, problems: s.problems, wording: w, trends: s.trends).json(),
      "customers": CustomersReport(ds, a, wording: w, segment: nil, tier: nil, tag: nil).json(),
      "report content": ContentReport(ds, today: s.today, wording: w).json(),
      "report offpeak": OffpeakReport(ds, a, wording: w).json(),
      "report churn": ChurnReport(ds, a, wording: w).json(),
      "report retention": RetentionReport(a, wording: w).json(),
      "report promotions": PromotionsReport(ds, a, wording: w).json(),
    ]
    return json.mapValues { try! JSONSerialization.jsonObject(with: Data($0.serialized().utf8)) }
  }

  /// The value at `path`; "count" after an array is its length.
  static func find(_ root: Any, _ path: [Any]) -> Any? {
    var v: Any? = root
    for step in path {
      if let k = step as? Int, let a = v as? [Any] {
        v = k < a.count ? a[k] : nil
      } else if let key = step as? String, let o = v as? [String: Any] {
        v = o[key]
      } else if step as? String == "count", let a = v as? [Any] {
        v = a.count
      } else {
        return nil
      }
    }
    return v
  }

  static func same(_ a: Any?, _ b: Any) -> Bool {
    switch (a, b) {
    case (is NSNull, is NSNull): return true
    case (let x as String, let y as String): return x == y
    case (let x as NSNumber, let y as Int): return x.doubleValue == Double(y)
    case (let x as NSNumber, let y as Double): return abs(x.doubleValue - y) < 1e-9
    case (let x as [Any], let y as [Double]):
      return x.count == y.count && zip(x, y).allSatisfy { same($0, $1) }
    default: return false
    }
  }

  func testEveryFigureOfEveryPaneIsInSomeJSON() {
    let s = Demo.state("en", width: 120, height: 40)
    let out = Self.outputs(s)
    let all = Self.figures + Self.rowFigures(s)
    for p in Pane.allCases {
      XCTAssertTrue(all.contains { $0.pane == p }, "no figure listed for \(p)")
    }
    for f in all {
      guard let json = out[f.command] else {
        XCTFail("\(f.name): no command \(f.command)")
        continue
      }
      let found = Self.find(json, f.path)
      XCTAssertTrue(
        Self.same(found, f.shown(s)),
        "\(f.pane) \(f.name): \(f.command) \(f.path) is \(String(describing: found)), the pane shows \(f.shown(s))"
      )
    }
  }
}
