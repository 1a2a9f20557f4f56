import Foundation
import LiuliangStore
import LiuliangTestSupport
import XCTest

/// A customer the dashboard's form refuses (no name, a phone that is not a mobile number) is
/// refused by `import` too, and reported by `check` when it is written into customers.csv by hand.
final class OneValidationTests: XCTestCase {
  func testImportRejectsWhatTheFormRefusesWithTheReason() throws {
    let store = try Repo.demoCopy()
    let input = try Repo.tempFolder("in").appendingPathComponent("friends.csv")
    // Line 5 names the demo's C0001 by WeChat id: a merge takes its name from the store.
    try Data(
      """
      姓名,微信号,手机号,标签
      ,wx_no_name,13900000001,
      李四,wx_li4,abc,
      \u{3000} ,wx_spaces,,
      ,wxid_5bv9hlbwam,,新标签
      王五,wx_w5,139 0000 0005,

      """.utf8
    ).write(to: input)
    let r = try runLiuliang(["import", input.path, "--data", store.path, "--lang", "en"])
    XCTAssertEqual(r.status, 0, r.stderr)
    XCTAssertTrue(r.stdout.contains("line 2: 姓名 is empty"), r.stdout)
    XCTAssertTrue(r.stdout.contains("line 3: 手机号 \"abc\" is not a mobile number"), r.stdout)
    XCTAssertTrue(r.stdout.contains("line 4: 姓名 is empty"), r.stdout)

    let rejects = try String(
      contentsOf: input.deletingLastPathComponent().appendingPathComponent("friends.rejects.csv"),
      encoding: .utf8)
    // CRLF, for Excel: one Character in Swift, so split on any line end.
    let lines = rejects.split(whereSeparator: \.isNewline).map(String.init)
    guard lines.count == 4 else { return XCTFail("a header and three rejects: \(rejects)") }
    XCTAssertTrue(lines[1].hasPrefix(",wx_no_name,13900000001,") && lines[1].contains("is empty"), lines[1])
    XCTAssertTrue(lines[2].hasPrefix("李四,wx_li4,abc,") && lines[2].contains("not a mobile number"), lines[2])
    XCTAssertTrue(lines[3].contains("wx_spaces"), lines[3])

    let after = try Store(folder: store.path, mode: .readOnly)
    XCTAssertEqual(after.dataset.customers.count, 2001, "王五 added, nobody else")
    let added = try XCTUnwrap(after.dataset.customers.last)
    XCTAssertEqual([added.name, added.phone], ["王五", "13900000005"])
    XCTAssertEqual(after.dataset.customers[0].name, "薛文丹")
    XCTAssertEqual(after.dataset.customers[0].tags, ["新标签"], "the nameless row merged into C0001")
    XCTAssertEqual(after.problems, [], "nothing the form would refuse was written")
  }

  func testCheckReportsWhatTheFormRefusesAndTheRowsStayLoaded() throws {
    let store = try Repo.demoCopy()
    let customers = store.appendingPathComponent("customers.csv")
    var text = try String(contentsOf: customers, encoding: .utf8)
    // The header is line 1 and the demo has 2,000 customers: these are lines 2002–2005.
    text += "C9001,,wx_9001,13900000001,,,2026-11-01,friend,,,,,\n"
    text += "C9002,李四,,abc,,,2026-11-01,friend,,,,,\n"
    text += "C9003,王五,,139-0000-0003,,,2026-11-01,friend,,,,,\n"
    text += "C9004,赵六,,2390000000,,,2026-11-01,friend,,,,,\n"
    try text.write(to: customers, atomically: true, encoding: .utf8)

    let r = try runLiuliang(["check", "--data", store.path, "--lang", "en"])
    XCTAssertEqual(r.status, 1, r.stdout)
    XCTAssertTrue(r.stdout.contains("customers.csv:2002: field name is empty but required"), r.stdout)
    XCTAssertTrue(r.stdout.contains("customers.csv:2003: phone \"abc\" is not a mobile number"), r.stdout)
    XCTAssertTrue(
      r.stdout.contains("customers.csv:2005: phone \"2390000000\" is not a mobile number"), r.stdout)
    XCTAssertFalse(r.stdout.contains("customers.csv:2004"), "139-0000-0003 is what the form takes")
    XCTAssertTrue(r.stdout.contains("3 problems"), r.stdout)

    let s = try Store(folder: store.path, mode: .readOnly)
    XCTAssertEqual(s.dataset.customers.count, 2004, "reported, not dropped: the owner fixes them in the form")
  }
}
