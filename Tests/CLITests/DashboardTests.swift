import Foundation
import LiuliangTestSupport
import XCTest

/// The real binary in a real terminal (tmux), driven as a new user would.
final class DashboardTests: XCTestCase {
  override func setUpWithError() throws {
    try XCTSkipUnless(TmuxSession.available, "tmux is not installed (scripts/deps --test installs it)")
  }

  func testDemoOpensEveryPaneSurvivesResizeAndQuitsClean() throws {
    let seedsBefore = try Data(contentsOf: Repo.seeds.appendingPathComponent("customers.csv"))
    let t = try TmuxSession(command: "\(shellQuote(Repo.binary.path)) demo --lang zh-Hans")
    // The Today pane: tiles, the reach-out list, the status line with the demo's date.
    var screen = try t.waitFor("今日联系")
    XCTAssertTrue(screen.contains("2026-11-16"), screen)
    XCTAssertTrue(screen.contains("客户池"), screen)
    let titles = ["2": "客户 1/", "3": "这一周", "4": "每周客流", "5": "流失原因", "1": "今日联系"]
    for key in ["2", "3", "4", "5", "1"] {
      try t.send(key)
      screen = try t.waitFor(titles[key]!)
      // Every row is one terminal row: nothing wraps, so each boxed row ends on a box edge.
      for line in screen.split(separator: "\n") where ["┌", "└", "│"].contains(line.first) {
        XCTAssertTrue(["┐", "┘", "│"].contains(line.last), "pane \(key): \(line)")
      }
    }
    try t.send("?")
    try t.waitFor("按键：今日")
    try t.send("Escape")
    try t.resize(width: 60, height: 20)
    try t.waitFor("终端太小")
    try t.resize(width: 80, height: 24)
    try t.waitFor("今日联系")
    XCTAssertEqual(try t.quit(), 0)
    screen = try t.screen()
    XCTAssertTrue(screen.contains("示例副本"), "after q the shell is back and says where the copy is:\n\(screen)")
    XCTAssertEqual(
      try Data(contentsOf: Repo.seeds.appendingPathComponent("customers.csv")), seedsBefore,
      "seeds/ never changes")
  }

  func testSecondInstanceOpensReadOnly() throws {
    let store = try Repo.demoCopy()
    let first = try TmuxSession(
      command: "\(shellQuote(Repo.binary.path)) --data \(shellQuote(store.path)) --lang en")
    try first.waitFor("Reach out today")
    let second = try TmuxSession(
      command: "\(shellQuote(Repo.binary.path)) --data \(shellQuote(store.path)) --lang en")
    try second.waitFor("READ-ONLY")
    try second.send("q")
    try first.send("C-c")
    XCTAssertEqual(first.exitStatus(), 0)
    XCTAssertEqual(second.exitStatus(), 0)
  }

  func testNotATerminalSaysSoInOneSentence() throws {
    let r = try runLiuliang(["demo", "--lang", "en"])
    XCTAssertNotEqual(r.status, 0)
    XCTAssertTrue(r.stderr.contains("needs a terminal"), r.stderr)
    XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, r.stderr)
  }

  /// Find 丁凯怡 by the initials dky, open, log a visit, undo it, log it again, quit: exactly
  /// one new row in visits.csv, and every earlier byte unchanged.
  func testLogAVisitUndoItAndLogItAgain() throws {
    let store = try Repo.demoCopy()
    let visits = store.appendingPathComponent("visits.csv")
    let before = try Data(contentsOf: visits)
    let id = try DingKaiyi.id(in: store)
    let t = try TmuxSession.dashboard(store)
    try t.waitFor("今日联系")
    try DingKaiyi.openVisitForm(t, id: id)
    try t.type("66.5")
    try t.send("C-s")
    try t.waitFor("已记录 丁凯怡 的消费 ¥66.50")
    try t.send("u")
    try t.waitFor("已撤销")
    XCTAssertEqual(try Data(contentsOf: visits), before, "undo cuts the log back")
    try t.send("v")
    try t.type("66.5")
    try t.send("Tab")
    try t.send("BSpace")
    try t.type("3")
    try t.send("C-s")
    try t.waitFor("已记录 丁凯怡 的消费 ¥66.50")
    XCTAssertEqual(try t.quit(), 0)
    let after = try Data(contentsOf: visits)
    XCTAssertEqual(after.prefix(before.count), before)
    let added = String(decoding: after.dropFirst(before.count), as: UTF8.self)
    let lines = added.split(separator: "\n")
    XCTAssertEqual(lines.count, 1, added)
    let fields = lines[0].split(separator: ",", omittingEmptySubsequences: false)
    XCTAssertEqual(fields[0], Substring(id))
    XCTAssertEqual(fields[1], "2026-11-16")
    XCTAssertEqual(fields[3], "66.50")
    XCTAssertEqual(fields[4], "3")
    XCTAssertEqual(fields[6], "dine-in")
  }

  /// As of Wednesday 2026-11-18, tomorrow (Thursday) has no post: start one from a template in
  /// its first slot, move it to the next slot, quit, and find exactly that row in posts.csv.
  func testScheduleAPostFromATemplateIntoTomorrow() throws {
    let store = try Repo.demoCopy()
    let posts = store.appendingPathComponent("posts.csv")
    let before = try String(contentsOf: posts, encoding: .utf8)
    XCTAssertFalse(before.contains(",2026-11-19,"), "the demo leaves Thursday empty")
    let t = try TmuxSession.dashboard(store, today: "2026-11-18")
    try t.waitFor("今日联系")
    try t.send("3")
    try t.waitFor("周三 2026-11-18")
    try t.send("l", "n")
    try t.waitFor("从模板开始")
    // The first six templates have blanks (【食材】) to fill before they save; the seventh none.
    for _ in 0..<6 { try t.send("j") }
    try t.send("Enter")
    try t.waitFor("的新内容")
    try t.send("C-s")
    try t.waitFor("已新增")
    try t.send("J")
    try t.waitFor("已把")
    XCTAssertEqual(try t.quit(), 0)
    let added = try linesAdded(to: posts, since: before)
    XCTAssertEqual(added.count, 1, "\(added)")
    let f = added[0].split(separator: ",", omittingEmptySubsequences: false)
    XCTAssertEqual(f[1], "2026-11-19")
    XCTAssertEqual(f[2], "11:30", "moved from the first slot to the next")
    XCTAssertEqual(f[9], "planned")
  }

  /// Cover an uncovered off-peak cell from the heatmap, see it marked covered, then resolve a
  /// complaint in the Churn pane; both land in their files.
  func testCoverAnOffPeakCellAndResolveAComplaint() throws {
    let store = try Repo.demoCopy()
    let t = try TmuxSession.dashboard(store)
    try t.waitFor("今日联系")
    try t.send("4", "Tab")
    try t.waitFor("周一 14:00")
    // The Saturday row's cell for 14:00 after the 5-cell weekday label, as wide as the hours
    // are apart in the header (the hours share the width).
    func saturdayCell(_ screen: String) -> String {
      let lines = screen.split(separator: "\n").map(String.init)
      let header = lines.first { $0.hasPrefix("│ ") && $0.contains("10") && $0.contains("11") }!
      let hours = header.dropFirst().split(separator: " ").compactMap { Int($0) }
      let h = Array(header)
      let ten = (0..<h.count - 1).first { h[$0] == "1" && h[$0 + 1] == "0" }!
      let eleven = (0..<h.count - 1).first { h[$0] == "1" && h[$0 + 1] == "1" }!
      let cw = eleven - ten
      let row = Array(lines.first { $0.hasPrefix("│周六") }!.dropFirst(3))
      let k = hours.firstIndex(of: 14)!
      return String(row[(cw * k)..<(cw * k + cw)])
    }
    var screen = try t.screen()
    XCTAssertTrue(saturdayCell(screen).contains("-"), "uncovered off-peak before: \(saturdayCell(screen))")
    try t.send("j", "j", "j", "j", "j")
    try t.waitFor("周六 14:00")
    try t.send("a")
    try t.waitFor("新增活动")
    try t.type("周末下午茶")
    try t.send("C-s")
    screen = try t.waitFor("已新增活动 周末下午茶")
    XCTAssertTrue(saturdayCell(screen).contains("✓"), "covered after: \(saturdayCell(screen))")
    try t.send("5", "Tab", "x")
    try t.waitFor("已处理")
    XCTAssertEqual(try t.quit(), 0)
    let promotions = try String(contentsOf: store.appendingPathComponent("promotions.csv"), encoding: .utf8)
    XCTAssertTrue(promotions.contains(",周末下午茶,offpeak,,6,14:00,15:00,everyone,2026-11-16,\n"), promotions)
    let before = try String(contentsOf: Repo.seeds.appendingPathComponent("complaints.csv"), encoding: .utf8)
    let after = try String(contentsOf: store.appendingPathComponent("complaints.csv"), encoding: .utf8)
    let changed = zip(before.split(separator: "\n"), after.split(separator: "\n")).filter { $0 != $1 }
    XCTAssertEqual(changed.count, 1, "exactly one complaint changed")
    XCTAssertTrue(changed.first.map { $0.0.hasSuffix(",0") && $0.1.hasSuffix(",1") } ?? false, "\(changed)")
  }

  /// `:import` in the dashboard shows the mapping and the first rows, and writes only on y.
  func testImportFromTheDashboardAsksFirst() throws {
    let store = try Repo.demoCopy()
    let file = try Repo.tempFolder("in").appendingPathComponent("friends.csv")
    try Data([0xEF, 0xBB, 0xBF] + Array("姓名,微信号,手机号\r\n新朋友甲,wx_new_1,13900000001\r\n".utf8)).write(to: file)
    let customers = store.appendingPathComponent("customers.csv")
    let before = try String(contentsOf: customers, encoding: .utf8)
    let t = try TmuxSession.dashboard(store, lang: "en")
    try t.waitFor("Reach out today")
    try t.enterCommand("import \(file.path)")
    try t.waitFor("y imports it")
    XCTAssertEqual(try String(contentsOf: customers, encoding: .utf8), before, "nothing written before y")
    try t.send("y")
    // The message names the long temp path and is cut at 80 columns: wait for the file instead.
    XCTAssertTrue(try waitUntil { try String(contentsOf: customers, encoding: .utf8) != before })
    XCTAssertEqual(try t.quit(), 0)
    let after = try String(contentsOf: customers, encoding: .utf8)
    XCTAssertTrue(after.hasPrefix(before))
    XCTAssertEqual(String(after.dropFirst(before.count)), "C2001,新朋友甲,wx_new_1,13900000001,,,,friend,,,,,\n")
  }

  /// A till export imported twice from the dashboard adds each order once: the first import
  /// keeps the order numbers in visits.csv's own column, the second finds them there.
  func testATillExportImportedTwiceFromTheDashboardAddsEachOrderOnce() throws {
    let store = try Repo.demoCopy()
    let file = try Repo.tempFolder("in").appendingPathComponent("orders.csv")
    try Data("订单号,下单时间,实收金额,就餐人数\nA1,2026-11-15 12:00,58,2\nA2,2026-11-15 12:30,96,3\n".utf8)
      .write(to: file)
    let visits = store.appendingPathComponent("visits.csv")
    let before = try String(contentsOf: visits, encoding: .utf8)
    let t = try TmuxSession.dashboard(store, lang: "en")
    try t.waitFor("Reach out today")
    for round in 0..<2 {
      try t.enterCommand("import \(file.path) visits")
      let screen = try t.waitFor("y imports it")
      if round == 0 {
        try t.send("y")
        XCTAssertTrue(try waitUntil { try String(contentsOf: visits, encoding: .utf8).hasSuffix(",A2\n") })
      } else {
        XCTAssertTrue(screen.contains("Already in the log (same order number, or the same visit): 2"), screen)
        try t.send("y")
      }
    }
    XCTAssertEqual(try t.quit(), 0)
    let lines = try String(contentsOf: visits, encoding: .utf8).split(separator: "\n")
    // The header gained the column, every old row an empty field, and the two orders came once.
    XCTAssertEqual(lines.first, "customer,date,time,amount,party,promotion,channel,order")
    XCTAssertEqual(lines.count, before.split(separator: "\n").count + 2)
    XCTAssertEqual(
      Array(lines.suffix(2)), [",2026-11-15,12:00,58,2,,dine-in,A1", ",2026-11-15,12:30,96,3,,dine-in,A2"])
  }
}
