import Foundation
import LiuliangTestSupport
import XCTest

/// A till's export imported into a chain's store keeps its order numbers on the visits, so that
/// the same export imported again adds nothing.
final class ChainTillTests: XCTestCase {
  func testATillExportImportedTwiceIntoAChainAddsEachOrderOnce() throws {
    let (pg, db, url) = try ThrowawayPostgres.freshDatabase()
    let m = try runLiuliang(["migrate", try Repo.demoCopy().path, url, "--lang", "en"])
    guard m.status == 0 else { return XCTFail(m.stderr) }
    let before = Int(try pg.psql(db, "SELECT count(*) FROM visits").trimmed)!
    let file = try Repo.tempFolder("in").appendingPathComponent("orders.csv")
    try Data("订单号,下单时间,实收金额,就餐人数\nA1,2026-11-15 12:00,58,2\nA2,2026-11-15 12:30,96,3\n".utf8)
      .write(to: file)
    for _ in 0..<2 {
      let r = try runLiuliang([
        "import", file.path, "--kind", "visits", "--store", url, "--shop", "main", "--lang", "en",
      ])
      XCTAssertEqual(r.status, 0, r.stderr)
    }
    XCTAssertEqual(Int(try pg.psql(db, "SELECT count(*) FROM visits").trimmed), before + 2)
    // Each order once, on shop main, with the till's date, time, amount and party.
    XCTAssertEqual(
      try pg.psql(
        db,
        "SELECT shop, \"order\", date, time, amount, party FROM visits WHERE \"order\" <> '' ORDER BY n"),
      "main|A1|2026-11-15|12:00|58|2\nmain|A2|2026-11-15|12:30|96|3\n")
  }

  /// A folder's till orders go with their visits into a chain: the same export imported there
  /// again adds nothing.
  func testAFoldersOrderNumbersMigrateWithTheirVisits() throws {
    let (pg, db, url) = try ThrowawayPostgres.freshDatabase()
    let folder = try Repo.demoCopy()
    let file = try Repo.tempFolder("in").appendingPathComponent("orders.csv")
    try Data("订单号,下单时间,实收金额,就餐人数\nA1,2026-11-15 12:00,58,2\nA2,2026-11-15 12:30,96,3\n".utf8)
      .write(to: file)
    let into = try runLiuliang([
      "import", file.path, "--kind", "visits", "--data", folder.path, "--lang", "en",
    ])
    XCTAssertEqual(into.status, 0, into.stderr)
    let m = try runLiuliang(["migrate", folder.path, url, "--lang", "en"])
    XCTAssertEqual(m.status, 0, m.stderr)
    // The folder's log, counted from its file: every line but the header is a visit.
    let lines =
      try String(contentsOf: folder.appendingPathComponent("visits.csv"), encoding: .utf8)
      .split(separator: "\n").count - 1
    XCTAssertEqual(Int(try pg.psql(db, "SELECT count(*) FROM visits").trimmed), lines)
    XCTAssertEqual(
      try pg.psql(db, "SELECT \"order\" FROM visits WHERE \"order\" <> '' ORDER BY n"), "A1\nA2\n")
    let again = try runLiuliang([
      "import", file.path, "--kind", "visits", "--store", url, "--shop", "main", "--lang", "en",
    ])
    XCTAssertEqual(again.status, 0, again.stderr)
    XCTAssertEqual(Int(try pg.psql(db, "SELECT count(*) FROM visits").trimmed), lines)
  }
}
