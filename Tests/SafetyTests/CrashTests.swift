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

  /// Starts the binary, kills it after `delayMs`, and returns whether it was still running.
  /// With `afterFirstWrite` the delay counts from the first write the writer logs (waited for
  /// as long as it takes), so that a busy machine, where loading alone can take longer than the
  /// delay, still kills writers in the middle of their writes.
  @discardableResult
  func killAfter(_ delayMs: Int, _ args: [String], log: URL, afterFirstWrite: Bool = false) throws -> Bool {
    let p = Process()
    p.executableURL = Repo.binary
    p.arguments = args
    var env = ProcessInfo.processInfo.environment
    env["LIULIANG_WRITE_LOG"] = log.path
    env["LANG"] = "C.UTF-8"
    p.environment = env
    p.standardOutput = FileHandle.nullDevice
    p.standardError = FileHandle.nullDevice
    p.standardInput = FileHandle.nullDevice
    try p.run()
    if afterFirstWrite {
      let deadline = Date().addingTimeInterval(60)
      while p.isRunning && Date() < deadline
        && ((try? FileManager.default.attributesOfItem(atPath: log.path)[.size] as? Int) ?? 0) == 0
      {
        usleep(2000)
      }
    }
    usleep(UInt32(delayMs) * 1000)
    let running = p.isRunning
    kill(p.processIdentifier, SIGKILL)
    p.waitUntilExit()
    return running
  }

  /// Copies `store` aside, runs `args` until killed, and checks the store against the copy.
  /// Returns the number of temp files the kill left.
  func killAndCheck(
    store: URL, delayMs: Int, _ args: [String], seed: Int, afterFirstWrite: Bool = false
  ) throws -> Int {
    let fm = FileManager.default
    let before = store.deletingLastPathComponent().appendingPathComponent("before")
    let log = store.deletingLastPathComponent().appendingPathComponent("versions.log")
    try? fm.removeItem(at: before)
    try? fm.removeItem(at: log)
    try fm.copyItem(at: store, to: before)
    try killAfter(delayMs, args, log: log, afterFirstWrite: afterFirstWrite)
    let check = try runLiuliang([
      "drill", "check", "--data", store.path, "--before", before.path, "--log", log.path,
    ])
    XCTAssertEqual(check.status, 0, "kill \(seed) after \(delayMs) ms:\n\(check.stdout)\(check.stderr)")
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
      // One kill in five from the first instant (killed while loading); the others well into
      // the stream of writes, counted from the first one.
      let whileLoading = k % 5 == 0
      let delay = Int.random(in: whileLoading ? 0...300 : 0...400, using: &rng)
      leftovers += try killAndCheck(
        store: store, delayMs: delay, ["drill", "write", "--data", store.path, "--seed", "\(k + 1)"], seed: k,
        afterFirstWrite: !whileLoading)
      let log = store.deletingLastPathComponent().appendingPathComponent("versions.log")
      writes += ((try? String(contentsOf: log, encoding: .utf8)) ?? "").split(separator: "\n").count
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
        store: store, delayMs: delay, ["import", file.path, "--kind", kind, "--data", store.path], seed: k)
    }
  }

  /// A temp file left by a killed writer goes at the next start; the real file beside it stays.
  func testLeftoverTempFilesGoAtTheNextStart() throws {
    let store = try Repo.demoCopy()
    let before = try Data(contentsOf: store.appendingPathComponent("customers.csv"))
    let temp = store.appendingPathComponent(".liuliang-tmp-customers.csv.4242")
    try Data(before.prefix(1000)).write(to: temp)
    let r = try runLiuliang(["drill", "write", "--data", store.path, "--count", "0"])
    XCTAssertEqual(r.status, 0, r.stderr)
    XCTAssertFalse(FileManager.default.fileExists(atPath: temp.path))
    XCTAssertEqual(try Data(contentsOf: store.appendingPathComponent("customers.csv")), before)
  }
}
