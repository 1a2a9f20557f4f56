import Foundation
import LiuliangTestSupport
import XCTest

/// A chain's store on a throwaway PostgreSQL server gives every command the same output as the
/// folder it was migrated from.
final class ChainStoreTests: XCTestCase {
  let demoDay = "2026-11-16"

  func testTheThrowawayServerAnswersPsql() throws {
    let pg = try ThrowawayPostgres.server()
    let db = try pg.newDatabase()
    XCTAssertEqual(try pg.psql(db, "SELECT 6 * 7").trimmingCharacters(in: .whitespacesAndNewlines), "42")
  }

  /// The commands the command-line tests run, each in every format.
  var commands: [[String]] {
    var out: [[String]] = []
    for f in ["text", "csv", "json", "brief"] { out.append(["today", "--format", f]) }
    for f in ["text", "csv", "json"] {
      out.append(["customers", "--format", f])
      out.append(["customers", "--segment", "at_risk", "--format", f])
      out.append(["customers", "--tier", "vip", "--format", f])
      for topic in ["churn", "offpeak", "content", "retention", "promotions", "reachout"] {
        out.append(["report", topic, "--format", f])
      }
    }
    for kind in ["customers", "visits", "posts", "promotions", "complaints", "contacts"] {
      out.append(["export", "--kind", kind])
    }
    out.append(["check", "--format", "csv"])
    return out
  }

  func testEveryCommandGivesTheFolderOutputOnAMigratedStore() throws {
    let pg = try ThrowawayPostgres.server()
    let db = try pg.newDatabase()
    let folder = try Repo.demoCopy()
    let url = pg.url(db)
    let m = try runLiuliang(["migrate", folder.path, url, "--lang", "en"])
    guard m.status == 0 else { return XCTFail(m.stderr) }
    XCTAssertTrue(m.stdout.contains("postgres@localhost/\(db)"), m.stdout)
    // Counted by hand from seeds/: the demo's customers and visits as its files hold them.
    let customers =
      try String(contentsOf: folder.appendingPathComponent("customers.csv"), encoding: .utf8)
      .split(separator: "\n").count - 1
    XCTAssertEqual(try pg.psql(db, "SELECT count(*) FROM customers").trimmed, "\(customers)")
    for c in commands {
      let a = try runLiuliang(c + ["--data", folder.path, "--today", demoDay, "--lang", "en"])
      // The visit log read in two parts over two connections, as a big chain's is.
      let b = try runLiuliang(
        c + ["--store", url, "--shop", "main", "--today", demoDay, "--lang", "en"],
        env: ["LIULIANG_COPY_PARTS_FROM": "1000"])
      XCTAssertEqual(a.status, b.status, "\(c): \(b.stderr)")
      XCTAssertFalse(a.stdout.isEmpty, "\(c)")
      // Only the store's name differs: the folder's path against user@host/database.
      XCTAssertEqual(
        a.stdout.replacingOccurrences(of: folder.path, with: "STORE"),
        b.stdout.replacingOccurrences(of: "postgres@localhost/\(db)", with: "STORE"), "\(c)")
      XCTAssertEqual(a.stderr, b.stderr, "\(c)")
    }
    // A chain of one shop seen whole is that shop.
    let one = try runLiuliang([
      "today", "--format", "csv", "--data", folder.path, "--today", demoDay, "--lang", "en",
    ])
    let all = try runLiuliang([
      "today", "--format", "csv", "--store", url, "--shop", "all", "--today", demoDay, "--lang", "en",
    ])
    XCTAssertEqual(all.status, 0, all.stderr)
    XCTAssertEqual(one.stdout, all.stdout)
  }
}

extension String {
  var trimmed: String { trimmingCharacters(in: .whitespacesAndNewlines) }
}
