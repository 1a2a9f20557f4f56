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
    // The dashboard asks for mouse reports again once it has the screen back.
    XCTAssertTrue(
      waitUntil {
        (try? t.tmux(["display", "-p", "-t", t.name, "#{mouse_sgr_flag}"]))?.hasPrefix("1") == true
      })
    // The mouse too: " 3 朋友圈 " spans columns 24–33 of line 1.
    try t.type("\u{1b}[<0;30;1M")
    try t.type("\u{1b}[<0;30;1m")
    try t.waitFor("这一周")
    try t.send("q")
    try t.waitFor("sh-ready$")
    try t.type("echo \"rc=$?\"")
    try t.send("Enter")
    try t.waitFor("rc=0")
  }
}

/// The mouse in a real terminal: tmux passes xterm's SGR reports (`ESC [ < b ; x ; y M`, 1-based
/// cells) to a program that asked for them.
final class MouseScreenTests: XCTestCase {
  override func setUpWithError() throws {
    try XCTSkipUnless(TmuxSession.available, "tmux is not installed (scripts/deps --test installs it)")
  }

  func press(_ t: TmuxSession, _ button: Int, x: Int, y: Int) throws {
    try t.type("\u{1b}[<\(button);\(x);\(y)M")
    if button < 64 { try t.type("\u{1b}[<\(button);\(x);\(y)m") }
  }

  func testClickTabsRowsAndHeatmapCellsAndWheelTheList() throws {
    // A mouse report typed by tmux reaches the program in pieces on a busy machine; a long
    // ESCDELAY keeps it one report instead of Esc and stray keys.
    let t = try TmuxSession(command: "ESCDELAY=2000 \(shellQuote(Repo.binary.path)) demo --lang zh-Hans")
    try t.waitFor("今日联系")
    // " 3 朋友圈 " spans columns 24–33 of line 1.
    try press(t, 0, x: 30, y: 1)
    try t.waitFor("这一周")
    try t.send("2")
    try t.waitFor("客户 1/")
    // Line 3 is the table's header; line 6 its third row.
    try press(t, 0, x: 12, y: 6)
    try t.waitFor("客户 3/")
    try press(t, 65, x: 12, y: 10)
    try t.waitFor("客户 6/")
    try press(t, 64, x: 12, y: 10)
    try t.waitFor("客户 3/")
    try t.send("4")
    try t.waitFor("每周客流")
    // Saturday's row is line 9; the hour 12 is columns 19–24 (six cells an hour at 80 columns).
    try press(t, 0, x: 21, y: 9)
    try t.waitFor("周六 12:00")
    XCTAssertEqual(try t.quit(), 0)
  }

  func testNoMouseLeavesClicksAlone() throws {
    let t = try TmuxSession(command: "\(shellQuote(Repo.binary.path)) demo --no-mouse --lang zh-Hans")
    try t.waitFor("今日联系")
    try press(t, 0, x: 30, y: 1)
    try t.send("2")
    let screen = try t.waitFor("客户 1/")
    XCTAssertFalse(screen.contains("这一周"), screen)
    XCTAssertEqual(try t.quit(), 0)
  }
}

/// The way back in a real terminal.
final class BackScreenTests: XCTestCase {
  override func setUpWithError() throws {
    try XCTSkipUnless(TmuxSession.available, "tmux is not installed (scripts/deps --test installs it)")
  }

  func testEnterOnAReachOutEntryThenEscComesBackToTheSameEntry() throws {
    let t = try TmuxSession(command: "\(shellQuote(Repo.binary.path)) demo --lang zh-Hans")
    let today = try t.waitFor("今日联系")
    // The list's third entry, three lines under its header.
    let lines = today.split(separator: "\n", omittingEmptySubsequences: false)
    let header = lines.firstIndex { $0.contains("事由") }!
    let third = lines[header + 3].dropFirst().split(separator: " ")[1]
    try t.send("j", "j", "Enter")
    try t.waitFor("今日 › \(third)")
    try t.send("Escape")
    let back = try t.waitFor("今日联系")
    XCTAssertFalse(back.contains("›"), back)
    try t.send("Enter")
    try t.waitFor("今日 › \(third)")
    XCTAssertEqual(try t.quit(), 0)
  }
}
