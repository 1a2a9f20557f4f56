import Foundation
import LiuliangTestSupport
import XCTest

/// shop.toml's `mouse = false` does what `--no-mouse` does: the terminal keeps its clicks.
final class MouseSettingTests: XCTestCase {
  override func setUpWithError() throws {
    try XCTSkipUnless(TmuxSession.available, "tmux is not installed (scripts/deps --test installs it)")
  }

  func open(_ store: URL) throws -> TmuxSession {
    try TmuxSession.dashboard(store)
  }

  func testMouseFalseInShopTomlLeavesClicksAlone() throws {
    let store = try Repo.demoCopy()
    let toml = store.appendingPathComponent("shop.toml")
    let text = try String(contentsOf: toml, encoding: .utf8)
    // A top-level key goes before the first table.
    try ("mouse = false\n" + text).write(to: toml, atomically: true, encoding: .utf8)
    let t = try open(store)
    try t.waitFor("今日联系")
    XCTAssertTrue(
      waitUntil {
        (try? t.tmux(["display", "-p", "-t", t.name, "#{mouse_sgr_flag}"]))?.hasPrefix("0") == true
      }, "the program never asked for mouse reports")
    // " 3 朋友圈 " spans columns 24–33 of line 1: tmux sends the click as keys, which do nothing.
    try t.type("\u{1b}[<0;30;1M")
    try t.send("2")
    let screen = try t.waitFor("客户 1/")
    XCTAssertFalse(screen.contains("这一周"), screen)
    XCTAssertEqual(try t.quit(), 0)
  }

  func click(_ t: TmuxSession, x: Int, y: Int) throws {
    try t.type("\u{1b}[<0;\(x);\(y)M")
    try t.type("\u{1b}[<0;\(x);\(y)m")
  }

  /// Clicks in lists and the week, at 1-based cells: the Today list's fifth entry is line 15
  /// (tiles on 2–7, the list's border, filter bar and header on 8–10); a second click opens it.
  /// The Moments week's Wednesday column is 28–37 and its second slot line 5.
  func testClicksInTheTodayListAndTheMomentsWeek() throws {
    let t = try open(try Repo.demoCopy())
    try t.waitFor("今日联系")
    try click(t, x: 11, y: 15)
    // The entry is selected (drawn reversed) before the second click opens it.
    XCTAssertTrue(
      waitUntil {
        let styled = (try? t.tmux(["capture-pane", "-p", "-e", "-t", t.name])) ?? ""
        let lines = styled.split(separator: "\n", omittingEmptySubsequences: false)
        return lines.count > 14 && lines[14].contains("\u{1b}[7m")
      }, "the fifth entry never showed selected")
    try click(t, x: 11, y: 15)
    try t.waitFor("今日 › ")
    try click(t, x: 30, y: 1)
    try t.waitFor("这一周")
    try click(t, x: 31, y: 5)
    try t.waitFor("周三 2026-11-18")
    XCTAssertEqual(try t.quit(), 0)
  }
}
