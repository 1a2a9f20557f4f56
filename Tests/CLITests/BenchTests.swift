import Foundation
import LiuliangTestSupport
import XCTest

/// A small run of the benchmark suite's own command, so that it keeps working: the full run
/// (a million customers, scripts/bench) is too long for every test run.
final class BenchTests: XCTestCase {
  func testBenchPrintsEveryFigureOnASmallStore() throws {
    let store = try Repo.unmadeFolder("bench")
    let made = try runLiuliang([
      "generate", store.path, "--customers", "2000", "--walk-ins", "30", "--shape", "real",
    ])
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
      "append_visit_ms", "save_customer_ms", "edit_save_screen_ms", "dashboard_log_visit_ms", "peak_rss_mb",
      "peak_rss_to_files", "rss_after_load_mb",
      "rss_after_keys_mb", "cohorts_ms", "promotion_effects_ms", "dashboard_log_visit_p99_ms",
      "dashboard_figures_again_ms", "edit_index_and_orders_anew_ms", "indexes_ready_ms",
      "indexes_ready_cpu_ms",
    ]
    // Every pane: switching to it, its cursor, each toggle and form, the lists, the moves.
    for k in [
      "today_switch", "today_cursor", "today_filter", "today_message", "today_open",
      "customers_switch", "customers_cursor", "customers_page", "customers_search_name",
      "customers_search_phone", "customers_search_pinyin", "customers_filter", "customers_sort",
      "customers_detail", "customers_mark", "customers_form",
      "moments_switch", "moments_cursor", "moments_week", "moments_form", "moments_move",
      "promotions_switch", "promotions_list", "promotions_toggle", "promotions_heat", "promotions_form",
      "churn_switch", "churn_at_risk", "churn_toggle", "churn_complaints", "churn_open", "churn_form",
      "during_save", "undo_visit",
    ] {
      names += ["key_\(k)_median_ms", "key_\(k)_p99_ms", "key_\(k)_samples"]
    }
    for n in names { XCTAssertNotNil(figures[n], n) }
    XCTAssertEqual(figures["customers"], 2000)
    // A move in Moments is a change of the data: it is timed only when it happened.
    XCTAssertGreaterThanOrEqual(figures["key_moments_move_samples"] ?? 0, 2)
    XCTAssertGreaterThan(figures["visits"] ?? 0, 0)
    // The command is for the suite only: the installed program has neither it nor the drill.
    let help = try runLiuliang(["--help", "--lang", "en"])
    XCTAssertFalse(help.stdout.contains("bench"))
    XCTAssertNotEqual(try runLiuliang(["bench", "--data", store.path]).status, 0)
    XCTAssertNotEqual(try runLiuliang(["drill", "check", "--data", store.path]).status, 0)
  }

  /// The benchmark on a chain's store (--store URL --shop ID): the same figures, from the
  /// database, and the visit it logs lands there.
  func testBenchMeasuresAChainsStore() throws {
    let (pg, db, url) = try ThrowawayPostgres.freshDatabase()
    let store = try Repo.unmadeFolder("bench-chain")
    let made = try runLiuliang(["generate", store.path, "--customers", "2000", "--walk-ins", "30"])
    XCTAssertEqual(made.status, 0, made.stderr)
    XCTAssertEqual(try runLiuliang(["migrate", store.path, url, "--lang", "en"]).status, 0)
    let visits = Int(try pg.psql(db, "SELECT count(*) FROM visits").trimmed)!
    let r = try runTools([
      "bench", "--store", url, "--shop", "main", "--today", "2026-11-16", "--rounds", "2",
    ])
    XCTAssertEqual(r.status, 0, r.stderr)
    var figures: [String: Double] = [:]
    for line in r.stdout.split(separator: "\n") {
      let parts = line.split(separator: " ")
      if parts.count == 2, let v = Double(parts[1]) { figures[String(parts[0])] = v }
    }
    XCTAssertEqual(figures["customers"], 2000)
    XCTAssertEqual(figures["visits"], Double(visits))
    XCTAssertGreaterThan(figures["load_ms"] ?? 0, 0)
    // The bytes read are about the files' size: within a tenth of the folder's.
    let files = try FileManager.default.contentsOfDirectory(atPath: store.path).reduce(0) {
      $0 + ((try FileManager.default.attributesOfItem(atPath: store.path + "/" + $1)[.size] as? Int) ?? 0)
    }
    XCTAssertEqual(figures["files_mb"] ?? 0, Double(files) / 1e6, accuracy: Double(files) / 1e7)
    XCTAssertEqual(Int(try pg.psql(db, "SELECT count(*) FROM visits").trimmed), visits + 1)
  }
}
