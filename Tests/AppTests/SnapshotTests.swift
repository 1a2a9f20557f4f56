import Foundation
import LiuliangApp
import LiuliangModel
import LiuliangRender
import XCTest

/// Every pane on the demo shop at 80×24 and 120×40, compared line by line with the approved
/// screens in Snapshots/. `LIULIANG_RECORD=1 swift test` writes them anew for review.
final class SnapshotTests: XCTestCase {
  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
    "Snapshots")

  func check(
    _ pane: Pane, _ w: Int, _ h: Int, lang: String = "zh-Hans", detail: Int? = nil,
    file: StaticString = #filePath,
    line: UInt = #line
  ) {
    var s = Demo.state(lang, width: w, height: h)
    s.pane = pane
    s.customersPane.detail = detail
    let lines = Demo.lines(s)
    // Whatever the content, every row fills the terminal exactly, Chinese counted as two cells.
    XCTAssertEqual(lines.count, h, file: file, line: line)
    for (i, l) in lines.enumerated() {
      XCTAssertEqual(referenceWidth(l), w, "row \(i): \(l)", file: file, line: line)
    }
    let name = "\(pane)\(detail.map { "-detail\($0)" } ?? "")-\(lang)-\(w)x\(h).txt"
    let url = Self.folder.appendingPathComponent(name)
    let text = lines.joined(separator: "\n") + "\n"
    if ProcessInfo.processInfo.environment["LIULIANG_RECORD"] == "1" {
      try? FileManager.default.createDirectory(at: Self.folder, withIntermediateDirectories: true)
      try? text.write(to: url, atomically: true, encoding: .utf8)
      return
    }
    guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
      XCTFail(
        "no approved snapshot \(name); record with LIULIANG_RECORD=1 and review it", file: file, line: line)
      return
    }
    let want = expected.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    for (i, l) in lines.enumerated() where i < want.count && want[i] != l {
      XCTFail("\(name) row \(i):\n got  \(l)\n want \(want[i])", file: file, line: line)
      return
    }
  }

  func testEveryPaneAt80x24() { for p in Pane.allCases { check(p, 80, 24) } }
  func testEveryPaneAt120x40() { for p in Pane.allCases { check(p, 120, 40) } }
  func testEnglishAt80x24() { for p in Pane.allCases { check(p, 80, 24, lang: "en") } }

  /// A customer with visits, a complaint and notes: the first reach-out customer of the demo.
  func testCustomerDetailAt80x24() {
    let who = Demo.state().analysis.reachOut[0].customer!
    check(.customers, 80, 24, detail: who)
    check(.customers, 80, 24, lang: "en", detail: who)
  }

  /// Facts on the Today screen that the test works out itself from seeds/.
  func testTodayShowsThePoolAndAllPanes() throws {
    let csv = try String(contentsOf: Demo.root.appendingPathComponent("seeds/customers.csv"), encoding: .utf8)
    let pool = csv.split(separator: "\n").count - 1
    let lines = Demo.lines(Demo.state())
    XCTAssertTrue(lines[0].contains("1 今日") && lines[0].contains("5 流失"))
    XCTAssertTrue(lines[3].contains(" \(pool) "), lines[3])
    XCTAssertTrue(lines[23].contains("老王家常菜") && lines[23].contains("2026-11-16"), lines[23])
  }

  func testSmallTerminalGetsAMessage() {
    let lines = Demo.lines(Demo.state("en", width: 60, height: 20))
    XCTAssertTrue(lines.joined().contains("It needs 80×24; this one is 60×20."))
  }

  func testHelpOverlayListsThePaneKeys() {
    var s = Demo.state("en")
    s.overlay = .help(offset: 0)
    let text = Demo.lines(s).joined(separator: "\n")
    XCTAssertTrue(text.contains("open this customer"))
    // Each section's keys column is as wide as its own widest keys, then a gap of 2: among the
    // keys of every pane that is "Shift-Tab" (9 cells), so Tab's text starts 8 cells after it;
    // among the commands ":import FILE [KIND]" (19 cells).
    XCTAssertTrue(text.contains("│ Tab" + String(repeating: " ", count: 8) + "next box of this pane"), text)
    var tall = Demo.state("en", width: 100, height: 70)
    tall.overlay = .help(offset: 0)
    let all = Demo.lines(tall).joined(separator: "\n")
    XCTAssertTrue(all.contains("│ :import FILE [KIND]  import customers"), all)
    XCTAssertTrue(all.contains("│ :mask" + String(repeating: " ", count: 16) + "hide or show"), all)
  }
}
