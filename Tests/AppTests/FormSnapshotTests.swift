import Foundation
import LiuliangApp
import LiuliangModel
import LiuliangRender
import XCTest

/// Every form on the demo shop at 80×24 and 120×40, in Chinese and English, compared with the approved
/// screens in Snapshots/. `LIULIANG_RECORD=1` writes them anew for review.
final class FormSnapshotTests: XCTestCase {
  func check(
    _ name: String, _ keys: [Key], lang: String, width w: Int = 80, height h: Int = 24,
    file: StaticString = #filePath, line: UInt = #line
  ) {
    var s = Demo.state(lang, width: w, height: h)
    for k in keys { _ = update(&s, .key(k)) }
    guard case .form = s.overlay else { return XCTFail("\(name): no form", file: file, line: line) }
    let lines = Demo.lines(s)
    XCTAssertEqual(lines.count, h, file: file, line: line)
    for (i, l) in lines.enumerated() {
      XCTAssertEqual(referenceWidth(l), w, "row \(i): \(l)", file: file, line: line)
    }
    let url = SnapshotTests.folder.appendingPathComponent("form-\(name)-\(lang)-\(w)x\(h).txt")
    let text = lines.joined(separator: "\n") + "\n"
    if ProcessInfo.processInfo.environment["LIULIANG_RECORD"] == "1" {
      try? text.write(to: url, atomically: true, encoding: .utf8)
      return
    }
    guard let want = try? String(contentsOf: url, encoding: .utf8) else {
      return XCTFail("no approved snapshot \(url.lastPathComponent)", file: file, line: line)
    }
    XCTAssertEqual(text, want, url.lastPathComponent, file: file, line: line)
  }

  /// The ids of every choice show as words: no friend, dine-in, sourcing, planned, offpeak,
  /// everyone, 1/0 or P01 anywhere on the screen.
  func testEveryFormShowsWords() {
    let forms: [(String, [Key])] = [
      ("customer", [.char("2"), .char("a"), .tab, .tab, .tab]),
      ("visit", [.char("2"), .char("v"), .tab, .tab, .right]),
      ("complaint", [.char("5"), .char("a"), .tab]),
      ("post", [.char("3"), .char("a"), .tab, .tab, .tab, .char(" ")]),
      ("promotion", [.char("4"), .char("a"), .tab, .tab, .tab]),
    ]
    for lang in ["zh-Hans", "en"] {
      for (name, keys) in forms {
        check(name, keys, lang: lang)
        check(name, keys, lang: lang, width: 120, height: 40)
      }
    }
  }

  /// A refused save goes to the first bad field and marks it with ✗, which needs no colour.
  func testARefusedSaveMarksTheFirstBadField() {
    var s = Demo.state("en", width: 80, height: 24)
    for k: Key in [.char("2"), .char("a"), .tab, .tab] { _ = update(&s, .key(k)) }
    for c in "123" { _ = update(&s, .key(.char(c))) }
    _ = update(&s, .key(.ctrl("s")))
    guard case .form(let f) = s.overlay else { return XCTFail("the form stays open") }
    XCTAssertEqual(f.focus, 0, "the empty name comes first")
    let screen = Demo.lines(s).joined(separator: "\n")
    XCTAssertTrue(screen.contains("✗" + s.text["field.name"]), screen)
    XCTAssertTrue(screen.contains("✗" + s.text["field.phone"]), screen)
  }
}
