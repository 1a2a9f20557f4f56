import Foundation
import LiuliangTestSupport
import XCTest

/// sslmode as psql has it: a server with a self-signed certificate made here; verify-full with
/// that certificate as the root connects, with another root it refuses in one sentence.
final class ChainTLSTests: XCTestCase {
  func certificate(_ dir: URL, _ name: String) throws -> (cert: String, key: String) {
    let cert = dir.appendingPathComponent(name + ".crt").path
    let key = dir.appendingPathComponent(name + ".key").path
    let r = try ThrowawayPostgres.run(
      [
        "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days",
        "2",
        "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost",
      ], env: [:])
    if r.status != 0 { throw XCTSkip("openssl could not make a certificate: \(r.stderr)") }
    return (cert, key)
  }

  func testVerifyFullConnectsWithTheRightRootAndRefusesAWrongOne() throws {
    _ = try ThrowawayPostgres.server()
    let dir = try Repo.tempFolder("tls")
    let right = try certificate(dir, "server")
    let wrong = try certificate(dir, "other")
    let pg = try ThrowawayPostgres(tcp: true, ssl: right)
    defer { pg.stop() }
    let db = try pg.newDatabase()
    try pg.psql("postgres", "ALTER ROLE postgres PASSWORD 'tls-pw'")
    XCTAssertEqual(try runLiuliang(["migrate", Repo.seeds.path, pg.url(db)]).status, 0)
    let base = "postgresql://postgres@localhost:\(pg.port)/\(db)"
    let env = ["PGPASSWORD": "tls-pw"]
    let good = try runLiuliang(
      ["today", "--store", base + "?sslmode=verify-full&sslrootcert=\(right.cert)", "--lang", "en"], env: env)
    XCTAssertEqual(good.status, 0, good.stderr)
    let required = try runLiuliang(["today", "--store", base + "?sslmode=require", "--lang", "en"], env: env)
    XCTAssertEqual(required.status, 0, required.stderr)
    let bad = try runLiuliang(
      ["today", "--store", base + "?sslmode=verify-full&sslrootcert=\(wrong.cert)", "--lang", "en"], env: env)
    XCTAssertEqual(bad.status, 1)
    XCTAssertEqual(
      bad.stderr,
      "Error: postgres@localhost/\(db) could not be reached over TLS as sslmode asks (the server's certificate does "
        + "not match sslrootcert or its host name, or it has no TLS); nothing was changed.\n")
  }
}
