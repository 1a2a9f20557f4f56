import Foundation
import LiuliangModel
import LiuliangTestSupport
import XCTest

/// `report reachout --format json` on the demo against a count made here, straight from the
/// files, by PRODUCT.md's words: contacts dated T−364 … T−30, a visit of the same customer in
/// d+1 … d+30 (win-back, welcome) or d+1 … d+14 (birthday); and of the customers at risk on
/// T−30 (as `customers --segment at_risk --today T−30` lists them), those with no contact in
/// T−60 … T−30 who visited in T−29 … T.
final class ReachOutReportTests: XCTestCase {
  let t = Day("2026-11-16")!

  /// The plain rows of a demo file (the demo's ids, dates and kinds hold no quotes or commas).
  func rows(_ name: String) throws -> [[String]] {
    let text = try String(contentsOf: Repo.seeds.appendingPathComponent(name), encoding: .utf8)
    return text.split(separator: "\n").dropFirst().map {
      $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    }
  }

  func testDemoRatesMatchACountFromTheFiles() throws {
    let ids = Set(try rows("customers.csv").map { $0[0] })
    var visits: [String: [Day]] = [:]
    for r in try rows("visits.csv") where !r[0].isEmpty { visits[r[0], default: []].append(Day(r[1])!) }
    let contacts = try rows("contacts.csv").map { (who: $0[0], date: Day($0[1])!, kind: $0[2]) }
    func visited(_ who: String, _ a: Day, _ b: Day) -> Bool {
      visits[who, default: []].contains { $0 >= a && $0 <= b }
    }
    var expected: [String: (Int, Int)] = ["win_back": (0, 0), "welcome": (0, 0), "birthday": (0, 0)]
    let days = ["win_back": 30, "welcome": 30, "birthday": 14]
    for c in contacts where ids.contains(c.who) && c.date >= t.adding(-364) && c.date <= t.adding(-30) {
      guard let n = days[c.kind] else { continue }
      let back = visited(c.who, c.date.adding(1), c.date.adding(n))
      expected[c.kind]!.0 += 1
      expected[c.kind]!.1 += back ? 1 : 0
    }
    let then = try runLiuliang(
      [
        "customers", "--data", Repo.seeds.path, "--today", t.adding(-30).description, "--segment", "at_risk",
        "--format", "csv",
      ])
    XCTAssertEqual(then.status, 0, then.stderr)
    let atRisk = then.stdout.split(separator: "\n").dropFirst().map { String($0.prefix { $0 != "," }) }
    let contacted = Set(contacts.filter { $0.date >= t.adding(-60) && $0.date <= t.adding(-30) }.map(\.who))
    let uncontacted = atRisk.filter { !contacted.contains($0) }
    let cameBack = uncontacted.filter { visited($0, t.adding(-29), t) }

    let r = try runLiuliang([
      "report", "reachout", "--data", Repo.seeds.path, "--today", "\(t)", "--format", "json",
    ])
    XCTAssertEqual(r.status, 0, r.stderr)
    let d = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
    for (kind, (count, followed)) in expected {
      let o = d[kind] as! [String: Any]
      XCTAssertEqual(o["contacts"] as? Int, count, kind)
      XCTAssertEqual(o["followed"] as? Int, followed, kind)
      XCTAssertEqual(o["rate"] as! Double, Double(followed) / Double(count), accuracy: 1e-12, kind)
      XCTAssertGreaterThan(followed, 0, "the demo has a real \(kind) figure")
      XCTAssertLessThan(followed, count, "the demo has a real \(kind) figure")
    }
    let u = d["uncontacted"] as! [String: Any]
    XCTAssertEqual(u["at_risk"] as? Int, uncontacted.count)
    XCTAssertEqual(u["came_back"] as? Int, cameBack.count)
    XCTAssertGreaterThan(cameBack.count, 0)
    XCTAssertEqual(d["contacts_to"] as? String, "2026-10-17")
  }

  func testTextAndCSVHaveEveryRow() throws {
    let r = try runLiuliang(
      ["report", "reachout", "--data", Repo.seeds.path, "--today", "\(t)", "--format", "csv"])
    XCTAssertEqual(r.status, 0, r.stderr)
    let lines = r.stdout.split(separator: "\n")
    XCTAssertEqual(lines.first, "kind,count,followed,rate,within_days")
    XCTAssertEqual(
      lines.dropFirst().map { String($0.prefix { $0 != "," }) },
      ["win_back", "welcome", "birthday", "uncontacted"])
    let text = try runLiuliang(
      ["report", "reachout", "--data", Repo.seeds.path, "--today", "\(t)", "--lang", "en"])
    XCTAssertTrue(text.stdout.contains("win-back (visit within 30 days)"), text.stdout)
  }
}
