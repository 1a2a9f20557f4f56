import Foundation
import LiuliangStore
import LiuliangTestSupport
import XCTest

/// The scriptable commands as a user's script calls them: the real binary, exit codes, output.
final class CommandTests: XCTestCase {
  let demoDay = "2026-11-16"

  func testCheckOnTheDemoShopPasses() throws {
    let r = try runLiuliang(["check", "--data", Repo.seeds.path])
    XCTAssertEqual(r.status, 0, r.stdout + r.stderr)
  }

  /// Three broken rows in a copy: exactly those three are listed as file:line, the exit is
  /// non-zero, and a rewrite of the store keeps them byte for byte.
  func testCheckListsExactlyTheBrokenRows() throws {
    let store = try Repo.demoCopy()
    let customers = store.appendingPathComponent("customers.csv")
    var lines = try String(contentsOf: customers, encoding: .utf8).components(separatedBy: "\n")
    // Line numbers are 1-based and the header is line 1: lines[4] is line 5. The file ends with
    // a newline, so the last element is empty.
    lines[4] = lines[4].components(separatedBy: ",").enumerated().map {
      $0.offset == 6 ? "2026-02-30" : $0.element
    }
    .joined(separator: ",")
    lines[9] = lines[9].components(separatedBy: ",").enumerated().map { $0.offset == 7 ? "gold" : $0.element }
      .joined(separator: ",")
    // An unterminated quote swallows the rest of the file, so it goes last.
    lines.insert("C9999,\"never closed,friend", at: lines.count - 1)
    try lines.joined(separator: "\n").write(to: customers, atomically: true, encoding: .utf8)
    let before = try Data(contentsOf: customers)

    let r = try runLiuliang(["check", "--data", store.path, "--format", "csv", "--lang", "en"])
    XCTAssertEqual(r.status, 1)
    let rows = r.stdout.split(separator: "\n").dropFirst().map {
      $0.split(separator: ",").prefix(2).joined(separator: ":")
    }
    XCTAssertEqual(rows, ["customers.csv:5", "customers.csv:10", "customers.csv:\(lines.count - 1)"])

    let text = try runLiuliang(["check", "--data", store.path, "--lang", "en"])
    XCTAssertTrue(
      text.stdout.contains("customers.csv:5: field joined cannot be read: \"2026-02-30\""), text.stdout)
    XCTAssertTrue(text.stdout.contains("3 problems"), text.stdout)
    XCTAssertEqual(try Data(contentsOf: customers), before, "check writes nothing")

    // Rewriting the store after an edit: the three rows come back byte for byte, and so does
    // every other row but the edited one.
    let s = try Store(folder: store.path, mode: .readWrite)
    var ds = s.dataset
    ds.customers[0].name = "改过的名字"
    try s.save(ds)
    var after = try String(contentsOf: customers, encoding: .utf8).components(separatedBy: "\n")
    XCTAssertTrue(after[1].hasPrefix(ds.customers[0].id + ",改过的名字,"))
    after[1] = lines[1]
    XCTAssertEqual(after, lines)
  }

  func testCustomersCSVGivesEveryCustomerASegment() throws {
    let r = try runLiuliang(["customers", "--data", Repo.seeds.path, "--today", demoDay, "--format", "csv"])
    XCTAssertEqual(r.status, 0, r.stderr)
    let lines = r.stdout.split(separator: "\n", omittingEmptySubsequences: true)
    let header = lines[0].split(separator: ",").map(String.init)
    for c in [
      "id", "name", "tier", "segment", "last_visit", "recency_days", "visits_365", "spend_365", "tags",
    ] {
      XCTAssertTrue(header.contains(c), "column \(c)")
    }
    let customerRows =
      try String(contentsOf: Repo.seeds.appendingPathComponent("customers.csv"), encoding: .utf8)
      .split(separator: "\n").count - 1
    XCTAssertEqual(lines.count - 1, customerRows)
    let segmentColumn = header.firstIndex(of: "segment")!
    let allowed: Set<String> = ["churned", "super", "new", "at_risk", "sleeping", "loyal", "regular"]
    var seen = Set<String>()
    for l in lines.dropFirst() {
      // Names and tags in the demo hold no commas, so the segment is the fourth plain field.
      let s = String(l.split(separator: ",", omittingEmptySubsequences: false)[segmentColumn])
      XCTAssertTrue(allowed.contains(s), "segment \(s)")
      seen.insert(s)
    }
    XCTAssertEqual(seen, allowed, "the demo shop has every segment")
  }

  func testCustomersFilters() throws {
    let r = try runLiuliang(
      [
        "customers", "--data", Repo.seeds.path, "--today", demoDay, "--format", "json", "--segment",
        "at_risk", "--tier", "vip",
      ])
    XCTAssertEqual(r.status, 0, r.stderr)
    let list = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [[String: Any]]
    XCTAssertFalse(list.isEmpty)
    for c in list {
      XCTAssertEqual(c["segment"] as? String, "at_risk")
      XCTAssertEqual(c["tier"] as? String, "vip")
    }
  }

  func testTodayJSONHasTheKeys() throws {
    let r = try runLiuliang(["today", "--data", Repo.seeds.path, "--today", demoDay, "--format", "json"])
    XCTAssertEqual(r.status, 0, r.stderr)
    let d = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
    for k in [
      "date", "pool", "active", "new_30d", "repurchase_rate", "segments", "offpeak", "discount_dependence",
      "churn", "problems", "cohorts", "trends",
    ] {
      XCTAssertNotNil(d[k], "key \(k)")
    }
    XCTAssertEqual(d["date"] as? String, demoDay)
    let rate = d["repurchase_rate"] as! Double
    XCTAssertTrue((0...1).contains(rate))
    let segments = d["segments"] as! [String: Int]
    XCTAssertEqual(segments.values.reduce(0, +), d["pool"] as? Int)
    XCTAssertEqual(
      Set(segments.keys), ["churned", "super", "new", "at_risk", "sleeping", "loyal", "regular"])
    // The demo shows what the dashboard must: birthdays this week among the at-risk, an off-peak
    // slot no promotion covers, and a content-plan warning.
    let offpeak = d["offpeak"] as! [[String: Any]]
    XCTAssertTrue(offpeak.contains { ($0["covered_by"] as! [String]).isEmpty })
    let checks = d["content_checks"] as! [String: [Any]]
    XCTAssertFalse(
      checks["empty_days"]!.isEmpty && checks["crowded_days"]!.isEmpty && checks["no_test_posts"]!.isEmpty)
  }

  func testDemoHasAtRiskCustomersWithBirthdaysThisWeek() throws {
    let r = try runLiuliang(["today", "--data", Repo.seeds.path, "--today", demoDay, "--format", "json"])
    let d = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
    let reach = d["reach_out"] as! [[String: Any]]
    let atRisk = Set(
      reach.filter { $0["why"] as? String == "at_risk" }.compactMap { $0["customer"] as? String })
    let birthdays = Set(
      reach.filter { $0["why"] as? String == "birthday" }.compactMap { $0["customer"] as? String })
    XCTAssertFalse(atRisk.intersection(birthdays).isEmpty)
  }

  func testTextOutputIsAlignedInCells() throws {
    let r = try runLiuliang([
      "customers", "--data", Repo.seeds.path, "--today", demoDay, "--lang", "zh-Hans", "--tier", "member",
    ])
    XCTAssertEqual(r.status, 0, r.stderr)
    // The tier column starts at the same cell on every row: names are two cells per character.
    let rows = r.stdout.split(separator: "\n").dropLast()
    let starts = rows.map { row -> Int in
      let cols = row.components(separatedBy: "  ").filter { !$0.isEmpty }
      let prefix = row.range(of: "  " + cols[2])!.lowerBound
      return row[..<prefix].reduce(0) { $0 + ($1.unicodeScalars.first!.value >= 0x1100 ? 2 : 1) }
    }
    XCTAssertEqual(Set(starts).count, 1, "\(starts)")
  }

  func testReportsInEveryFormat() throws {
    for topic in ["churn", "offpeak", "content", "retention", "promotions"] {
      for format in ["text", "csv", "json"] {
        let r = try runLiuliang([
          "report", topic, "--data", Repo.seeds.path, "--today", demoDay, "--format", format,
        ])
        XCTAssertEqual(r.status, 0, "\(topic) \(format): \(r.stderr)")
        XCTAssertFalse(r.stdout.isEmpty)
        if format == "json" { XCTAssertNoThrow(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8))) }
      }
    }
  }

  /// What the system says goes into the owner's language: a Chinese sentence does not end in
  /// "No such file or directory".
  func testTheSystemsReasonIsInTheOwnersLanguage() throws {
    let demo = try Repo.demoCopy()
    for (lang, words) in [
      ("zh-Hans", "无法读取 /nonexistent/orders.csv：没有这个文件或文件夹"), ("en", "no such file or folder"),
    ] {
      let r = try runLiuliang([
        "import", "/nonexistent/orders.csv", "--kind", "visits", "--data", demo.path, "--lang", lang,
      ])
      XCTAssertNotEqual(r.status, 0)
      XCTAssertTrue(r.stderr.contains(words), r.stderr)
      XCTAssertFalse(r.stderr.contains("No such file or directory"), r.stderr)
    }
  }

  func testBadInputGetsOneSentenceAndANonZeroExit() throws {
    let missing = try runLiuliang(["today", "--data", "/nonexistent/shop", "--lang", "en"])
    XCTAssertNotEqual(missing.status, 0)
    XCTAssertTrue(
      missing.stderr.contains("The store folder /nonexistent/shop does not exist;"), missing.stderr)
    let date = try runLiuliang(["today", "--data", Repo.seeds.path, "--today", "2026-02-30", "--lang", "en"])
    XCTAssertNotEqual(date.status, 0)
    XCTAssertTrue(
      date.stderr.contains("2026-02-30 is not a date (--today takes YYYY-MM-DD)."), date.stderr)
    let flag = try runLiuliang(["today", "--data", Repo.seeds.path, "--frobnicate"])
    XCTAssertNotEqual(flag.status, 0)
    XCTAssertTrue(flag.stderr.contains("--frobnicate"), flag.stderr)
    let env = try runLiuliang(
      ["today", "--data", Repo.seeds.path, "--lang", "en"], env: ["LIULIANG_TODAY": "tomorrow"])
    XCTAssertNotEqual(env.status, 0)
    XCTAssertTrue(env.stderr.contains("LIULIANG_TODAY"), env.stderr)
  }

  func testGenerateIsDeterministic() throws {
    let a = try Repo.unmadeFolder("a")
    let b = try Repo.unmadeFolder("b")
    XCTAssertEqual(try runLiuliang(["generate", a.path, "--customers", "300", "--seed", "7"]).status, 0)
    XCTAssertEqual(try runLiuliang(["generate", b.path, "--customers", "300", "--seed", "7"]).status, 0)
    for f in [
      "customers.csv", "visits.csv", "posts.csv", "promotions.csv", "complaints.csv", "contacts.csv",
      "shop.toml",
    ] {
      XCTAssertEqual(
        try Data(contentsOf: a.appendingPathComponent(f)), try Data(contentsOf: b.appendingPathComponent(f)),
        f)
    }
    let again = try runLiuliang(["generate", a.path, "--lang", "en"])
    XCTAssertNotEqual(again.status, 0, "never over an existing store")
  }

  /// The demo in seeds/ is what the generator makes: anyone can make it again.
  func testSeedsAreTheGeneratorsDemo() throws {
    let a = try Repo.unmadeFolder("demo")
    XCTAssertEqual(try runLiuliang(["generate", a.path]).status, 0)
    for f in [
      "customers.csv", "visits.csv", "posts.csv", "promotions.csv", "complaints.csv", "contacts.csv",
      "shop.toml",
    ] {
      XCTAssertEqual(
        try Data(contentsOf: a.appendingPathComponent(f)),
        try Data(contentsOf: Repo.seeds.appendingPathComponent(f)), f)
    }
  }
}
