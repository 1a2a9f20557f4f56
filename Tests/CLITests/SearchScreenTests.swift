import Foundation
import LiuliangTestSupport
import XCTest

/// A search in a real terminal says what it found and where.
final class SearchScreenTests: XCTestCase {
  override func setUpWithError() throws {
    try XCTSkipUnless(TmuxSession.available, "tmux is not installed (scripts/deps --test installs it)")
  }

  /// `zw` on the demo: 陈梓伟 (chén zǐ wěi, czw) and 赵文 (zhào wén, zw) by their pinyin initials,
  /// then the 18 whose WeChat id holds the letters; the found characters underlined, which
  /// shows without colour too.
  func testZwListsThePinyinMatchesFirstHighlighted() throws {
    let t = try TmuxSession(
      command: "\(shellQuote(Repo.binary.path)) demo --lang zh-Hans", env: ["NO_COLOR": "1"])
    try t.waitFor("今日联系")
    try t.send("2")
    try t.waitFor("客户 1/")
    try t.send("/", "z", "w")
    let screen = try t.waitFor("zw: 2 名字 · 18 微信号")
    let lines = screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let header = lines.firstIndex { $0.contains("姓名") && $0.contains("匹配") }!
    let first = [lines[header + 1], lines[header + 2]]
    XCTAssertEqual(Set(first.map { $0.dropFirst(3).split(separator: " ")[0] }), ["陈梓伟", "赵文"], screen)
    for l in first { XCTAssertTrue(l.contains("首字母"), l) }
    for l in lines[(header + 3)...(header + 10)] { XCTAssertTrue(l.contains("微信号"), l) }
    XCTAssertTrue(screen.contains("/zw (20)"), screen)
    // The found characters carry an underline of their own: 梓伟 of 陈梓伟 and all of 赵文.
    let styled = try t.tmux(["capture-pane", "-p", "-e", "-t", t.name])
    let rows = styled.split(separator: "\n").map(String.init)
    let zhao = rows.first { $0.contains("赵文") }!
    XCTAssertTrue(
      zhao.range(of: #"\e\[[0-9;]*4[0-9;]*m赵文"#, options: .regularExpression) != nil, zhao.debugDescription)
    let chen = rows.first { $0.contains("梓伟") }!
    XCTAssertTrue(
      chen.range(of: #"陈\e\[[0-9;]*4[0-9;]*m梓伟"#, options: .regularExpression) != nil, chen.debugDescription)
    try t.send("Escape", "q")
    XCTAssertEqual(t.exitStatus(), 0)
  }
}
