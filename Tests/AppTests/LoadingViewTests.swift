import LiuliangApp
import LiuliangRender
import LiuliangStore
import LiuliangText
import XCTest

/// The loading screen: a line per file begun, full once read, the figures' line, the chosen pane.
final class LoadingViewTests: XCTestCase {
  func lines(_ l: Loading, _ lang: String = "en") -> [String] {
    var buf = Buffer(width: 80, height: 24)
    drawLoading(l, text: Text(language: lang), into: &buf)
    return buf.lines()
  }

  func testEachFileGetsABarFullOnceRead() {
    var l = Loading()
    l.note(LoadStep(file: "customers.csv", bytes: 138_153_294, done: false))
    var screen = lines(l)
    let row = screen.first { $0.contains("customers.csv") }!
    XCTAssertTrue(row.contains("138.1 MB"), row)
    XCTAssertFalse(row.contains("█"), row)
    l.note(LoadStep(file: "customers.csv", bytes: 138_153_294, done: true))
    l.note(LoadStep(file: "visits.csv", bytes: 4_200, done: false))
    screen = lines(l)
    XCTAssertTrue(screen.first { $0.contains("customers.csv") }!.contains("████"))
    XCTAssertTrue(screen.first { $0.contains("visits.csv") }!.contains("5 kB"))
    XCTAssertFalse(screen.joined().contains("Working out the figures"))
    l.computing = true
    XCTAssertTrue(lines(l).joined().contains("Working out the figures"))
    XCTAssertTrue(lines(l, "zh-Hans").joined().contains("正在计算各项数字"))
    XCTAssertTrue(screen[23].hasPrefix("q quit · 1–5, Tab"), screen[23])
  }

  func testKeysChooseThePaneAndQQuits() {
    var l = Loading()
    XCTAssertFalse(l.key(.char("3")))
    XCTAssertEqual(l.pane, .moments)
    XCTAssertFalse(l.key(.tab))
    XCTAssertEqual(l.pane, .promotions)
    XCTAssertFalse(l.key(.backTab))
    XCTAssertFalse(l.key(.backTab))
    XCTAssertEqual(l.pane, .customers)
    XCTAssertFalse(l.key(.char("j")))
    XCTAssertEqual(l.pane, .customers)
    XCTAssertTrue(l.key(.char("q")))
    XCTAssertTrue(l.key(.ctrl("c")))
  }
}
