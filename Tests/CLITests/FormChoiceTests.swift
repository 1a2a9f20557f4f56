import Foundation
import LiuliangTestSupport
import XCTest

/// Forms in the owner's language on a stock server: ids are chosen by their words (or by the
/// pinyin initials of them), never typed, and the files still get the ids.
final class FormChoiceTests: XCTestCase {
  /// Under LANG=C.UTF-8 the demo speaks Chinese (its shop.toml says so). A complaint chooses
  /// 丁凯怡 by pinyin and 店员冷漠 by its initials; a visit chooses 外卖 and the afternoon-tea
  /// promotion by name. complaints.csv and visits.csv get staff_indifference, takeaway, P01.
  func testComplaintAndVisitByWordsLandAsIds() throws {
    let store = try Repo.demoCopy()
    let customers = try String(contentsOf: store.appendingPathComponent("customers.csv"), encoding: .utf8)
    let row = customers.split(separator: "\n").first { $0.split(separator: ",").dropFirst().first == "丁凯怡" }!
    let id = String(row.split(separator: ",")[0])
    let complaints = store.appendingPathComponent("complaints.csv")
    let visits = store.appendingPathComponent("visits.csv")
    let complaintsBefore = try String(contentsOf: complaints, encoding: .utf8)
    let visitsBefore = try String(contentsOf: visits, encoding: .utf8)
    let t = try TmuxSession(
      command: "\(shellQuote(Repo.binary.path)) --data \(shellQuote(store.path)) --today 2026-11-16",
      env: ["LIULIANG_LANG": "", "LC_ALL": "", "LC_MESSAGES": ""])
    try t.waitFor("今日联系")
    try t.send("5", "a")
    try t.waitFor("新增投诉")
    // dky is also inside an earlier customer's WeChat id: a name comes first.
    try t.type("dky")
    try t.waitFor("‹丁凯怡")
    try t.send("Tab")
    try t.type("dylm")
    try t.waitFor("‹店员冷漠›")
    try t.send("Tab")
    try t.type("上菜时没人理")
    try t.send("C-s")
    try t.waitFor("已记录投诉")
    try t.send("2", "/")
    try t.type("dky")
    // 丁凯怡 by her initials comes before the WeChat id that also holds the letters.
    try t.waitFor("dky: 1 名字 · 1 微信号")
    try t.send("Enter", "Enter")
    try t.waitFor("丁凯怡 · " + id)
    try t.send("v")
    try t.waitFor("丁凯怡 的消费")
    try t.type("88.5")
    try t.send("Tab", "Tab")
    try t.type("下午茶")
    try t.waitFor("‹工作日下午茶时段")
    try t.send("Tab")
    try t.type("外卖")
    try t.waitFor("‹外卖›")
    try t.send("C-s")
    try t.waitFor("已记录 丁凯怡 的消费 ¥88.50")
    try t.send("q")
    XCTAssertEqual(t.exitStatus(), 0)
    let newComplaints = try String(contentsOf: complaints, encoding: .utf8).dropFirst(complaintsBefore.count)
    XCTAssertEqual(newComplaints, "\(id),2026-11-16,staff_indifference,上菜时没人理,0\n")
    let newVisits = try String(contentsOf: visits, encoding: .utf8).dropFirst(visitsBefore.count)
    let f = newVisits.split(separator: ",", omittingEmptySubsequences: false)
    XCTAssertEqual(f.count, 7, String(newVisits))
    XCTAssertEqual(f[0], Substring(id))
    XCTAssertEqual(f[3], "88.50")
    XCTAssertEqual(f[5], "P01")
    XCTAssertEqual(f[6], "takeaway\n")
  }
}
