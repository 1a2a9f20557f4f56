import Foundation
import LiuliangTestSupport
import XCTest

/// Forms in the owner's language on a stock server: ids are chosen by their words (or by the
/// pinyin initials of them), never typed, and the files still get the ids.
final class FormChoiceTests: XCTestCase {
  /// Types `words` into the form's choice field and waits for the choice they pick.
  func choose(
    _ t: TmuxSession, _ words: String, picks choice: String, file: StaticString = #filePath,
    line: UInt = #line
  ) throws {
    try t.type(words)
    try t.waitFor(choice, file: file, line: line)
  }

  /// Under LANG=C.UTF-8 the demo speaks Chinese (its shop.toml says so). A complaint chooses
  /// 丁凯怡 by pinyin and 店员冷漠 by its initials; a visit chooses 外卖 and the afternoon-tea
  /// promotion by name. complaints.csv and visits.csv get staff_indifference, takeaway, P01.
  func testComplaintAndVisitByWordsLandAsIds() throws {
    let store = try Repo.demoCopy()
    let id = try DingKaiyi.id(in: store)
    let complaints = store.appendingPathComponent("complaints.csv")
    let visits = store.appendingPathComponent("visits.csv")
    let complaintsBefore = try String(contentsOf: complaints, encoding: .utf8)
    let visitsBefore = try String(contentsOf: visits, encoding: .utf8)
    let t = try TmuxSession.dashboard(
      store, lang: nil, env: ["LIULIANG_LANG": "", "LC_ALL": "", "LC_MESSAGES": ""])
    try t.waitFor("今日联系")
    try t.send("5", "a")
    try t.waitFor("新增投诉")
    // dky is also inside an earlier customer's WeChat id: a name comes first.
    try choose(t, "dky", picks: "‹丁凯怡")
    try t.send("Tab")
    try choose(t, "dylm", picks: "‹店员冷漠›")
    try t.send("Tab")
    try t.type("上菜时没人理")
    try t.send("C-s")
    try t.waitFor("已记录投诉")
    try DingKaiyi.openVisitForm(t, id: id)
    try t.type("88.5")
    try t.send("Tab", "Tab")
    try choose(t, "下午茶", picks: "‹工作日下午茶时段")
    try t.send("Tab")
    try choose(t, "外卖", picks: "‹外卖›")
    try t.send("C-s")
    try t.waitFor("已记录 丁凯怡 的消费 ¥88.50")
    XCTAssertEqual(try t.quit(), 0)
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
