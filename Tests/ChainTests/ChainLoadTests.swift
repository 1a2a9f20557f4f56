import Foundation
import LiuliangModel
import LiuliangPostgres
import LiuliangStore
import LiuliangTestSupport
import XCTest

/// A chain's big tables are read as the server keeps each row: one CSV line, sent in COPY's
/// text format. Values that CSV quotes or that text format escapes come back as written.
final class ChainLoadTests: XCTestCase {
  func testValuesThatNeedQuotingOrEscapingComeBackAsWritten() throws {
    let (pg, db, url) = try ThrowawayPostgres.freshDatabase()
    let demo = try migrateDemo(into: url)
    let tricky = [
      "a,b", "say \"hi\"", "two\nlines", "cr\r\nlf", "back\\slash", "tab\there", "\\N", "\"", ",",
      "  spaced  ",
    ]
    let writer = try PostgresStore(url: url, shop: "main", mode: .readWrite)
    var ds = writer.dataset
    for (i, t) in tricky.enumerated() { ds.customers[i].notes = t }
    ds.contacts[0].note = tricky[4] + tricky[0]
    try writer.save(ds, overwrite: false)
    try writer.appendVisit(
      Visit(customer: 0, date: Day("2026-11-16")!, time: TimeOfDay(minutes: 600), amount: Money(fen: 100)),
      extra: [:])
    let reader = try PostgresStore(url: url, shop: "main", mode: .readOnly)
    XCTAssertEqual(reader.problems, demo.problems)
    for (i, t) in tricky.enumerated() {
      XCTAssertEqual(reader.dataset.customers[i].notes, t, "customer \(i)")
    }
    XCTAssertEqual(reader.dataset.contacts[0].note, "back\\slasha,b")
    XCTAssertEqual(reader.dataset.visits.count, demo.dataset.visits.count + 1)
    XCTAssertEqual(reader.dataset.visits.last?.date, Day("2026-11-16"))
    // The line the server keeps for a row is the row's CSV, quoted where CSV needs it.
    let id = demo.dataset.customers[1].id
    let line = try pg.psql(db, "SELECT line FROM customers WHERE id = '\(id)'")
    XCTAssertTrue(line.hasPrefix(id + ","), line)
    XCTAssertTrue(line.contains(",\"say \"\"hi\"\"\","), line)
  }

  /// A row the server holds with a value past what a visit keeps (put there by psql, or by an
  /// older liuliang) is the load's problem, told as the folder's reader tells it; the row at
  /// the limits is a visit.
  func testAValuePastWhatAVisitKeepsIsAProblemOfTheLoad() throws {
    let (pg, db, url) = try ThrowawayPostgres.freshDatabase()
    let demo = try migrateDemo(into: url)
    _ = try pg.psql(
      db,
      "INSERT INTO visits (shop, customer, date, time, amount, party) VALUES "
        + "('main', '', '2026-11-16', '12:00', '21474836.48', '1'), "
        + "('main', '', '2026-11-16', '12:01', '1', '16384'), "
        + "('main', '', '2026-11-16', '12:02', '21474836.47', '16383')")
    let reader = try PostgresStore(url: url, shop: "main", mode: .readOnly)
    XCTAssertEqual(reader.dataset.visits.count, demo.dataset.visits.count + 1)
    XCTAssertEqual(reader.dataset.visits.last?.amount, Money(fen: 2_147_483_647))
    XCTAssertEqual(reader.dataset.visits.last?.party, 16_383)
    XCTAssertEqual(
      reader.problems.map(\.kind).filter { !demo.problems.map(\.kind).contains($0) },
      [
        .visitLimit(field: "amount", value: "21474836.48", limit: "21474836.47"),
        .visitLimit(field: "party", value: "16384", limit: "16383"),
      ])
  }
}
