import Foundation
import LiuliangModel
import LiuliangRender
import LiuliangTestSupport
import XCTest

/// `today --format brief`: the day in at most 40 columns, checked against the demo's files and
/// the JSON of `today` (whose figures other tests fix).
final class BriefTests: XCTestCase {
  func testBriefFitsFortyColumnsAndHoldsTheDay() throws {
    let r = try runLiuliang(
      ["today", "--data", Repo.seeds.path, "--today", "2026-11-16", "--format", "brief", "--lang", "en"])
    XCTAssertEqual(r.status, 0, r.stderr)
    let lines = r.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    for l in lines { XCTAssertLessThanOrEqual(CellWidth.of(l), 40, l) }
    let j = try runLiuliang(["today", "--data", Repo.seeds.path, "--today", "2026-11-16", "--format", "json"])
    let d = try JSONSerialization.jsonObject(with: Data(j.stdout.utf8)) as! [String: Any]
    XCTAssertTrue(lines[1].hasPrefix("pool \(d["pool"] as! Int) · active \(d["active"] as! Int)"), lines[1])
    // Ten numbered entries, the open complaints first.
    let numbered = lines.filter { $0.first?.isNumber == true && $0.contains(" ") && !$0.contains(":") }
    XCTAssertEqual(numbered.map { String($0.prefix { $0 != " " }) }, (1...10).map(String.init))
    XCTAssertTrue(numbered[0].hasPrefix("1 ! "), numbered[0])
    XCTAssertTrue(numbered.contains { $0.contains("Hi ") }, "messages' first words")
    // Today's planned and posted posts, from posts.csv.
    let posts = try String(contentsOf: Repo.seeds.appendingPathComponent("posts.csv"), encoding: .utf8)
      .split(separator: "\n").filter {
        $0.contains(",2026-11-16,") && ($0.contains(",planned,") || $0.contains(",posted,"))
      }
    XCTAssertTrue(lines.contains("Moments today (\(posts.count)):"), r.stdout)
    // The off-peak hours of this Monday that no promotion covers.
    let monday = (d["offpeak"] as! [[String: Any]]).filter {
      $0["weekday"] as? Int == 1 && ($0["covered_by"] as! [String]).isEmpty
    }
    let hours = monday.map { h -> String in
      let v = h["hour"] as! Int
      return String(format: "%02d:00–%02d:00", v, v + 1)
    }
    XCTAssertFalse(hours.isEmpty)
    let tail = lines.drop { !$0.hasPrefix("Slow, no promotion") }.joined(separator: " ")
    for h in hours { XCTAssertTrue(tail.contains(h), h) }
  }
}
