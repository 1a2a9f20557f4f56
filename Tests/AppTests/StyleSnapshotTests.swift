import Foundation
import LiuliangApp
import LiuliangRender
import XCTest

/// The Promotions and Churn panes' styles, cell by cell, in colour (one letter per role) and as
/// a monochrome terminal or NO_COLOR shows them (the attributes that stand for each role).
final class StyleSnapshotTests: XCTestCase {
  static let roleLetter: [Role: Character] = [
    .normal: " ", .title: "t", .accent: "a", .good: "g", .warn: "w", .bad: "b", .dim: "d", .selection: "s",
    .header: "h", .status: "S",
  ]

  /// Bold 1, underline 2, reverse 4, dim 8, written as one hex digit; a space for none.
  static func monoDigit(_ st: Style) -> Character {
    let m = st.role.monochrome
    var v = 0
    if m.bold || st.bold { v |= 1 }
    if m.underline || st.underline { v |= 2 }
    if m.reverse || st.reverse { v |= 4 }
    if m.dim || st.dim { v |= 8 }
    return v == 0 ? " " : Array("0123456789abcdef")[v]
  }

  func layers(_ pane: Pane, _ w: Int, _ h: Int) -> (colour: [String], mono: [String], text: [String]) {
    var s = Demo.state(width: w, height: h)
    s.pane = pane
    var buf = Buffer(width: w, height: h)
    view(s, into: &buf)
    var colour: [String] = []
    var mono: [String] = []
    for y in 0..<h {
      var c = ""
      var m = ""
      for x in 0..<w where !buf[x, y].isContinuation {
        let st = buf[x, y].style
        c.append(Self.roleLetter[st.role]!)
        m.append(Self.monoDigit(st))
      }
      colour.append(c)
      mono.append(m)
    }
    return (colour, mono, buf.lines())
  }

  func check(_ pane: Pane, _ w: Int, _ h: Int, file: StaticString = #filePath, line: UInt = #line) {
    let (colour, mono, _) = layers(pane, w, h)
    for (kind, rows) in [("colour", colour), ("mono", mono)] {
      let name = "\(pane)-\(kind)-\(w)x\(h).txt"
      let url = SnapshotTests.folder.appendingPathComponent(name)
      let text = rows.joined(separator: "\n") + "\n"
      if ProcessInfo.processInfo.environment["LIULIANG_RECORD"] == "1" {
        try? text.write(to: url, atomically: true, encoding: .utf8)
        continue
      }
      let want = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
      XCTAssertEqual(
        text, want, "\(name) differs; record with LIULIANG_RECORD=1 and review", file: file, line: line)
    }
  }

  func testPromotionsAndChurnInColourAndMonochrome() {
    for (w, h) in [(80, 24), (120, 40)] {
      check(.promotions, w, h)
      check(.churn, w, h)
    }
  }

  /// Without colour, an uncovered off-peak cell, a covered one and a peak one still differ: by
  /// their glyph (-, ✓, +) and by their attributes.
  func testHeatmapDistinctionsSurviveWithoutColour() {
    let (_, mono, text) = layers(.promotions, 80, 24)
    let saturday = text.firstIndex { $0.hasPrefix("│周六") }!
    let monday = text.firstIndex { $0.hasPrefix("│周一") }!
    let header = text.first { $0.contains("10    11    12") }!
    let hours = header.dropFirst().split(separator: " ").compactMap { Int($0) }
    // Column of hour h's mark: the border, the 4-cell label and a space, then 6 cells per hour
    // (12 hours share 73 cells), the mark third.
    func mid(_ h: Int) -> Int { 1 + 5 + 6 * hours.firstIndex(of: h)! + 2 }
    func glyph(_ row: Int, _ h: Int) -> Character {
      Array(text[row].unicodeScalars.map(Character.init))[mid(h) - 2]
    }
    func attr(_ row: Int, _ h: Int) -> Character { Array(mono[row])[mid(h) - 2] }
    // Saturday 14:00 off-peak and uncovered, Monday 15:00 off-peak and covered by P01, Monday
    // 12:00 peak (the demo's lunch rush).
    let cells = [(saturday, 14), (monday, 15), (monday, 12)]
    XCTAssertEqual(Set(cells.map { glyph($0.0, $0.1) }).count, 3, "\(cells.map { glyph($0.0, $0.1) })")
    XCTAssertEqual(Set(cells.map { attr($0.0, $0.1) }).count, 3, "\(cells.map { attr($0.0, $0.1) })")
  }
}
