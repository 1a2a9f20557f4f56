import Foundation
import LiuliangModel
import LiuliangPostgres
import LiuliangStore
import LiuliangTestSupport
import XCTest

/// Writes to a chain's store: two shops writing at once lose nothing, a row changed elsewhere
/// is refused, a dropped connection loses nothing and the write can be made again.
final class ChainWriteTests: XCTestCase {
  /// The demo shop as shops main and b of a new database (b's customers merge into main's).
  func twoShops() throws -> (ThrowawayPostgres, String, String) {
    let (pg, db, url) = try ThrowawayPostgres.freshDatabase()
    let demo = try migrateDemo(into: url)
    let second = try Migration.run(demo.dataset, into: url, shop: "b")
    // Every customer of the second folder has the phone or WeChat id of one already there.
    XCTAssertEqual(second.customers, 0)
    XCTAssertEqual(second.merged, demo.dataset.customers.count)
    return (pg, db, url)
  }

  func testTwoWritersOnTwoShopsFindEveryChangeInTheDatabase() throws {
    let (pg, db, url) = try twoShops()
    let edits = 1500
    let results = Results()
    // Each writer sets its own field of customers they share, appends a visit of its shop
    // every tenth edit, and on "changed elsewhere" reads again and makes its edit again.
    @Sendable func writer(_ shop: String, _ notes: Bool, _ step: Int) {
      let field: WritableKeyPath<Customer, String> = notes ? \.notes : \.source
      do {
        let store = try PostgresStore(url: url, shop: shop, mode: .readWrite)
        let n = store.dataset.customers.count
        for k in 0..<edits {
          let i = (k * step) % n
          while true {
            var ds = store.dataset
            ds.customers[i][keyPath: field] = "\(shop)-\(k)"
            do {
              try store.save(ds, overwrite: false)
              break
            } catch .server(.failed(_, .changedElsewhere)) {
              results.add(conflict: 1)
              try store.load()
            }
          }
          if k % 10 == 0 {
            try store.appendVisit(
              Visit(
                customer: Int32(i), date: Day("2026-11-16")!, time: TimeOfDay(minutes: 600),
                amount: Money(fen: 100)), extra: [:])
          }
        }
      } catch {
        results.add(error: "\(shop): \(error)")
      }
    }
    let done = DispatchGroup()
    DispatchQueue.global().async(group: done) { writer("main", true, 7) }
    DispatchQueue.global().async(group: done) { writer("b", false, 13) }
    XCTAssertEqual(done.wait(timeout: .now() + 600), .success)
    XCTAssertEqual(results.errors, [])
    let demo = try Store(folder: Repo.seeds.path, mode: .readOnly).dataset
    let n = demo.customers.count
    // The last edit of each writer to each customer, worked out from the edit sequence.
    var notes: [Int: String] = [:]
    var sources: [Int: String] = [:]
    for k in 0..<edits {
      notes[(k * 7) % n] = "main-\(k)"
      sources[(k * 13) % n] = "b-\(k)"
    }
    let rows = try pg.psql(db, "SELECT n, notes, source FROM customers ORDER BY n")
      .split(separator: "\n").map {
        $0.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
      }
    XCTAssertEqual(rows.count, n)
    for (i, r) in rows.enumerated() {
      XCTAssertEqual(r[1], notes[i] ?? demo.customers[i].notes, "customer \(i) notes")
      XCTAssertEqual(r[2], sources[i] ?? demo.customers[i].source, "customer \(i) source")
    }
    let added = (edits + 9) / 10
    for shop in ["main", "b"] {
      XCTAssertEqual(
        try pg.psql(db, "SELECT count(*) FROM visits WHERE shop = '\(shop)'").trimmed,
        "\(demo.visits.count + added)")
    }
  }

  func testARowChangedElsewhereIsRefusedNotOverwritten() throws {
    let (pg, db, url) = try twoShops()
    let one = try PostgresStore(url: url, shop: "main", mode: .readWrite)
    let two = try PostgresStore(url: url, shop: "b", mode: .readWrite)
    var a = one.dataset
    a.customers[3].notes = "one"
    try one.save(a, overwrite: false)
    var b = two.dataset
    b.customers[3].notes = "two"
    XCTAssertThrowsError(try two.save(b, overwrite: false)) { e in
      XCTAssertEqual(e as? StoreError, .server(.failed(store: "postgres@localhost/\(db)", .changedElsewhere)))
    }
    XCTAssertEqual(try pg.psql(db, "SELECT notes FROM customers ORDER BY n OFFSET 3 LIMIT 1").trimmed, "one")
    // Keeping theirs over it is the owner's choice, and then it is written.
    try two.save(b, overwrite: true)
    XCTAssertEqual(try pg.psql(db, "SELECT notes FROM customers ORDER BY n OFFSET 3 LIMIT 1").trimmed, "two")
  }

  func testAKilledConnectionLosesNothingAndTheWriteCanBeMadeAgain() throws {
    let (pg, db, url) = try twoShops()
    let store = try PostgresStore(url: url, shop: "main", mode: .readWrite)
    var ds = store.dataset
    ds.customers[5].notes = "after the cut"
    try pg.psql("postgres", "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '\(db)'")
    XCTAssertThrowsError(try store.save(ds, overwrite: false)) { e in
      XCTAssertEqual(e as? StoreError, .server(.failed(store: "postgres@localhost/\(db)", .connectionLost)))
    }
    XCTAssertNotEqual(
      try pg.psql(db, "SELECT notes FROM customers ORDER BY n OFFSET 5 LIMIT 1").trimmed, "after the cut")
    try store.save(ds, overwrite: false)
    XCTAssertEqual(
      try pg.psql(db, "SELECT notes FROM customers ORDER BY n OFFSET 5 LIMIT 1").trimmed, "after the cut")
  }
}

/// What the writer threads report, behind a lock.
final class Results: @unchecked Sendable {
  let lock = NSLock()
  private(set) var errors: [String] = []
  private(set) var conflicts = 0
  func add(error: String) { lock.withLock { errors.append(error) } }
  func add(conflict: Int) { lock.withLock { conflicts += conflict } }
}

extension String {
  var trimmed: String { trimmingCharacters(in: .whitespacesAndNewlines) }
}

/// A writer killed in the middle of its transaction leaves the database as before it began.
final class ChainCrashTests: XCTestCase {
  func testAMigrateKilledMidCopyLeavesTheDatabaseWhole() throws {
    let (pg, db, url) = try ThrowawayPostgres.freshDatabase()
    let folder = try Repo.unmadeFolder("big")
    let g = try runLiuliang(["generate", folder.path, "--customers", "20000", "--seed", "3"])
    XCTAssertEqual(g.status, 0, g.stderr)
    let p = Process()
    p.executableURL = Repo.binary
    p.arguments = ["migrate", folder.path, url]
    p.standardOutput = FileHandle.nullDevice
    p.standardError = FileHandle.nullDevice
    try p.run()
    // Killed once the server is taking its rows: inside the one transaction of the move.
    let copying = waitUntil {
      let q =
        (try? pg.psql(db, "SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'COPY %'").trimmed) ?? ""
      return q != "0" && q != "" || !p.isRunning
    }
    XCTAssertTrue(copying)
    XCTAssertTrue(p.isRunning, "the move ended before it could be killed")
    kill(p.processIdentifier, SIGKILL)
    p.waitUntilExit()
    // The server notices the dropped connection and rolls its transaction back.
    XCTAssertTrue(
      waitUntil {
        (try? pg.psql(
          db,
          "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
        ).trimmed) == "0"
      })
    for table in ["shops", "customers", "visits", "posts", "promotions", "complaints"] {
      XCTAssertEqual(try pg.psql(db, "SELECT count(*) FROM \(table)").trimmed, "0", table)
    }
    // And the move made again lands whole.
    let again = try runLiuliang(["migrate", folder.path, url])
    XCTAssertEqual(again.status, 0, again.stderr)
    XCTAssertEqual(try pg.psql(db, "SELECT count(*) FROM customers").trimmed, "20000")
  }

  func testEachServerFailureIsOneSentenceAndChangesNothing() throws {
    let (pg, db, url) = try ThrowawayPostgres.freshDatabase()
    // No liuliang tables yet.
    let empty = try runLiuliang(["today", "--store", url, "--lang", "en"])
    XCTAssertEqual(empty.status, 1)
    XCTAssertEqual(
      empty.stderr,
      "Error: postgres@localhost/\(db) has no liuliang tables; liuliang migrate DIR URL makes them and moves a store folder in.\n"
    )
    XCTAssertEqual(try runLiuliang(["migrate", Repo.seeds.path, url]).status, 0)
    // Nobody listens on this socket folder.
    let nowhere = try Repo.tempFolder("nowhere")
    let down = try runLiuliang([
      "today", "--store", "postgresql://postgres@/x?host=\(nowhere.path)", "--lang", "en",
    ])
    XCTAssertEqual(down.status, 1)
    XCTAssertEqual(
      down.stderr,
      "Error: No PostgreSQL server answers for postgres@localhost/x (check the host, the port and that the server runs); nothing was changed.\n"
    )
    // Tables of a later liuliang.
    try pg.psql(db, "UPDATE liuliang_schema SET version = 99")
    let later = try runLiuliang(["today", "--store", url, "--lang", "en"])
    XCTAssertEqual(later.status, 1)
    XCTAssertTrue(
      later.stderr.hasPrefix("Error: postgres@localhost/\(db) holds liuliang tables of version 99"),
      later.stderr)
    XCTAssertEqual(later.stderr.split(separator: "\n").count, 1)
    XCTAssertEqual(try pg.psql(db, "SELECT version FROM liuliang_schema").trimmed, "99")
    // A shop the chain lacks.
    try pg.psql(db, "UPDATE liuliang_schema SET version = \(Schema.version)")
    let noShop = try runLiuliang(["today", "--store", url, "--shop", "zz", "--lang", "en"])
    XCTAssertEqual(
      noShop.stderr,
      "Error: postgres@localhost/\(db) has no shop zz; liuliang chain roles lists the chain's shops.\n")
  }
}
