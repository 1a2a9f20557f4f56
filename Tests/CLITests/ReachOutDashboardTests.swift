import Foundation
import LiuliangTestSupport
import XCTest

/// The reach-out queue in a real terminal: filter to birthdays, `y` on the first copies the
/// message through OSC 52 (tmux keeps it as a paste buffer with `set-clipboard on`), `g` marks
/// the greeting sent, and contacts.csv gains exactly that one row.
final class ReachOutDashboardTests: XCTestCase {
  override func setUpWithError() throws {
    try XCTSkipUnless(TmuxSession.available, "tmux is not installed (scripts/deps --test installs it)")
  }

  /// The newest paste buffer, or nil when tmux holds none.
  func newestBuffer(_ t: TmuxSession) -> String? { try? t.tmux(["show-buffer"]) }

  func testBirthdayMessageIsCopiedAndTheGreetingLogged() throws {
    let store = try Repo.demoCopy()
    let contacts = store.appendingPathComponent("contacts.csv")
    let before = try String(contentsOf: contacts, encoding: .utf8)
    let t = try TmuxSession.dashboard(store)
    try t.tmux(["set-option", "-s", "set-clipboard", "on"])
    try t.waitFor("今日联系")
    try t.send("f", "f")
    // The list's first row under its filter bar and header is a birthday.
    let deadline = Date().addingTimeInterval(10)
    var screen = ""
    while Date() < deadline {
      screen = try t.screen()
      if screen.split(separator: "\n").dropFirst(10).first?.hasPrefix("│生日 ") == true { break }
      usleep(50_000)
    }
    let row = screen.split(separator: "\n").dropFirst(10).first.map(String.init) ?? ""
    XCTAssertTrue(row.hasPrefix("│生日 "), screen)
    let name = row.dropFirst(4).prefix { $0 != " " }
    let old = newestBuffer(t)
    try t.send("y")
    screen = try t.waitFor("已复制")
    var copied = ""
    let until = Date().addingTimeInterval(10)
    while Date() < until {
      copied = newestBuffer(t) ?? ""
      if copied != old && !copied.isEmpty { break }
      usleep(50_000)
    }
    XCTAssertTrue(copied.hasPrefix(name + "，生日快乐！"), copied)
    XCTAssertFalse(copied.contains("{"), "every placeholder filled: \(copied)")
    // The box shows the message and the WeChat id it goes to.
    let wechat = screen.split(separator: "\n").first { $0.contains("微信号 ") && $0.contains("已复制") }
      .map { String($0.split(separator: "微信号 ")[1].prefix { $0 != " " }) }
    XCTAssertNotNil(wechat, screen)
    try t.send("g")
    try t.waitFor("已送生日祝福")
    XCTAssertEqual(try t.quit(), 0)
    let added = try linesAdded(to: contacts, since: before)
    XCTAssertEqual(added.count, 1, "\(added)")
    // That row is the customer with the WeChat id the box showed.
    let customers = try String(contentsOf: store.appendingPathComponent("customers.csv"), encoding: .utf8)
    let id = customers.split(separator: "\n").first { line in
      let f = line.split(separator: ",", omittingEmptySubsequences: false)
      return f.count > 2 && String(f[2]) == wechat
    }.map { String($0.prefix { $0 != "," }) }
    XCTAssertEqual(added.first.map(String.init), (id ?? "?") + ",2026-11-16,birthday,")
  }
}
