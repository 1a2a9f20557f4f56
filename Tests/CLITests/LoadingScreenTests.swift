import Foundation
import LiuliangTestSupport
import XCTest

/// The dashboard on a store that takes a moment to load: a frame at once, the keys that make
/// sense meanwhile (a pane chosen, q), then the pane chosen.
final class LoadingScreenTests: XCTestCase {
  override func setUpWithError() throws {
    try XCTSkipUnless(TmuxSession.available, "tmux is not installed (scripts/deps --test installs it)")
  }

  func store() throws -> URL {
    let store = try Repo.unmadeFolder("loading")
    let made = try runLiuliang(["generate", store.path, "--customers", "30000", "--walk-ins", "300"])
    XCTAssertEqual(made.status, 0, made.stderr)
    return store
  }

  /// A pane key sent at once opens that pane, whether it came while loading or after.
  func testAPaneChosenAtOnceIsThePaneOpened() throws {
    let s = try store()
    let t = try TmuxSession.dashboard(s, lang: "en")
    try t.waitFor("1 Today")
    try t.send("5")
    try t.waitFor("Why they left")
    XCTAssertEqual(try t.quit(), 0)
  }

  /// q quits at once, loaded or not, and leaves the store as it was.
  func testQuitsAtOnceAndWritesNothing() throws {
    let s = try store()
    let before = try FileManager.default.contentsOfDirectory(atPath: s.path).sorted()
    let customers = try Data(contentsOf: s.appendingPathComponent("customers.csv"))
    let t = try TmuxSession.dashboard(s, lang: "en")
    try t.waitFor("1 Today")
    XCTAssertEqual(try t.quit(), 0)
    // The lock file stays, as after any session (the lock is the kernel's, on it).
    XCTAssertEqual(
      try FileManager.default.contentsOfDirectory(atPath: s.path).filter { $0 != ".liuliang.lock" }.sorted(),
      before)
    XCTAssertEqual(try Data(contentsOf: s.appendingPathComponent("customers.csv")), customers)
  }
}
