import Foundation
import LiuliangTestSupport
import XCTest

#if canImport(Glibc)
  import Glibc
#endif

/// A folder, a FIFO or a device given to `import`, an unknown `--lang`, and a read-only
/// dashboard that becomes writable once the other one has gone.
final class SmallSafetyTests: XCTestCase {
  /// Runs the binary and kills it after `timeout` seconds: a FIFO used to block it for ever.
  func run(_ args: [String], timeout: Double = 30) throws -> (status: Int32?, stderr: String) {
    let p = Process()
    p.executableURL = Repo.binary
    p.arguments = args
    var env = ProcessInfo.processInfo.environment
    env["LANG"] = "C.UTF-8"
    p.environment = env
    let err = FileManager.default.temporaryDirectory.appendingPathComponent(
      "liuliang-err-\(UUID().uuidString)")
    _ = FileManager.default.createFile(atPath: err.path, contents: nil)
    defer { try? FileManager.default.removeItem(at: err) }
    p.standardError = try FileHandle(forWritingTo: err)
    p.standardOutput = FileHandle.nullDevice
    p.standardInput = FileHandle.nullDevice
    try p.run()
    let deadline = Date().addingTimeInterval(timeout)
    while p.isRunning && Date() < deadline { usleep(20_000) }
    if p.isRunning {
      kill(p.processIdentifier, SIGKILL)
      p.waitUntilExit()
      return (nil, "")
    }
    return (p.terminationStatus, try String(contentsOf: err, encoding: .utf8))
  }

  func testImportOfAFolderAFIFOOrADeviceSaysWhyWithoutBlocking() throws {
    let dir = try Repo.tempFolder("in")
    let fifo = dir.appendingPathComponent("list.csv").path
    XCTAssertEqual(mkfifo(fifo, 0o600), 0)
    let store = try Repo.newStore(in: dir).path
    let cases = [
      (dir.path, "is a folder, not a file"), (fifo, "is not a regular file"),
      ("/dev/zero", "is not a regular file"),
    ]
    for (path, words) in cases {
      let r = try run(["import", path, "--data", store, "--lang", "en"])
      XCTAssertNotNil(r.status, "\(path): still running after 30 s")
      XCTAssertEqual(r.status, 1, path)
      XCTAssertTrue(r.stderr.hasPrefix("Error: \(path) \(words)"), r.stderr)
      XCTAssertFalse(r.stderr.contains("NSCocoaErrorDomain") || r.stderr.contains("Success"), r.stderr)
    }
  }

  func testAnUnknownLanguageIsAUsageError() throws {
    let dir = try Repo.newStore()
    for args in [["today", "--lang", "fr"], ["customers", "--lang=fr"], ["check", "--lang", "de"]] {
      let r = try run(args + ["--data", dir.path])
      XCTAssertEqual(r.status, 64, "\(args): \(r.stderr)")
      XCTAssertTrue(r.stderr.contains("--lang takes zh-Hans or en"), r.stderr)
    }
    XCTAssertEqual(try run(["check", "--lang", "en", "--data", dir.path]).status, 0)
    XCTAssertEqual(try run(["check", "--lang", "zh-Hans", "--data", dir.path]).status, 0)
  }

  func testReadOnlyDashboardBecomesWritableOnReloadOnceTheOtherHasGone() throws {
    try XCTSkipUnless(TmuxSession.available, "tmux is not installed")
    let store = try Repo.demoCopy()
    let command =
      "\(shellQuote(Repo.binary.path)) --data \(shellQuote(store.path)) --lang en --today 2026-11-16"
    let first = try TmuxSession(command: command)
    try first.waitFor("Reach out today")
    let second = try TmuxSession(command: command)
    try second.waitFor("READ-ONLY")
    try first.send("q")
    XCTAssertEqual(first.exitStatus(timeout: 30), 0)
    try second.send("r")
    let screen = try second.waitFor("can now save changes", timeout: 30)
    XCTAssertFalse(screen.contains("READ-ONLY"), screen)
    // And it writes: a win-back mark on the first at-risk customer lands in the store.
    func files() throws -> [String: Data] {
      var out: [String: Data] = [:]
      for name in try FileManager.default.contentsOfDirectory(atPath: store.path) where name.hasSuffix(".csv")
      {
        out[name] = try Data(contentsOf: store.appendingPathComponent(name))
      }
      return out
    }
    try second.send("5")
    try second.waitFor("At risk")
    let before = try files()
    try second.send("b")
    let deadline = Date().addingTimeInterval(30)
    while Date() < deadline, try files() == before { usleep(50_000) }
    XCTAssertNotEqual(try files(), before)
    try second.send("q")
  }
}
