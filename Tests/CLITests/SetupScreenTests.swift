import Foundation
import LiuliangTestSupport
import XCTest

/// `:setup` in the dashboard, as the owner uses it: the form, a refused hour, then the name and
/// the language saved into a hand-edited shop.toml, and the dashboard in the new language.
final class SetupScreenTests: XCTestCase {
  override func setUpWithError() throws {
    try XCTSkipUnless(TmuxSession.available, "tmux is not installed (scripts/deps --test installs it)")
  }

  func testSetupWritesTheNameAndLanguageAndKeepsTheOwnersLines() throws {
    let store = try Repo.demoCopy()
    let toml = store.appendingPathComponent("shop.toml")
    let text = try String(contentsOf: toml, encoding: .utf8)
    try ("# 老板自己的笔记\nparking = \"后门\"  # not a liuliang key\n" + text).write(
      to: toml, atomically: true, encoding: .utf8)
    // No --lang: shop.toml's language decides, so a change of it shows at once.
    let t = try TmuxSession(
      command:
        "env -u LIULIANG_LANG \(shellQuote(Repo.binary.path)) --data \(shellQuote(store.path)) --today 2026-11-16"
    )
    try t.waitFor("今日联系")
    try t.type(":setup")
    try t.send("Enter")
    try t.waitFor("店铺设置")
    // Tuesday (the fourth field) closes at 25:00: refused with its sentence, nothing written.
    try t.send("Tab", "Tab", "Tab", "C-u")
    try t.type("10:30-25:00")
    try t.send("C-s")
    try t.waitFor("营业时间写成")
    XCTAssertEqual(try String(contentsOf: toml, encoding: .utf8).hasPrefix("# 老板自己的笔记\nparking"), true)
    try t.send("C-u")
    try t.type("11:00-14:00")
    try t.send("Up", "Up", "Up", "C-u")
    try t.type("王记面馆")
    try t.send("Down", "Right", "C-s")
    try t.waitFor("Saved the shop's settings")
    try t.waitFor("1 Today")
    let after = try String(contentsOf: toml, encoding: .utf8)
    let expected =
      "# 老板自己的笔记\nparking = \"后门\"  # not a liuliang key\n"
      + text.replacingOccurrences(of: "name = \"老王家常菜\"", with: "name = \"王记面馆\"")
      .replacingOccurrences(of: "language = \"zh-Hans\"", with: "language = \"en\"")
      .replacingOccurrences(of: "tue = \"10:30-21:30\"", with: "tue = \"11:00-14:00\"")
    XCTAssertEqual(after, expected)
    XCTAssertEqual(try t.quit(), 0)
  }
}
