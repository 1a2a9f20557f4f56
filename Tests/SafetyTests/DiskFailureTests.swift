import Foundation
import LiuliangApp
import LiuliangModel
import LiuliangStore
import LiuliangTestSupport
import XCTest

#if canImport(Glibc)
  import Glibc
#endif

/// A full disk or a vanished folder during a write: the message says so, the change stays on
/// screen and queued, nothing on disk is half written, and `:retry` writes it once it can.
final class DiskFailureTests: XCTestCase {
  override func tearDown() {
    WriteProbe.failWith = nil
    WriteProbe.willWrite = nil
  }

  func files(_ folder: URL) throws -> [String: Data] {
    var out: [String: Data] = [:]
    for n in try FileManager.default.contentsOfDirectory(atPath: folder.path) where !n.hasPrefix(".liuliang.")
    {
      out[n] = try Data(contentsOf: folder.appendingPathComponent(n))
    }
    return out
  }

  func testVanishedFolderKeepsTheChangeAndRetryWritesIt() throws {
    let store = try Repo.demoCopy()
    let aside = store.deletingLastPathComponent().appendingPathComponent("aside")
    var r = Runner(store: try Store(folder: store.path, mode: .readWrite))
    // A customer not welcomed yet: welcomed_on is filled, so customers.csv is rewritten.
    r.press(.char("2"), .char("/"))
    r.type("nxbjvdc809")
    r.press(.enter, .char("w"))
    let changed = r.state.dataset
    XCTAssertTrue(changed.customers == r.store.dataset.customers, "saved at once")
    // Saved at once; now the folder goes away under the running store.
    try FileManager.default.moveItem(at: store, to: aside)
    r.press(.char("j"), .char("b"))
    let wanted = r.state.dataset
    XCTAssertTrue(r.state.unsaved == [.save(wanted)], "the failed write waits")
    XCTAssertTrue(r.state.messageIsError)
    XCTAssertTrue(r.state.message?.contains(r.state.text["msg.unsaved_kept"]) == true, r.state.message ?? "")
    XCTAssertEqual(r.press(.char("q")), false, "the first q warns")
    XCTAssertEqual(r.state.message, r.state.text["msg.unsaved_quit"])
    // A visit logged meanwhile waits behind the save.
    r.press(.char("2"), .char("v"))
    r.type("12.5")
    r.press(.ctrl("s"))
    XCTAssertEqual(r.state.unsaved.count, 2, "\(r.state.unsaved)")
    try FileManager.default.moveItem(at: aside, to: store)
    r.command("retry")
    XCTAssertTrue(r.state.unsaved.isEmpty)
    XCTAssertEqual(r.state.message, r.state.text["msg.retrying"])
    let back = try Store(folder: store.path, mode: .readOnly)
    XCTAssertTrue(back.dataset.customers == r.state.dataset.customers)
    XCTAssertTrue(back.dataset.visits == r.state.dataset.visits)
    XCTAssertEqual(back.problems, [])
    XCTAssertEqual(r.press(.char("q")), true)
  }

  /// A real full disk where a small tmpfs can be mounted, else the kernel's errno injected.
  func testFullDiskKeepsTheChangeAndNothingIsHalfWritten() throws {
    let base = try Repo.tempFolder("disk")
    let mounted = shell("mount -t tmpfs -o size=1536k tmpfs '\(base.path)'")
    defer { if mounted { shell("umount -l '\(base.path)'") } }
    let store = base.appendingPathComponent("shop")
    try FileManager.default.copyItem(at: Repo.seeds, to: store)
    let filler = base.appendingPathComponent("filler")
    var r = Runner(store: try Store(folder: store.path, mode: .readWrite))
    let before = try files(store)
    if mounted {
      shell("dd if=/dev/zero of='\(filler.path)' bs=4k 2>/dev/null")
    } else {
      WriteProbe.failWith = ENOSPC
    }
    // A customer not welcomed yet: welcomed_on is filled, so customers.csv is rewritten.
    r.press(.char("2"), .char("/"))
    r.type("nxbjvdc809")
    r.press(.enter, .char("w"))
    XCTAssertEqual(r.state.unsaved.count, 1)
    XCTAssertTrue(r.state.message?.contains("the disk is full") == true, r.state.message ?? "")
    r.press(.char("2"), .char("v"))
    r.type("30")
    r.press(.ctrl("s"))
    XCTAssertEqual(r.state.unsaved.count, 2)
    XCTAssertEqual(try files(store), before, "no file changed, no temp file left")
    r.command("retry")
    XCTAssertEqual(r.state.unsaved.count, 2, "still full: still waiting")
    if mounted { try FileManager.default.removeItem(at: filler) } else { WriteProbe.failWith = nil }
    r.command("keep")
    XCTAssertTrue(r.state.unsaved.isEmpty)
    let back = try Store(folder: store.path, mode: .readOnly)
    XCTAssertTrue(back.dataset.customers == r.state.dataset.customers)
    XCTAssertTrue(back.dataset.visits == r.state.dataset.visits)
    XCTAssertEqual(back.dataset.visits.count, r.store.dataset.visits.count)
  }

  /// One file of a save written, the next refused: the retry must write the rest without
  /// mixing up rows of the file that did get written.
  func testSaveCutShortBetweenTwoFilesIsFinishedByTheRetry() throws {
    let store = try Repo.demoCopy()
    let s = try Store(folder: store.path, mode: .readWrite)
    var ds = s.dataset
    ds.customers[3].notes = "first file"
    ds.customers.append(Customer(id: "C9999", name: "新客"))
    ds.posts[0].likes = 4242
    WriteProbe.willWrite = { path, _, _ in
      if path.hasSuffix("posts.csv") { WriteProbe.failWith = ENOSPC }
    }
    XCTAssertThrowsError(try s.save(ds))
    WriteProbe.willWrite = nil
    WriteProbe.failWith = nil
    try s.save(ds)
    let back = try Store(folder: store.path, mode: .readOnly)
    XCTAssertTrue(back.dataset.customers == ds.customers)
    XCTAssertTrue(back.dataset.posts == ds.posts)
    XCTAssertEqual(back.problems, [])
  }
}
