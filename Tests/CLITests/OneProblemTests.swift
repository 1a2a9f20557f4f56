import Foundation
import LiuliangTestSupport
import XCTest

/// A count of one is worded in the singular, on the command line and in the dashboard.
final class OneProblemTests: XCTestCase {
  func testCheckSaysOneProblem() throws {
    let store = try Repo.demoCopy()
    let visits = store.appendingPathComponent("visits.csv")
    try append("C9999,2026-11-01,12:00,10.00,1,,dine-in\n", to: visits)
    let lines = try String(contentsOf: visits, encoding: .utf8).split(separator: "\n").count
    let r = try runLiuliang(["check", "--data", store.path, "--lang", "en"])
    XCTAssertEqual(r.status, 1)
    XCTAssertTrue(r.stdout.contains("visits.csv:\(lines): "), r.stdout)
    XCTAssertTrue(r.stdout.contains("1 problem in "), r.stdout)
    XCTAssertFalse(r.stdout.contains("1 problems"), r.stdout)
    let zh = try runLiuliang(["check", "--data", store.path, "--lang", "zh-Hans"])
    XCTAssertTrue(zh.stdout.contains("有 1 个问题"), zh.stdout)
  }
}
