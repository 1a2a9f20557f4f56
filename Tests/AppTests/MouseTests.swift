import LiuliangApp
import LiuliangModel
import LiuliangRender
import XCTest

/// Clicks and the wheel through the update function, at the cells the 80×24 screen shows
/// things in (worked out from the layout: the tab labels on line 0, the Customers table's
/// header on line 2, the heatmap's weekday rows from line 3 with the hour columns 6 cells wide
/// from column 6).
final class MouseTests: XCTestCase {
  func click(_ s: inout AppState, x: Int, y: Int) -> [Effect] {
    update(&s, .mouse(Mouse(.press, x: x, y: y))) + update(&s, .mouse(Mouse(.release, x: x, y: y)))
  }

  func testClickATabSwitchesPanes() {
    var s = Demo.state()
    // " 留量 " (6 cells), a gap, then " 1 今日 " (8), " 2 客户 " (8), " 3 朋友圈 " (10), …
    _ = click(&s, x: 7, y: 0)
    XCTAssertEqual(s.pane, .today)
    _ = click(&s, x: 15, y: 0)
    XCTAssertEqual(s.pane, .customers)
    _ = click(&s, x: 32, y: 0)
    XCTAssertEqual(s.pane, .moments)
    _ = click(&s, x: 33, y: 0)
    XCTAssertEqual(s.pane, .promotions)
    _ = click(&s, x: 3, y: 0)
    XCTAssertEqual(s.pane, .promotions, "the program's name is no tab")
  }

  func testClickARowSelectsItAndClickingAgainOpensIt() {
    var s = Demo.state()
    _ = update(&s, .key(.char("2")))
    _ = click(&s, x: 10, y: 2)
    XCTAssertEqual(s.customersPane.cursor.index, 0, "the header line selects nothing")
    _ = click(&s, x: 10, y: 5)
    XCTAssertEqual(s.customersPane.cursor.index, 2)
    XCTAssertNil(s.customersPane.detail)
    _ = click(&s, x: 10, y: 5)
    XCTAssertEqual(s.customersPane.detail, s.customersPane.list.order[2])
  }

  func testTheWheelScrollsTheCustomersListAndHelp() {
    var s = Demo.state()
    _ = update(&s, .key(.char("2")))
    _ = update(&s, .mouse(Mouse(.wheelDown, x: 10, y: 10)))
    _ = update(&s, .mouse(Mouse(.wheelDown, x: 10, y: 10)))
    XCTAssertEqual(s.customersPane.cursor.index, 6)
    _ = update(&s, .mouse(Mouse(.wheelUp, x: 10, y: 10)))
    XCTAssertEqual(s.customersPane.cursor.index, 3)
    _ = update(&s, .key(.char("?")))
    _ = update(&s, .mouse(Mouse(.wheelDown, x: 10, y: 10)))
    XCTAssertEqual(s.overlay, .help(offset: 3))
  }

  func testClickAHeatmapCellSelectsIt() {
    var s = Demo.state()
    _ = update(&s, .key(.char("4")))
    // Line 8 is Saturday (the 6th weekday row from line 3). The 12 open hours (10–21) share
    // the 73 cells right of the weekday names (78 inside the border, less 4 and a gap): 6 each
    // from column 6, so columns 18–23 are the third hour, 12.
    _ = click(&s, x: 20, y: 8)
    XCTAssertTrue(s.promotionsPane.heatFocus)
    XCTAssertEqual(s.promotionsPane.heatWeekday, 6)
    XCTAssertEqual(s.promotionsPane.heatHour, 12)
    _ = click(&s, x: 3, y: 8)
    XCTAssertEqual(s.promotionsPane.heatHour, 12, "a weekday label is no cell")
  }

  func testHelpSaysWhatTheMouseDoes() {
    var s = Demo.state("en", width: 120, height: 60)
    _ = update(&s, .key(.char("?")))
    let screen = Demo.lines(s).joined(separator: "\n")
    XCTAssertTrue(screen.contains("Mouse"), screen)
    XCTAssertTrue(screen.contains("click a tab"), screen)
    XCTAssertTrue(screen.contains("Ctrl-Z"), screen)
  }
}
