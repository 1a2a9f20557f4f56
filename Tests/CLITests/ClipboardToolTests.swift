import Foundation
import LiuliangTestSupport
import XCTest

/// For terminals that ignore OSC 52, `y` also hands the message to the desktop's clipboard tool:
/// xclip under X11 gets it whole on its standard input, holds none of the store's files (it may
/// stay for hours serving the selection, and must not keep the store locked), and the dashboard
/// goes on and quits while it is still there.
final class ClipboardToolTests: XCTestCase {
  override func setUpWithError() throws {
    try XCTSkipUnless(TmuxSession.available, "tmux is not installed (scripts/deps --test installs it)")
  }

  func testXclipGetsTheMessageAndNoneOfTheStoresFiles() throws {
    let store = try Repo.demoCopy()
    let tools = try Repo.tempFolder("tools")
    let got = tools.appendingPathComponent("got.txt")
    // A stand-in for xclip: what it was given and which files it holds, then it stays a while.
    try """
    #!/bin/sh
    { echo "args: $*"; cat; echo; ls -l /proc/$$/fd; } > '\(got.path).part'
    mv '\(got.path).part' '\(got.path)'
    sleep 10
    """.write(to: tools.appendingPathComponent("xclip"), atomically: true, encoding: .utf8)
    chmod(tools.appendingPathComponent("xclip").path, 0o755)
    let path = tools.path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
    let t = try TmuxSession.dashboard(store, env: ["DISPLAY": ":99", "PATH": path])
    try t.waitFor("今日联系")
    // At risk only: every entry there has a customer, so a message.
    try t.send("f")
    try t.waitFor("风险 422 ")
    try t.send("y")
    let screen = try t.waitFor("已复制")
    let name =
      screen.components(separatedBy: "给 ").dropFirst().first?.components(separatedBy: " 的消息").first ?? "?"
    var text = ""
    let deadline = Date().addingTimeInterval(30)
    while Date() < deadline {
      if let s = try? String(contentsOf: got, encoding: .utf8) {
        text = s
        break
      }
      usleep(50_000)
    }
    let lines = text.components(separatedBy: "\n")
    XCTAssertEqual(lines.first, "args: -selection clipboard", text)
    XCTAssertTrue(lines.dropFirst().first?.hasPrefix(name + "您好") == true, "\(name): \(text)")
    XCTAssertFalse(text.contains(store.path), "xclip holds a file of the store: \(text)")
    XCTAssertEqual(try t.quit(), 0)
  }
}
