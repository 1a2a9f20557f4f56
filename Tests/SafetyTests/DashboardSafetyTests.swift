import Foundation
import LiuliangModel
import LiuliangStore
import LiuliangTestSupport
import XCTest

#if canImport(Glibc)
  import Glibc
#endif

/// The real binary in tmux: a hand edit made while the dashboard runs, answered with `:keep`
/// or with `r`; a storm of random keys; a disk that fills up under the running dashboard.
final class DashboardSafetyTests: XCTestCase {
  override func setUpWithError() throws {
    guard TmuxSession.available else { throw XCTSkip("tmux is not installed") }
  }

  func open(_ store: URL, width: Int = 200, height: Int = 30) throws -> TmuxSession {
    let t = try TmuxSession.dashboard(store, lang: "en", width: width, height: height)
    try t.waitFor("Reach out today")
    return t
  }

  /// What WPS would do: the file is written anew with one more row.
  func editByHand(_ store: URL) throws {
    let file = store.appendingPathComponent("customers.csv")
    var text = try String(contentsOf: file, encoding: .utf8)
    text += "C9001,外面加的,,,,,2026-11-16,friend,,,,,\n"
    try text.write(to: file, atomically: true, encoding: .utf8)
  }

  /// `w` on a customer not welcomed yet (莫涛平, WeChat nxbjvdc809): welcomed_on is filled,
  /// so customers.csv is rewritten (an existing welcomed_on is never overwritten).
  func welcomeOne(_ t: TmuxSession) throws {
    try t.send("2", "/")
    try t.type("nxbjvdc809")
    try t.send("Enter", "w")
  }

  /// A fresh demo copy open in the dashboard, customers.csv written by hand beneath it, then my
  /// welcome, which finds the file changed: the store, what it held at first, the session.
  func handEditMeetsMyEdit() throws -> (store: URL, original: Dataset, t: TmuxSession) {
    let store = try Repo.demoCopy()
    let original = try Store(folder: store.path, mode: .readOnly).dataset
    let t = try open(store)
    try editByHand(store)
    try welcomeOne(t)
    try t.waitFor("customers.csv was changed by someone else")
    return (store, original, t)
  }

  func welcomedChanges(_ a: Dataset, _ b: Dataset) -> Int {
    let old = Dictionary(a.customers.map { ($0.id, $0.welcomedOn) }, uniquingKeysWith: { x, _ in x })
    return b.customers.filter { old[$0.id] != nil && old[$0.id]! != $0.welcomedOn }.count
  }

  func testHandEditThenKeepMineWritesMineOverTheirs() throws {
    let (store, original, t) = try handEditMeetsMyEdit()
    XCTAssertTrue(
      try Store(folder: store.path, mode: .readOnly).dataset.customers.contains { $0.id == "C9001" },
      "nothing is written over their change until the owner chooses")
    try t.enterCommand("keep")
    try t.waitFor("Kept your version")
    XCTAssertEqual(try t.quit(), 0)
    let after = try Store(folder: store.path, mode: .readOnly)
    XCTAssertFalse(after.dataset.customers.contains { $0.id == "C9001" }, "mine replaced theirs")
    XCTAssertEqual(welcomedChanges(original, after.dataset), 1)
    XCTAssertEqual(after.problems, [])
  }

  func testHandEditThenReloadKeepsTheirsAndTheNextEditSaves() throws {
    let (store, original, t) = try handEditMeetsMyEdit()
    try t.send("r")
    try t.waitFor("Read again: 2001 customers")
    try t.send("Escape")
    try welcomeOne(t)
    let customers = store.appendingPathComponent("customers.csv")
    XCTAssertTrue(
      try waitUntil {
        welcomedChanges(original, try Store(folder: store.path, mode: .readOnly).dataset) == 1
      }, "my edit, made again, is saved")
    XCTAssertEqual(try t.quit(), 0)
    let after = try Store(folder: customers.deletingLastPathComponent().path, mode: .readOnly)
    XCTAssertTrue(after.dataset.customers.contains { $0.id == "C9001" }, "their row stays")
    XCTAssertEqual(welcomedChanges(original, after.dataset), 1, "and my edit, made again, is saved")
    XCTAssertEqual(after.problems, [])
  }

  /// A dashboard killed with SIGKILL leaves its pid in the lock file but no lock: the next
  /// one opens the store for writing, and its first edit is saved. (A second one beside a
  /// live first is CLITests' testSecondInstanceOpensReadOnly.)
  func testDashboardKilledHardLeavesNoLockBehind() throws {
    let store = try Repo.demoCopy()
    let first = try open(store)
    let lock = store.appendingPathComponent(".liuliang.lock")
    let pidText = String(decoding: FileManager.default.contents(atPath: lock.path) ?? Data(), as: UTF8.self)
    let pid = try XCTUnwrap(Int32(pidText.filter(\.isNumber)))
    XCTAssertEqual(kill(pid, SIGKILL), 0)
    XCTAssertNotNil(first.exitStatus())
    let third = try open(store)
    try third.send("5", "b")
    try third.waitFor("win-back tried today")
    XCTAssertFalse(try third.screen().contains("READ-ONLY"))
    XCTAssertEqual(try third.quit(), 0)
  }

  /// Random keys into the real dashboard: it never dies, and `q` after Escapes (and dropping a
  /// typed-in form) exits 0. Keys
  /// that quit, suspend or export are left out; every other key is fair.
  func testKeyStormThroughTheRealBinary() throws {
    let keys = Int(ProcessInfo.processInfo.environment["LIULIANG_TMUX_STORM_KEYS"] ?? "") ?? 200
    let store = try Repo.demoCopy()
    let t = try open(store, width: 100, height: 30)
    var rng = DrillRNG(state: 99)
    let named = [
      "Up", "Down", "Left", "Right", "PageUp", "PageDown", "Home", "End", "Enter", "Escape", "BSpace", "Tab",
      "BTab", "C-r", "C-s", "C-l", "DC",
    ]
    // No lone `;`: tmux reads it as the end of its command.
    let chars = Array("jkhlgGnNwvueadmxtT12345 /?rsfFpP[]{}<>+-=09,yy")
    var sent = 0
    while sent < keys {
      for _ in 0..<10 {
        if rng.next() % 3 == 0 {
          try t.send(named[Int(rng.next() % UInt64(named.count))])
        } else {
          try t.type(String(chars[Int(rng.next() % UInt64(chars.count))]))
        }
        sent += 1
      }
      if sent % 100 == 0 {
        try t.resize(width: [100, 80, 10, 120][(sent / 100) % 4], height: [30, 24, 5, 40][(sent / 100) % 4])
      }
      XCTAssertNil(t.exitStatus(timeout: 0), "the dashboard ended after \(sent) keys")
    }
    try t.resize(width: 100, height: 30)
    try t.send("Escape", "Escape", "Escape")
    try t.send("q")
    // The storm may leave a form open with typing in it, where Esc and q ask first (they must
    // not drop what was typed): Ctrl-C asks to quit, and y says yes.
    if t.exitStatus(timeout: 10) == nil { try t.send("C-c") }
    if t.exitStatus(timeout: 10) == nil { try t.send("y") }
    let status = t.exitStatus()
    XCTAssertEqual(status, 0, status == nil ? "still running; the screen:\n" + ((try? t.screen()) ?? "") : "")
    let check = try runLiuliang(["check", "--data", store.path])
    XCTAssertEqual(check.status, 0, check.stdout)
  }

  /// A disk that fills up under the running dashboard: the message says so, the change stays
  /// on screen, `q` asks first, and `:retry` writes it once there is room.
  func testFullDiskUnderTheDashboardKeepsTheChangeUntilRetry() throws {
    let base = try Repo.tempFolder("disk")
    guard shell("mount -t tmpfs -o size=1536k tmpfs '\(base.path)'") else {
      throw XCTSkip("no tmpfs mounts here; DiskFailureTests injects ENOSPC instead")
    }
    defer { shell("umount -l '\(base.path)'") }
    let store = base.appendingPathComponent("shop")
    try FileManager.default.copyItem(at: Repo.seeds, to: store)
    let original = try Store(folder: store.path, mode: .readOnly).dataset
    let filler = base.appendingPathComponent("filler")
    let t = try open(store)
    shell("dd if=/dev/zero of='\(filler.path)' bs=4k 2>/dev/null")
    try welcomeOne(t)
    try t.waitFor("the disk is full")
    try t.waitFor("kept on screen")
    try t.send("q")
    try t.waitFor("Changes not saved yet")
    XCTAssertNil(t.exitStatus(timeout: 0.5), "one q does not drop the change")
    try FileManager.default.removeItem(at: filler)
    try t.enterCommand("retry")
    try t.waitFor("Wrote the changes that were waiting")
    XCTAssertEqual(try t.quit(), 0)
    let after = try Store(folder: store.path, mode: .readOnly)
    XCTAssertEqual(welcomedChanges(original, after.dataset), 1)
  }
}
