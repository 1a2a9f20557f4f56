import Foundation
import LiuliangModel
import LiuliangPostgres
import LiuliangStore
import LiuliangTestSupport
import XCTest

/// Each write tells the chain's other stores what changed (LISTEN/NOTIFY), so that a dashboard
/// can offer to read it again: the chain's customers to everyone, a shop's visits to that shop.
final class ChainNoticeTests: XCTestCase {
  /// What `store` hears of other writers, waiting until it hears something: nothing if it never does.
  func firstHeard(_ store: PostgresStore) -> [String] {
    var heard: [String] = []
    waitUntil {
      heard += store.changedElsewhere()
      return !heard.isEmpty
    }
    return heard
  }

  func testAWriteIsNoticedByTheStoresItConcernsAndNotByItsWriter() throws {
    let (pg, db, url) = try ThrowawayPostgres.freshDatabase()
    let demo = try migrateDemo(into: url)
    _ = try Migration.run(demo.dataset, into: url, shop: "b")
    let counter1 = try PostgresStore(url: url, shop: "main", mode: .readWrite)
    let counter2 = try PostgresStore(url: url, shop: "main", mode: .readWrite)
    let shopB = try PostgresStore(url: url, shop: "b", mode: .readWrite)
    for s in [counter1, counter2, shopB] { XCTAssertEqual(s.changedElsewhere(), []) }

    // A visit of shop main: the other counter of main hears of it.
    try counter1.appendVisit(
      Visit(customer: 0, date: Day("2026-11-16")!, time: TimeOfDay(minutes: 600), amount: Money(fen: 100)),
      extra: [:])
    XCTAssertEqual(firstHeard(counter2), ["visits"])

    // A customer edited in psql: everyone hears of it. Notices come in commit order, so shop b,
    // hearing this one, would have heard of main's visit already: it did not, it isn't b's.
    try pg.psql(db, "UPDATE customers SET notes = 'psql' WHERE n = 1")
    XCTAssertEqual(firstHeard(shopB), ["customers"])

    // Shop b's own edit of a customer, then a complaint edited in psql: main's counter hears of
    // both, b only of the complaint.
    var ds = shopB.dataset
    ds.customers[2].notes = "from b"
    try shopB.save(ds, overwrite: false)
    try pg.psql(db, "UPDATE complaints SET text = text WHERE n = 1")
    var heard1: [String] = []
    var heardB2: [String] = []
    XCTAssertTrue(
      waitUntil {
        heard1 += counter1.changedElsewhere()
        heardB2 += shopB.changedElsewhere()
        return heard1.contains("complaints") && heardB2.contains("complaints")
      })
    XCTAssertEqual(Set(heard1), ["customers", "complaints"])
    XCTAssertEqual(heardB2, ["complaints"])
  }
}
