import Foundation
import LiuliangTestSupport
import XCTest

/// `report retention` and `report promotions` on a small store written here, each figure worked
/// out by hand from PRODUCT.md's definitions (T = 2026-11-16, a Monday in mid-November).
final class EffectReportTests: XCTestCase {
  static let files = [
    "shop.toml": "name = \"测试店\"\nlanguage = \"en\"\n",
    "customers.csv": """
    id,name,joined,churned_on
    A,A,2026-09-10,
    B,B,2026-09-15,2026-10-20
    C,C,2026-09-30,
    D,D,,
    E,E,2026-11-20,
    F,F,2026-10-31,

    """,
    // A's, D's and F's visits at noon are outside every promotion's hours; the walk-ins test
    // the Monday 14:00–17:00 promotion P1 (start 2026-11-02, k = 2 weeks).
    "visits.csv": """
    customer,date,time,amount
    A,2026-09-20,12:00,10
    A,2026-10-02,12:00,10
    A,2026-10-03,12:00,10
    A,2026-11-01,12:00,10
    B,2026-11-16,12:00,10
    B,2026-11-17,12:00,10
    D,2026-10-05,12:00,10
    F,2026-11-05,12:00,10
    ,2026-10-26,15:00,10
    ,2026-10-19,14:00,10
    ,2026-10-19,17:00,10
    ,2026-10-27,15:00,10
    ,2026-10-26,12:00,10
    ,2026-09-06,15:00,10
    ,2026-11-02,16:59,10
    ,2026-11-09,14:30,10
    ,2026-11-09,15:30,10
    ,2026-11-03,15:00,10
    ,2026-11-09,17:00,10
    ,2026-11-16,15:00,10

    """,
    "promotions.csv": """
    id,name,kind,discount,weekdays,from,to,audience,start,end
    P1,Monday tea,offpeak,8折,1,14:00,17:00,everyone,2026-11-02,
    P2,Gift,welcome_gift,,,,,everyone,2026-05-01,
    P3,Late,offpeak,,1-5,14:00,17:00,vip,2026-11-07,
    P4,Soon,offpeak,,,,11:00,everyone,2026-12-01,
    P5,Backwards,offpeak,,,17:00,14:00,everyone,2026-11-01,

    """,
  ]

  func store() throws -> String {
    let dir = try Repo.tempFolder()
    for (name, text) in Self.files {
      try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }
    return dir.path
  }

  func run(_ args: [String], _ dir: String, lang: String = "en") throws -> String {
    let r = try runLiuliang(args + ["--data", dir, "--today", "2026-11-16", "--lang", lang])
    XCTAssertEqual(r.status, args[0] == "check" ? 1 : 0, r.stderr)
    return r.stdout
  }

  func json(_ args: [String], _ dir: String) throws -> [String: Any] {
    try JSONSerialization.jsonObject(with: Data(run(args + ["--format", "json"], dir).utf8)) as! [String: Any]
  }

  /// September: A (back in October and November), B (churned, back on T: November), C (never);
  /// D has no joined date, E joined after T. October: F, back in November.
  func testRetentionByCohort() throws {
    let dir = try store()
    XCTAssertEqual(
      try run(["report", "retention", "--format", "csv"], dir),
      "cohort,size,returned,retention\n2026-09,3,1;2,0.3333;0.6667\n2026-10,1,1,1.0000\n")
    let cohorts = try json(["report", "retention"], dir)["cohorts"] as! [[String: Any]]
    XCTAssertEqual(cohorts.map { $0["cohort"] as! String }, ["2026-09", "2026-10"])
    XCTAssertEqual(cohorts.map { $0["size"] as! Int }, [3, 1])
    XCTAssertEqual(cohorts.map { $0["returned"] as! [Int] }, [[1, 2], [1]])
    let shares = cohorts[0]["retention"] as! [Double]
    XCTAssertEqual(shares[0], 1.0 / 3, accuracy: 1e-12)
    XCTAssertEqual(shares[1], 2.0 / 3, accuracy: 1e-12)
    // The same cohorts in today's JSON.
    let today = try json(["today"], dir)["cohorts"] as! [[String: Any]]
    XCTAssertEqual(today.map { $0["returned"] as! [Int] }, [[1, 2], [1]])
    let text = try run(["report", "retention"], dir)
    let rows = text.split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
    XCTAssertTrue(rows.contains(["2026-09", "3", "33", "67~"]), text)
    XCTAssertTrue(rows.contains(["2026-10", "1", "100~"]), text)
  }

  func testPromotionEffectAndLift() throws {
    let dir = try store()
    let rows = try json(["report", "promotions"], dir)["promotions"] as! [[String: Any]]
    XCTAssertEqual(rows.map { $0["promotion"] as! String }, ["P1", "P2", "P3", "P4"], "P5 cannot be read")
    let p1 = rows[0]
    XCTAssertEqual(p1["name"] as? String, "Monday tea")
    XCTAssertEqual(p1["kind"] as? String, "offpeak")
    XCTAssertEqual(p1["active"] as? Bool, true)
    XCTAssertEqual(p1["audience_size"] as? Int, 5, "everyone but churned B")
    // Before (2026-09-07 … 11-01): in 10-26 15:00 and 10-19 14:00; out 10-19 17:00 (exactly
    // `to`), 10-27 (a Tuesday), 10-26 12:00 and A's and D's five visits. Since (11-02 … 11-15):
    // in 11-02 16:59, 11-09 14:30 and 15:30; out 11-03, 11-09 17:00 and F's 11-05.
    XCTAssertEqual(p1["in_before"] as? Int, 2)
    XCTAssertEqual(p1["out_before"] as? Int, 8)
    XCTAssertEqual(p1["in_since"] as? Int, 3)
    XCTAssertEqual(p1["out_since"] as? Int, 3)
    XCTAssertEqual(p1["weeks_since"] as? Int, 2)
    XCTAssertEqual(p1["before_per_week"] as? Double, 0.25)
    XCTAssertEqual(p1["since_per_week"] as? Double, 1.5)
    XCTAssertEqual(p1["lift"] as? Double, 3, "(3 × 8) ÷ (2 × 3) − 1")
    // P2 has no time window; P3 started 10 days ago (one whole week: too early); P4 (empty
    // `from` = 00:00) starts after T.
    XCTAssertTrue(rows[1]["weeks_since"] is NSNull && rows[1]["lift"] is NSNull)
    XCTAssertTrue(rows[1]["before_per_week"] is NSNull && rows[1]["since_per_week"] is NSNull)
    XCTAssertEqual(rows[1]["effect"] as? String, "no_window")
    XCTAssertEqual(rows[2]["weeks_since"] as? Int, 1)
    XCTAssertEqual(rows[2]["since_per_week"] as? Double, 2, "11-09 14:30 and 15:30 in 2026-11-07 … 11-13")
    XCTAssertTrue(rows[2]["lift"] is NSNull)
    XCTAssertEqual(rows[2]["effect"] as? String, "too_early")
    XCTAssertEqual(rows[2]["audience_size"] as? Int, 0, "nobody is vip")
    XCTAssertEqual(rows[3]["active"] as? Bool, false)
    XCTAssertEqual(rows[3]["effect"] as? String, "not_started")

    let csv = try run(["report", "promotions", "--format", "csv"], dir).split(separator: "\n")
    XCTAssertEqual(
      csv[0],
      "promotion,name,kind,active,audience_size,effect,weeks_since,before_per_week,since_per_week,lift")
    XCTAssertEqual(csv[1], "P1,Monday tea,offpeak,1,5,measured,2,0.2500,1.5000,3.0000")
    XCTAssertEqual(csv[2], "P2,Gift,welcome_gift,1,5,no_window,,,,")
    let text = try run(["report", "promotions"], dir)
    for word in ["+300%", "no time window", "too early to tell", "not started"] {
      XCTAssertTrue(text.contains(word), "\(word) in\n\(text)")
    }
    XCTAssertTrue(try run(["report", "promotions"], dir, lang: "zh-Hans").contains("还太早，看不出来"))
  }

  func testCheckSaysWhyAWindowIsWrong() throws {
    let dir = try store()
    XCTAssertTrue(
      try run(["check"], dir).contains("promotions.csv:6: to 14:00 is not after from 17:00"))
    XCTAssertTrue(
      try run(["check"], dir, lang: "zh-Hans").contains("promotions.csv:6: to 14:00 不在 from 17:00 之后"))
  }
}
