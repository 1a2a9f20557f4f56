import Foundation
import LiuliangTestSupport
import XCTest

/// Moving about as in lazygit and htop: suspend and come back, the mouse, the way back.
final class MoveLikeTests: XCTestCase {
  override func setUpWithError() throws {
    try XCTSkipUnless(TmuxSession.available, "tmux is not installed (scripts/deps --test installs it)")
  }

  /// An interactive shell in the terminal, so that Ctrl-Z and `fg` have job control; the
  /// dashboard is typed into it as a user would.
  func shell() throws -> TmuxSession {
    let t = try TmuxSession(command: "bash --norc --noprofile -i", env: ["PS1": "sh-ready$ "])
    try t.waitFor("sh-ready$")
    return t
  }

  func testCtrlZSuspendsAndFgBringsTheSameScreenBack() throws {
    let store = try Repo.demoCopy()
    let t = try shell()
    try t.type(
      "\(shellQuote(Repo.binary.path)) --data \(shellQuote(store.path)) --today 2026-11-16 --lang zh-Hans")
    try t.send("Enter")
    try t.waitFor("今日联系")
    try t.send("2", "j", "j")
    let before = try t.waitFor("客户 3/")
    try t.send("C-z")
    let stopped = try t.waitFor("Stopped")
    XCTAssertFalse(stopped.contains("客户 3/"), "the shell has the screen back:\n\(stopped)")
    try t.type("fg")
    try t.send("Enter")
    var now = ""
    let same = waitUntil {
      now = (try? t.screen()) ?? ""
      return now == before
    }
    XCTAssertTrue(same, "fg brings the same screen back; before:\n\(before)\nnow:\n\(now)")
    // Still alive and taking keys after coming back.
    try t.send("j")
    try t.waitFor("客户 4/")
    try t.send("q")
    try t.waitFor("sh-ready$")
    try t.type("echo \"rc=$?\"")
    try t.send("Enter")
    try t.waitFor("rc=0")
  }
}
