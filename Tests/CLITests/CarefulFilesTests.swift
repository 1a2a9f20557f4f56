import Foundation
import LiuliangTestSupport
import XCTest

#if canImport(Glibc)
  import Glibc
#endif

/// Files opened like a careful Unix program: no link followed that liuliang did not make, no
/// file replaced that it did not write, personal data owner-only and owned by the store's owner.
final class CarefulFilesTests: XCTestCase {
  let header =
    "id,name,wechat,phone,tags,source,joined,tier,birthday,churned_on,churn_reason,notes,welcomed_on\n"

  /// An input with one good row and one rejected row holding a phone number.
  func input(in dir: URL) throws -> URL {
    let url = dir.appendingPathComponent("list.csv")
    try Data("name,phone,tier\n好人,13800000001,\n坏行,13912345678,gold\n".utf8).write(to: url)
    return url
  }

  func mode(_ path: String) -> mode_t {
    var st = stat()
    return lstat(path, &st) == 0 ? st.st_mode & 0o777 : 0
  }

  func owner(_ path: String) -> uid_t {
    var st = stat()
    return lstat(path, &st) == 0 ? st.st_uid : 0
  }

  func isLink(_ path: String) -> Bool {
    var st = stat()
    return lstat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFLNK
  }

  /// Runs the binary under `sh` with a umask that would make files world-readable.
  func runUnderUmask000(_ args: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/bin/sh")
    p.arguments = ["-c", "umask 000; exec \"$0\" \"$@\"", Repo.binary.path] + args
    var e = ProcessInfo.processInfo.environment
    e["LANG"] = "C.UTF-8"
    p.environment = e
    let out = Pipe()
    let err = Pipe()
    p.standardOutput = out
    p.standardError = err
    try p.run()
    let o = out.fileHandleForReading.readDataToEndOfFile()
    let r = err.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: r, as: UTF8.self))
  }

  func testLinkedLockFileIsNeitherTruncatedNorWritten() throws {
    let dir = try Repo.tempFolder("in")
    let store = try Repo.newStore(in: dir)
    let victim = dir.appendingPathComponent("precious.txt")
    try Data("the owner's notes\n".utf8).write(to: victim)
    symlink(victim.path, store.appendingPathComponent(".liuliang.lock").path)
    let r = try runLiuliang([
      "import", try input(in: dir).path, "--data", store.path, "--lang", "en",
    ])
    XCTAssertNotEqual(r.status, 0)
    XCTAssertTrue(r.stderr.contains(".liuliang.lock in the store is a symbolic link"), r.stderr)
    XCTAssertEqual(try String(contentsOf: victim, encoding: .utf8), "the owner's notes\n")
  }

  /// The old temp name was `.liuliang-rejects-<pid>.csv`: links planted for the next pids
  /// would receive the rejected rows, phones and all. None may be followed.
  func testRejectsNeverGoThroughAPlantedLink() throws {
    let dir = try Repo.tempFolder("in")
    let victim = dir.appendingPathComponent("victim.txt")
    try Data("untouched\n".utf8).write(to: victim)
    let last =
      Int(
        (try String(contentsOfFile: "/proc/sys/kernel/ns_last_pid", encoding: .utf8))
          .trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
    try XCTSkipIf(last == 0, "no /proc/sys/kernel/ns_last_pid")
    for pid in last + 1...last + 400 {
      symlink(victim.path, dir.appendingPathComponent(".liuliang-rejects-\(pid).csv").path)
    }
    let r = try runLiuliang([
      "import", try input(in: dir).path, "--data", try Repo.newStore(in: dir).path, "--lang", "en",
    ])
    XCTAssertEqual(r.status, 0, r.stderr)
    XCTAssertEqual(try String(contentsOf: victim, encoding: .utf8), "untouched\n")
    let rejects = try String(contentsOf: dir.appendingPathComponent("list.rejects.csv"), encoding: .utf8)
    XCTAssertTrue(rejects.contains("13912345678"))
  }

  func testRejectsAndExportAreOwnerOnlyAndEarlierRejectsAreKept() throws {
    let dir = try Repo.tempFolder("in")
    let list = try input(in: dir)
    let store = try Repo.newStore(in: dir).path
    let first = try runUnderUmask000(["import", list.path, "--data", store, "--lang", "en"])
    XCTAssertEqual(first.status, 0, first.stderr)
    let rejects = dir.appendingPathComponent("list.rejects.csv").path
    XCTAssertEqual(mode(rejects), 0o600)
    // The owner wrote on the first rejects file; a second import must not replace it.
    try Data("worked through\n".utf8).write(to: URL(fileURLWithPath: rejects))
    let second = try runUnderUmask000(["import", list.path, "--data", store, "--lang", "en"])
    XCTAssertEqual(second.status, 0, second.stderr)
    XCTAssertEqual(try String(contentsOfFile: rejects, encoding: .utf8), "worked through\n")
    let next = dir.appendingPathComponent("list.rejects-2.csv").path
    XCTAssertTrue(second.stdout.contains("→ " + next), second.stdout)
    XCTAssertEqual(mode(next), 0o600)
    XCTAssertTrue(try String(contentsOfFile: next, encoding: .utf8).contains("13912345678"))

    let export = dir.appendingPathComponent("out.csv").path
    let e = try runUnderUmask000(["export", "--data", store, "--excel", "--output", export])
    XCTAssertEqual(e.status, 0, e.stderr)
    XCTAssertEqual(mode(export), 0o600)
  }

  /// A customers.csv that is a link to a file elsewhere is read, never written: a rename
  /// would replace the link with a plain file and cut what the owner linked, and writing
  /// through it would leave the owner-only folder and the lock's protection.
  func testLinkedCustomersFileIsReadButNeverReplaced() throws {
    let dir = try Repo.tempFolder("in")
    let elsewhere = dir.appendingPathComponent("real-customers.csv")
    let bytes = Data((header + "C1,老王,w1,,,,2026-01-01,friend,,,,,\n").utf8)
    try bytes.write(to: elsewhere)
    let store = dir.appendingPathComponent("store")
    try FileManager.default.createDirectory(at: store, withIntermediateDirectories: true)
    let link = store.appendingPathComponent("customers.csv").path
    symlink(elsewhere.path, link)
    let check = try runLiuliang(["customers", "--data", store.path, "--lang", "en"])
    XCTAssertTrue(check.stdout.contains("老王"), "read through the link: \(check.stdout)")
    let r = try runLiuliang([
      "import", try input(in: dir).path, "--data", store.path, "--lang", "en",
    ])
    XCTAssertNotEqual(r.status, 0)
    XCTAssertTrue(r.stderr.contains("customers.csv in the store is a symbolic link"), r.stderr)
    XCTAssertTrue(isLink(link), "still a link")
    XCTAssertEqual(try Data(contentsOf: elsewhere), bytes)
  }

  /// `sudo liuliang import` on another user's store leaves every file theirs.
  func testRootImportLeavesFilesToTheStoreOwner() throws {
    try XCTSkipUnless(geteuid() == 0, "needs root")
    let dir = try Repo.tempFolder("in")
    let store = try Repo.newStore(in: dir)
    let uid: uid_t = 54321
    XCTAssertEqual(chown(store.path, uid, uid), 0)
    XCTAssertEqual(chown(store.appendingPathComponent("shop.toml").path, uid, uid), 0)
    XCTAssertEqual(chown(dir.path, uid, uid), 0)
    let r = try runLiuliang([
      "import", try input(in: dir).path, "--data", store.path, "--lang", "en",
    ])
    XCTAssertEqual(r.status, 0, r.stderr)
    for name in ["customers.csv", ".liuliang.lock"] {
      XCTAssertEqual(owner(store.appendingPathComponent(name).path), uid, name)
    }
    XCTAssertEqual(owner(dir.appendingPathComponent("list.rejects.csv").path), uid, "the rejects")
  }
}
