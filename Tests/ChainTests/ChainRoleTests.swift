import Foundation
import LiuliangModel
import LiuliangPostgres
import LiuliangStore
import LiuliangTestSupport
import XCTest

/// Who may do what, held by the server: for the owner and the roles of shops main and b, what
/// psql may and may not do, the same through liuliang, and no password ever printed.
final class ChainRoleTests: XCTestCase {
  let secret = "Zq7-secret-Wm3"

  /// The demo as shops main and b, with roles boss (owner), ann (main) and bob (b), each with
  /// the password `secret`, made by `liuliang chain grant`.
  func chain() throws -> (ThrowawayPostgres, String) {
    let (pg, db, url) = try ThrowawayPostgres.freshDatabase()
    XCTAssertEqual(try runLiuliang(["migrate", Repo.seeds.path, url]).status, 0)
    XCTAssertEqual(try runLiuliang(["migrate", Repo.seeds.path, url, "--shop", "b"]).status, 0)
    // Role names unique to the test: roles belong to the whole server.
    let tag = db.suffix(6)
    for (role, how) in [("boss", ["--owner"]), ("ann", ["--shop", "main"]), ("bob", ["--shop", "b"])] {
      let r = try runLiuliang(
        ["chain", "grant", "\(role)\(tag)"] + how + ["--store", url, "--lang", "en"],
        env: ["LIULIANG_ROLE_PASSWORD": secret])
      XCTAssertEqual(r.status, 0, r.stderr)
      XCTAssertFalse(r.stdout.contains(secret) || r.stderr.contains(secret))
    }
    return (pg, db)
  }

  func role(_ name: String, _ db: String) -> String { name + db.suffix(6) }

  func testPsqlAsEachRoleIsHeldToTheRules() throws {
    let (pg, db) = try chain()
    let ann = role("ann", db)
    let boss = role("boss", db)
    func as_(_ user: String, _ sql: String) throws -> RunResult {
      try pg.psqlResult(db, sql, user: user, password: secret)
    }
    let total = try pg.psql(db, "SELECT count(*) FROM visits").trimmed
    // A shop's role reads every shop's visits.
    XCTAssertEqual(try as_(ann, "SELECT count(*) FROM visits").stdout.trimmed, total)
    // It logs its own shop's visits, not another's.
    XCTAssertEqual(
      try as_(ann, "INSERT INTO visits (shop, date, time) VALUES ('main', '2026-11-16', '12:00')").status, 0)
    let other = try as_(ann, "INSERT INTO visits (shop, date, time) VALUES ('b', '2026-11-16', '12:00')")
    XCTAssertNotEqual(other.status, 0)
    XCTAssertTrue(other.stderr.contains("row-level security"), other.stderr)
    // Another shop's visits are not its to change: nothing matches.
    XCTAssertEqual(try as_(ann, "UPDATE visits SET amount = '0' WHERE shop = 'b'").status, 0)
    XCTAssertEqual(
      try pg.psql(db, "SELECT count(*) FROM visits WHERE shop = 'b' AND amount = '0'").trimmed, "0")
    // It edits customers, and deletes none.
    XCTAssertEqual(try as_(ann, "UPDATE customers SET notes = 'ann was here' WHERE id = 'C0001'").status, 0)
    let delete = try as_(ann, "DELETE FROM customers WHERE id = 'C0002'")
    XCTAssertNotEqual(delete.status, 0)
    XCTAssertTrue(delete.stderr.contains("permission denied"), delete.stderr)
    XCTAssertNotEqual(try as_(ann, "DELETE FROM complaints").status, 0)
    XCTAssertEqual(try pg.psql(db, "SELECT count(*) FROM customers WHERE id = 'C0002'").trimmed, "1")
    // The owner may do everything.
    XCTAssertEqual(
      try as_(boss, "INSERT INTO visits (shop, date, time) VALUES ('b', '2026-11-16', '12:00')").status, 0)
    XCTAssertEqual(try as_(boss, "DELETE FROM complaints WHERE n = 1").status, 0)
    // A role revoked reads nothing any more.
    XCTAssertEqual(try runLiuliang(["chain", "revoke", ann, "--store", pg.url(db)]).status, 0)
    XCTAssertNotEqual(try as_(ann, "SELECT count(*) FROM visits").status, 0)
  }

  func testLiuliangAsAShopRoleIsRefusedInOneSentenceAndLosesNothing() throws {
    let (pg, db) = try chain()
    let ann = role("ann", db)
    setenv("PGPASSWORD", secret, 1)
    defer { unsetenv("PGPASSWORD") }
    let url = pg.url(db, user: ann)
    // Opened on another shop, a visit of that shop is refused by the server.
    let other = try PostgresStore(url: url, shop: "b", mode: .readWrite)
    let v = Visit(customer: 0, date: Day("2026-11-16")!, time: TimeOfDay(minutes: 600))
    XCTAssertThrowsError(try other.appendVisit(v, extra: [:])) { e in
      XCTAssertEqual(e as? StoreError, .server(.failed(store: "\(ann)@localhost/\(db)", .refused)))
    }
    // Deleting a customer is refused; the customer stays.
    let own = try PostgresStore(url: url, shop: "main", mode: .readWrite)
    var ds = own.dataset
    let gone = ds.customers[0].id
    ds.customers = ChunkedArray(Array(ds.customers.dropFirst()))
    XCTAssertThrowsError(try own.save(ds, overwrite: false)) { e in
      XCTAssertEqual(e as? StoreError, .server(.failed(store: "\(ann)@localhost/\(db)", .refused)))
    }
    XCTAssertEqual(try pg.psql(db, "SELECT count(*) FROM customers WHERE id = '\(gone)'").trimmed, "1")
    // Its own shop's visit is written.
    try own.appendVisit(v, extra: [:])
    // The sentence the owner reads.
    let r = try runLiuliang([
      "today", "--store", url, "--shop", "main", "--lang", "en", "--today", "2026-11-16",
    ])
    XCTAssertEqual(r.status, 0, r.stderr)
  }

  func testNoPasswordIsEverPrinted() throws {
    let (pg, db) = try chain()
    let ann = role("ann", db)
    let plain = pg.url(db, user: ann)
    let withPassword = pg.url(db, user: ann, password: secret)
    let commands: [[String]] = [
      ["today"], ["today", "--format", "json"], ["check", "--format", "json"],
      ["customers", "--format", "csv"],
      ["report", "churn"], ["export", "--kind", "visits"], ["chain", "roles"], ["today", "--shop", "zz"],
    ]
    for c in commands {
      let shop = c.first == "chain" || c.contains("--shop") ? [] : ["--shop", "main"]
      let viaEnv = try runLiuliang(
        c + shop + ["--store", plain, "--lang", "en"], env: ["PGPASSWORD": secret])
      let viaURL = try runLiuliang(c + shop + ["--store", withPassword, "--lang", "en"])
      for r in [viaEnv, viaURL] {
        XCTAssertFalse(r.stdout.contains(secret), "\(c): stdout")
        XCTAssertFalse(r.stderr.contains(secret), "\(c): stderr")
      }
      XCTAssertFalse(viaEnv.stderr.contains("~/.pgpass"), "\(c): \(viaEnv.stderr)")
      // The URL's password works, with one warning that names the store without it.
      XCTAssertTrue(
        viaURL.stderr.hasPrefix("Warning: the URL for \(ann)@localhost/\(db) holds a password"),
        "\(c): \(viaURL.stderr)")
    }
    // A wrong password: one sentence, no password in it.
    let wrong = try runLiuliang(["today", "--store", plain, "--lang", "en"], env: ["PGPASSWORD": "not-it"])
    XCTAssertEqual(wrong.status, 1)
    XCTAssertEqual(
      wrong.stderr,
      "Error: \(ann)@localhost/\(db) refused the login: check the role's password in ~/.pgpass or PGPASSWORD "
        + "(and pg_hba.conf); nothing was changed.\n")
  }

  func testChainRolesIsATableOfWhoMayDoWhat() throws {
    let (pg, db) = try chain()
    let r = try runLiuliang(["chain", "roles", "--store", pg.url(db), "--format", "csv", "--lang", "en"])
    XCTAssertEqual(r.status, 0, r.stderr)
    let shopMay = "reads all; writes visits, posts, promotions of"
    XCTAssertEqual(
      r.stdout,
      """
      role,shop,may
      \(role("boss", db)),,everything
      \(role("bob", db)),b,"\(shopMay) b; adds and edits customers and complaints"
      \(role("ann", db)),main,"\(shopMay) main; adds and edits customers and complaints"

      """)
  }

  /// ~/.pgpass (only at 0600) and a service file, as libpq reads them for psql.
  func testPgpassAndServiceFilesWorkAsForPsql() throws {
    let (pg, db) = try chain()
    let ann = role("ann", db)
    let dir = try Repo.tempFolder("libpq")
    let pass = dir.appendingPathComponent("pgpass").path
    try Data("*:*:\(db):\(ann):\(secret)\n".utf8).write(to: URL(fileURLWithPath: pass))
    let args = ["today", "--store", pg.url(db, user: ann), "--shop", "main", "--lang", "en"]
    chmod(pass, 0o644)
    let open = try runLiuliang(args, env: ["PGPASSFILE": pass])
    XCTAssertEqual(open.status, 1, "a password file others may read is ignored")
    XCTAssertTrue(open.stderr.contains("refused the login"), open.stderr)
    chmod(pass, 0o600)
    let closed = try runLiuliang(args, env: ["PGPASSFILE": pass])
    XCTAssertEqual(closed.status, 0, closed.stderr)
    let service = dir.appendingPathComponent("pg_service.conf").path
    try Data("[chain]\nhost=\(pg.folder)\nport=\(pg.port)\ndbname=\(db)\nuser=\(ann)\n".utf8)
      .write(to: URL(fileURLWithPath: service))
    let viaService = try runLiuliang(
      ["today", "--store", "postgresql:///?service=chain", "--shop", "main", "--lang", "en"],
      env: ["PGSERVICEFILE": service, "PGPASSWORD": secret])
    XCTAssertEqual(viaService.status, 0, viaService.stderr)
    XCTAssertEqual(viaService.stdout, closed.stdout)
  }
}
