import Foundation
import LiuliangTestSupport
import XCTest

/// The dashboard on a chain as a shop's role, in tmux: delete is unavailable with its reason,
/// a write the server refuses is one sentence and nothing lands, and no password is on screen.
final class ChainDashboardTests: XCTestCase {
  func testAShopRolesDashboardGreysDeleteAndReportsARefusedVisit() throws {
    guard TmuxSession.available else { throw XCTSkip("tmux is not installed") }
    let (pg, db, url) = try ThrowawayPostgres.freshDatabase()
    XCTAssertEqual(try runLiuliang(["migrate", Repo.seeds.path, url]).status, 0)
    XCTAssertEqual(try runLiuliang(["migrate", Repo.seeds.path, url, "--shop", "b"]).status, 0)
    let ann = "ann" + db.suffix(6)
    let secret = "Dash-pw-4471"
    let g = try runLiuliang(
      ["chain", "grant", ann, "--shop", "main", "--store", url], env: ["LIULIANG_ROLE_PASSWORD": secret])
    XCTAssertEqual(g.status, 0, g.stderr)
    let visits = try pg.psql(db, "SELECT count(*) FROM visits").trimmed
    // Opened on shop b, whose visits are not ann's to log.
    let t = try TmuxSession(
      command: "\(shellQuote(Repo.binary.path)) --store \(shellQuote(pg.url(db, user: ann))) --shop b "
        + "--today 2026-11-16 --lang en",
      width: 100, height: 30, env: ["PGPASSWORD": secret])
    try t.waitFor("Reach out today")
    // The status line names the store user@host/database (cut short from the left when long).
    let status = try t.screen().split(separator: "\n").last.map(String.init) ?? ""
    XCTAssertTrue(status.contains(String(db.suffix(6))), status)
    try t.send("2")
    try t.waitFor("Customers 1/")
    try t.send("d")
    try t.waitFor("may not delete them")
    try t.send("?")
    try t.waitFor("✗ the role \(ann)")
    try t.send("Escape")
    try t.send("v")
    try t.waitFor("Visit of")
    try t.type("58")
    try t.send("C-s")
    let refused = try t.waitFor("refused the change")
    XCTAssertFalse(refused.contains(secret))
    XCTAssertEqual(try pg.psql(db, "SELECT count(*) FROM visits").trimmed, visits)
    XCTAssertEqual(try pg.psql(db, "SELECT count(*) FROM customers").trimmed, "2000")
    try t.send("q")
    XCTAssertNotNil(t.exitStatus())
  }

  /// Another counter's change reaches an open dashboard without a key: it offers to read the
  /// store again, and `r` does.
  func testADashboardOffersToReadAnotherCountersChange() throws {
    guard TmuxSession.available else { throw XCTSkip("tmux is not installed") }
    let (pg, db, url) = try ThrowawayPostgres.freshDatabase()
    XCTAssertEqual(try runLiuliang(["migrate", Repo.seeds.path, url]).status, 0)
    let t = try TmuxSession(
      command:
        "\(shellQuote(Repo.binary.path)) --store \(shellQuote(url)) --shop main --today 2026-11-16 --lang en")
    try t.waitFor("Reach out today")
    try pg.psql(db, "UPDATE customers SET notes = 'from the other counter' WHERE n = 1")
    try t.waitFor("Another counter changed customers: r reads them again.")
    try t.send("r")
    try t.waitFor("Read again: 2000 customers")
    XCTAssertEqual(try t.quit(), 0)
  }
}
