import Foundation
import LiuliangTestSupport
import XCTest

/// A small run of the benchmark suite's own command, so that it keeps working: the full run
/// (a million customers, scripts/bench) is too long for every test run.
final class BenchTests: XCTestCase {
  func testBenchPrintsEveryFigureOnASmallStore() throws {
    let store = try Repo.tempFolder("bench")
    try FileManager.default.removeItem(at: store)
    let made = try runLiuliang(["generate", store.path, "--customers", "2000", "--walk-ins", "30"])
    XCTAssertEqual(made.status, 0, made.stderr)
    let r = try runTools(["bench", "--data", store.path, "--today", "2026-11-16", "--rounds", "2"])
    XCTAssertEqual(r.status, 0, r.stderr)
    var figures: [String: Double] = [:]
    for line in r.stdout.split(separator: "\n") {
      let parts = line.split(separator: " ")
      if parts.count == 2, let v = Double(parts[1]) { figures[String(parts[0])] = v }
    }
    var names = [
      "customers", "visits", "files_mb", "load_ms", "dashboard_ms", "first_frame_ms", "load_and_dashboard_ms",
      "append_visit_ms", "save_customer_ms", "peak_rss_mb", "peak_rss_to_files", "rss_after_load_mb",
      "rss_after_keys_mb", "cohorts_ms", "promotion_effects_ms",
    ]
    for k in [
      "cursor", "page", "search_name", "search_phone", "search_pinyin", "filter", "sort", "panes",
      "promotions",
      "churn",
    ] {
      names += ["key_\(k)_median_ms", "key_\(k)_p99_ms", "key_\(k)_samples"]
    }
    for n in names { XCTAssertNotNil(figures[n], n) }
    XCTAssertEqual(figures["customers"], 2000)
    XCTAssertGreaterThan(figures["visits"] ?? 0, 0)
    // The command is for the suite only: the installed program has neither it nor the drill.
    let help = try runLiuliang(["--help", "--lang", "en"])
    XCTAssertFalse(help.stdout.contains("bench"))
    XCTAssertNotEqual(try runLiuliang(["bench", "--data", store.path]).status, 0)
    XCTAssertNotEqual(try runLiuliang(["drill", "check", "--data", store.path]).status, 0)
  }
}
