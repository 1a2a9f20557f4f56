import Foundation
import LiuliangModel
import LiuliangStore
import LiuliangTestSupport
import XCTest

#if canImport(Glibc)
  import Glibc
#endif

/// One writer per folder, and no lock that outlives its holder.
final class LockTests: XCTestCase {
  /// A holder killed with SIGKILL never runs its clean-up: the kernel drops its flock, and the
  /// next liuliang takes the folder over.
  func testLockOfAKilledHolderIsTakenOver() throws {
    let store = try Repo.demoCopy()
    let p = Process()
    p.executableURL = Repo.tools
    p.arguments = ["drill", "write", "--data", store.path]
    // Probing before the drill holds the lock would take the lock from it: wait for its first write.
    let log = store.deletingLastPathComponent().appendingPathComponent("versions.log")
    p.environment = ProcessInfo.processInfo.environment.merging(["LIULIANG_WRITE_LOG": log.path]) { $1 }
    p.standardOutput = FileHandle.nullDevice
    p.standardError = FileHandle.nullDevice
    try p.run()
    defer { if p.isRunning { kill(p.processIdentifier, SIGKILL) } }
    XCTAssertTrue(waitUntil { FileManager.default.fileExists(atPath: log.path) }, "the drill never wrote")
    let held = try Store(folder: store.path, mode: .readWrite).readOnly
    XCTAssertEqual(held, .locked(pid: p.processIdentifier), "the second store says who holds it")
    kill(p.processIdentifier, SIGKILL)
    p.waitUntilExit()
    let s = try Store(folder: store.path, mode: .readWrite)
    XCTAssertNil(s.readOnly, "the dead holder's lock is taken over")
    var ds = s.dataset
    ds.customers[0].notes = "after the crash"
    try s.save(ds)
  }

  /// The pid in the lock file is only for the message: a stale one blocks nobody.
  func testStalePidInTheLockFileDoesNotBlock() throws {
    let store = try Repo.demoCopy()
    try "999999\n".write(
      to: store.appendingPathComponent(".liuliang.lock"), atomically: false, encoding: .utf8)
    let s = try Store(folder: store.path, mode: .readWrite)
    XCTAssertNil(s.readOnly)
    XCTAssertEqual(
      try String(contentsOf: store.appendingPathComponent(".liuliang.lock"), encoding: .utf8), "\(getpid())\n"
    )
  }

  /// Root ignores file modes, so a read-only folder is made with a read-only bind mount.
  func testReadOnlyMountOpensReadOnlyAndSaysSo() throws {
    let store = try Repo.demoCopy()
    let mnt = store.deletingLastPathComponent().appendingPathComponent("ro")
    try FileManager.default.createDirectory(at: mnt, withIntermediateDirectories: true)
    guard shell("mount --bind '\(store.path)' '\(mnt.path)' && mount -o remount,bind,ro '\(mnt.path)'") else {
      throw XCTSkip("no bind mounts here")
    }
    // Lazy, so a process still closing a file there can't keep the mount behind.
    defer { _ = shell("umount -l '\(mnt.path)'") }
    let s = try Store(folder: mnt.path, mode: .readWrite)
    XCTAssertEqual(s.readOnly, .folderNotWritable(errno: EROFS))
    XCTAssertEqual(s.dataset.customers.count, 2000, "everything can still be read")
    var ds = s.dataset
    ds.customers[0].notes = "cannot be saved"
    XCTAssertThrowsError(try s.save(ds)) { XCTAssertEqual($0 as? StoreError, .readOnly(s.readOnly!)) }
    guard TmuxSession.available else { return }
    let t = try TmuxSession(
      command: "\(shellQuote(Repo.binary.path)) --data \(shellQuote(mnt.path)) --lang en", width: 120,
      height: 30)
    let screen = try t.waitFor("the disk is read-only")
    XCTAssertTrue(screen.contains("READ-ONLY"), screen)
    XCTAssertEqual(try t.quit(), 0)
  }
}

@discardableResult
func shell(_ command: String) -> Bool {
  let p = Process()
  p.executableURL = URL(fileURLWithPath: "/bin/sh")
  p.arguments = ["-c", command]
  p.standardOutput = FileHandle.nullDevice
  p.standardError = FileHandle.nullDevice
  guard (try? p.run()) != nil else { return false }
  p.waitUntilExit()
  return p.terminationStatus == 0
}
