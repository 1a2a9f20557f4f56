import Foundation
import LiuliangTestSupport
import XCTest

/// A visit's value past what a visit keeps is told in one sentence, in each language, with
/// its place: by `check` for the log's row, by `import` for the till's.
final class VisitLimitCLITests: XCTestCase {
  func testCheckAndImportSayWhatAVisitKeeps() throws {
    let store = try Repo.demoCopy()
    let visits = store.appendingPathComponent("visits.csv")
    try append(
      "C0001,2026-11-01,12:00,21474836.48,1,,dine-in\nC0001,2026-11-01,12:00,1,16384,,dine-in\n", to: visits)
    let lines = try String(contentsOf: visits, encoding: .utf8).split(separator: "\n").count
    let en = try runLiuliang(["check", "--data", store.path, "--lang", "en"])
    XCTAssertEqual(en.status, 1)
    XCTAssertTrue(
      en.stdout.contains(
        "visits.csv:\(lines - 1): field amount holds \"21474836.48\", more than a visit can keep (at most 21474836.47)\n"
          + "visits.csv:\(lines): field party holds \"16384\", more than a visit can keep (at most 16383)\n"),
      en.stdout)
    let zh = try runLiuliang(["check", "--data", store.path, "--lang", "zh-Hans"])
    XCTAssertTrue(
      zh.stdout.contains(
        "visits.csv:\(lines - 1): 字段 amount 的值“21474836.48”超出一条消费记录能存的范围（最多 21474836.47）\n"
          + "visits.csv:\(lines): 字段 party 的值“16384”超出一条消费记录能存的范围（最多 16383）\n"),
      zh.stdout)

    let till = store.deletingLastPathComponent().appendingPathComponent("till-\(UUID().uuidString).csv")
    try Data(
      ("订单号,下单时间,实收金额,就餐人数\n" + "A1,2026-11-01 12:00:00,21474836.48,1\n" + "A2,2026-11-01 12:00:00,1,16384\n"
        + "A3,2026-11-01 12:00:00,21474836.47,16383\n").utf8
    ).write(to: till)
    let dry = try runLiuliang([
      "import", till.path, "--kind", "visits", "--dry-run", "--data", store.path, "--lang", "en",
    ])
    XCTAssertTrue(
      dry.stdout.contains("line 2: 实收金额 \"21474836.48\" is more than a visit can keep (at most 21474836.47)"),
      dry.stdout)
    XCTAssertTrue(
      dry.stdout.contains("line 3: 就餐人数 \"16384\" is more than a visit can keep (at most 16383)"), dry.stdout)
    let zhDry = try runLiuliang([
      "import", till.path, "--kind", "visits", "--dry-run", "--data", store.path, "--lang", "zh-Hans",
    ])
    XCTAssertTrue(zhDry.stdout.contains("第 2 行：实收金额“21474836.48”超出一条消费记录能存的范围（最多 21474836.47）"), zhDry.stdout)
    XCTAssertTrue(zhDry.stdout.contains("第 3 行：就餐人数“16384”超出一条消费记录能存的范围（最多 16383）"), zhDry.stdout)
  }
}
