import Foundation
import LiuliangTestSupport
import XCTest

/// A folder is made only when asked: `liuliang init`, or the dashboard after a yes. Every other
/// command on a missing or empty folder says so in one sentence and makes nothing.
final class StoreFolderTests: XCTestCase {
  func entries(_ folder: URL) -> [String]? {
    try? FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
  }

  func testEveryCommandOnAMissingOrEmptyFolderIsOneSentenceAndMakesNothing() throws {
    let base = try Repo.tempFolder("base")
    let input = base.appendingPathComponent("v.csv")
    try Data("姓名,手机号\n张伟,13800138000\n".utf8).write(to: input)
    let missing = base.appendingPathComponent("nope")
    let empty = base.appendingPathComponent("empty")
    try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: false)
    let commands: [[String]] = [
      ["today"], ["customers"], ["check"], ["report", "churn"], ["export"], ["import", input.path],
      ["import", input.path, "--dry-run"],
    ]
    for (folder, words) in [(missing, "does not exist"), (empty, "holds no liuliang store")] {
      for c in commands {
        let r = try runLiuliang(c + ["--data", folder.path, "--lang", "en"])
        XCTAssertEqual(r.status, 1, "\(c) on \(folder.lastPathComponent): \(r.stdout)")
        XCTAssertTrue(r.stderr.contains(folder.path), r.stderr)
        XCTAssertTrue(r.stderr.contains(words), r.stderr)
        XCTAssertTrue(r.stderr.contains("liuliang init \(folder.path)"), r.stderr)
        XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, "one sentence: \(r.stderr)")
        XCTAssertEqual(r.stdout, "")
      }
    }
    XCTAssertNil(entries(missing), "the missing folder is still missing")
    XCTAssertEqual(entries(empty), [], "the empty folder is still empty")
    XCTAssertEqual(entries(base), ["empty", "v.csv"], "no rejects file beside the input either")
  }

  func testInitMakesAnEmptyOwnerOnlyStoreOnce() throws {
    let folder = try Repo.tempFolder("base").appendingPathComponent("shop/new")
    let r = try runLiuliang(["init", folder.path, "--lang", "en"])
    XCTAssertEqual(r.status, 0, r.stderr)
    XCTAssertTrue(r.stdout.contains(folder.path), r.stdout)
    XCTAssertEqual(entries(folder), ["shop.toml"])
    let mode = try FileManager.default.attributesOfItem(atPath: folder.path)[.posixPermissions] as? Int
    XCTAssertEqual(mode, 0o700)
    let toml = try String(contentsOf: folder.appendingPathComponent("shop.toml"), encoding: .utf8)
    XCTAssertTrue(toml.contains("language = \"en\""), toml)
    let check = try runLiuliang(["check", "--data", folder.path])
    XCTAssertEqual(check.status, 0, check.stdout + check.stderr)
    let today = try runLiuliang(["today", "--data", folder.path, "--today", "2026-11-16", "--format", "json"])
    XCTAssertEqual(today.status, 0, today.stderr)

    try Data("name = \"老王家常菜\"\n".utf8).write(to: folder.appendingPathComponent("shop.toml"))
    let again = try runLiuliang(["init", folder.path, "--lang", "en"])
    XCTAssertEqual(again.status, 1)
    XCTAssertTrue(again.stderr.contains("already holds a store"), again.stderr)
    XCTAssertEqual(
      try String(contentsOf: folder.appendingPathComponent("shop.toml"), encoding: .utf8),
      "name = \"老王家常菜\"\n")
  }

  /// The dashboard on a missing folder asks before anything is made: n leaves nothing and exits
  /// non-zero; y makes the store and opens it.
  func testDashboardAsksOnceBeforeMakingAStore() throws {
    guard TmuxSession.available else { throw XCTSkip("tmux is not installed") }
    let folder = try Repo.tempFolder("base").appendingPathComponent("typo")
    let command =
      "\(shellQuote(Repo.binary.path)) --data \(shellQuote(folder.path)) --today 2026-11-16 --lang en"
    let no = try TmuxSession(command: command, width: 120)
    try no.waitFor("Make one there? [y/n]")
    XCTAssertNil(entries(folder), "nothing made while the question is open")
    try no.type("n")
    try no.send("Enter")
    XCTAssertEqual(no.exitStatus(), 1)
    XCTAssertNil(entries(folder), "no means nothing is made")

    let yes = try TmuxSession(command: command, width: 120)
    try yes.waitFor("Make one there? [y/n]")
    try yes.type("y")
    try yes.send("Enter")
    try yes.waitFor("Reach out today")
    XCTAssertEqual(try yes.quit(), 0)
    XCTAssertEqual(entries(folder), [".liuliang.lock", "shop.toml"])
  }
}
