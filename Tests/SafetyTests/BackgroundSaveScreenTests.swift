import Foundation
import LiuliangModel
import LiuliangStore
import LiuliangTestSupport
import XCTest

/// The real binary in tmux: a change saved by the store writer while the screen goes on, and
/// `q` pressed straight after it, before the write can have been seen to end.
final class BackgroundSaveScreenTests: XCTestCase {
  override func setUpWithError() throws {
    guard TmuxSession.available else { throw XCTSkip("tmux is not installed") }
  }

  func testQStraightAfterAnEditQuitsWithTheEditOnDisk() throws {
    let store = try Repo.demoCopy()
    let before = try Store(folder: store.path, mode: .readOnly).dataset
    let t = try TmuxSession.dashboard(store, lang: "en", width: 100, height: 30)
    try t.waitFor("Reach out today")
    try t.send("2", "g", "e")
    try t.waitFor("Ctrl-S")
    try t.type("+1")
    // Ctrl-S and q in one go: q comes while the write may still be under way.
    try t.send("C-s", "q")
    XCTAssertEqual(t.exitStatus(), 0, "a write that ends within q's wait quits without a question")
    let after = try Store(folder: store.path, mode: .readOnly)
    XCTAssertEqual(after.problems, [])
    let changed = zip(before.customers, after.dataset.customers).filter { $0 != $1 }
    XCTAssertEqual(changed.count, 1)
    XCTAssertEqual(changed.first.map { $0.0.name + "+1" }, changed.first?.1.name)
  }
}
