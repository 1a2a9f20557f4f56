import Foundation
import LiuliangStore
import LiuliangTestSupport
import XCTest

#if canImport(Glibc)
  import Glibc
#endif

/// SIGKILL at random moments while the store is written, by the drill (the dashboard's own
/// Store calls, as fast as they go) and by `liuliang import`. After every kill each file must
/// be exactly its old version or one the writer logged before its rename, no row may be
/// lost, and the next start must remove the temp files the killed writer left.
/// `LIULIANG_CRASH_KILLS=N` runs N kills instead of the short default (scripts/crash-test).
final class CrashTests: XCTestCase {
  static var kills: Int {
    Int(ProcessInfo.processInfo.environment["LIULIANG_CRASH_KILLS"] ?? "") ?? 25
  }

  /// When to kill: a time after the start (which may fall while the store is still loading), or
  /// as soon as the writer has logged a number of writes, whatever time that takes on a busy
  /// machine.
  enum Moment {
    case afterMs(Int)
    case afterWrites(Int)
  }

  static func logLines(_ log: URL) -> Int {
    ((try? String(contentsOf: log, encoding: .utf8)) ?? "").split(separator: "\n").count
  }

  /// Starts the binary, kills it at `moment`, and returns whether it was still running.
  @discardableResult
  func killAt(_ moment: Moment, _ args: [String], log: URL) throws -> Bool {
    let p = Process()
    // The drill is in liuliang-tools; imports are the owner's own command.
    p.executableURL = args.first == "drill" ? Repo.tools : Repo.binary
    p.arguments = args
    var env = ProcessInfo.processInfo.environment
    env["LIULIANG_WRITE_LOG"] = log.path
    env["LANG"] = "C.UTF-8"
    p.environment = env
    p.standardOutput = FileHandle.nullDevice
    p.standardError = FileHandle.nullDevice
    p.standardInput = FileHandle.nullDevice
    try p.run()
    switch moment {
    case .afterMs(let ms): usleep(UInt32(ms) * 1000)
    case .afterWrites(let n):
      let reached = waitUntil { !p.isRunning || Self.logLines(log) >= n }
      XCTAssertTrue(reached, "the writer never logged \(n) writes")
    }
    let running = p.isRunning
    kill(p.processIdentifier, SIGKILL)
    p.waitUntilExit()
    return running
  }

  /// Copies `store` aside, runs `args` until killed, and checks the store against the copy.
  /// Returns the number of temp files the kill left.
  func killAndCheck(store: URL, at moment: Moment, _ args: [String], seed: Int) throws -> Int {
    let fm = FileManager.default
    let before = store.deletingLastPathComponent().appendingPathComponent("before")
    let log = store.deletingLastPathComponent().appendingPathComponent("versions.log")
    try? fm.removeItem(at: before)
    try? fm.removeItem(at: log)
    try fm.copyItem(at: store, to: before)
    try killAt(moment, args, log: log)
    let check = try runTools([
      "drill", "check", "--data", store.path, "--before", before.path, "--log", log.path,
    ])
    XCTAssertEqual(check.status, 0, "kill \(seed) at \(moment):\n\(check.stdout)\(check.stderr)")
    let leftovers = try fm.contentsOfDirectory(atPath: store.path).filter { $0.hasPrefix(".liuliang-tmp-") }
    if !leftovers.isEmpty {
      // The next start cleans up after the killed writer.
      let s = try Store(folder: store.path, mode: .readWrite)
      XCTAssertNil(s.readOnly)
      s.close()
      let after = try fm.contentsOfDirectory(atPath: store.path).filter { $0.hasPrefix(".liuliang-tmp-") }
      XCTAssertEqual(after, [], "temp files survive the next start")
    }
    return leftovers.count
  }

  func testKilledDrillLeavesWholeVersionsAndLosesNoRow() throws {
    let store = try Repo.demoCopy()
    var rng = SystemRandomNumberGenerator()
    var leftovers = 0
    var writes = 0
    for k in 0..<Self.kills {
      // One kill in four at a moment from the first instant (often while loading), the others
      // in the stream of writes: after the first to the eighth, counted, not timed, so a busy
      // machine still kills mid-write.
      let moment: Moment =
        k % 4 == 0
        ? .afterMs(Int.random(in: 0...700, using: &rng)) : .afterWrites(Int.random(in: 1...8, using: &rng))
      leftovers += try killAndCheck(
        store: store, at: moment, ["drill", "write", "--data", store.path, "--seed", "\(k + 1)"], seed: k)
      writes += Self.logLines(store.deletingLastPathComponent().appendingPathComponent("versions.log"))
    }
    XCTAssertGreaterThan(writes, Self.kills, "the drill wrote too little to prove anything")
    print("crash drill: \(Self.kills) kills, \(writes) writes begun, \(leftovers) temp files cleaned up")
  }

  func testKilledImportLeavesWholeVersionsAndLosesNoRow() throws {
    let store = try Repo.demoCopy()
    let dir = store.deletingLastPathComponent()
    var customers = "name,wechat,phone,notes\n"
    for i in 0..<3000 { customers += "导入\(i),imp_\(i),1390000\(String(format: "%04d", i)),\"第\(i)位, 导入\"\n" }
    let customersFile = dir.appendingPathComponent("import-customers.csv")
    try customers.write(to: customersFile, atomically: true, encoding: .utf8)
    var visits = "customer,date,time,amount,party\n"
    for i in 0..<3000 {
      visits += "C\(String(format: "%04d", i % 2000 + 1)),2026-11-\(i % 16 + 1),12:00,\(i % 300 + 20),2\n"
    }
    let visitsFile = dir.appendingPathComponent("import-visits.csv")
    try visits.write(to: visitsFile, atomically: true, encoding: .utf8)
    var rng = SystemRandomNumberGenerator()
    let rounds = max(6, Self.kills / 3)
    for k in 0..<rounds {
      let delay = Int.random(in: 0...600, using: &rng)
      let (file, kind) = k % 2 == 0 ? (customersFile, "customers") : (visitsFile, "visits")
      _ = try killAndCheck(
        store: store, at: .afterMs(delay), ["import", file.path, "--kind", kind, "--data", store.path],
        seed: k)
    }
  }

  /// A temp file left by a killed writer goes at the next start; the real file beside it stays.
  func testLeftoverTempFilesGoAtTheNextStart() throws {
    let store = try Repo.demoCopy()
    let before = try Data(contentsOf: store.appendingPathComponent("customers.csv"))
    let temp = store.appendingPathComponent(".liuliang-tmp-customers.csv.4242")
    try Data(before.prefix(1000)).write(to: temp)
    let r = try runTools(["drill", "write", "--data", store.path, "--count", "0"])
    XCTAssertEqual(r.status, 0, r.stderr)
    XCTAssertFalse(FileManager.default.fileExists(atPath: temp.path))
    XCTAssertEqual(try Data(contentsOf: store.appendingPathComponent("customers.csv")), before)
  }
}
