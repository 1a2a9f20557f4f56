import LiuliangApp
import LiuliangModel
import LiuliangRender
import XCTest

/// Clicks in the Today and Churn lists, the Moments week, a picker and a form, at the cells the
/// 80×24 screen shows them in (worked out from the layout in each test).
final class MouseListTests: XCTestCase {
  func click(_ s: inout AppState, x: Int, y: Int) {
    _ = update(&s, .mouse(Mouse(.press, x: x, y: y)))
    _ = update(&s, .mouse(Mouse(.release, x: x, y: y)))
  }

  /// Today: tiles on lines 1–6, the list's border on 7, its filter bar on 8, header on 9, and
  /// its first entry on line 10.
  func testTodayRowSelectsAndAgainOpensTheCustomer() {
    var s = Demo.state()
    let entry = 4
    guard let who = s.analysis.reachOut[s.todayPane.queue.entries[entry]].customer else {
      return XCTFail("the demo's fifth entry has a customer")
    }
    click(&s, x: 10, y: 8)
    XCTAssertEqual(s.todayPane.reach.index, 0, "the filter bar selects nothing")
    click(&s, x: 10, y: 14)
    XCTAssertEqual(s.todayPane.reach.index, entry)
    XCTAssertEqual(s.pane, .today)
    click(&s, x: 10, y: 14)
    XCTAssertEqual(s.pane, .customers)
    XCTAssertEqual(s.customersPane.detail, who)
  }

  /// Churn: the body is lines 1–22; the retention band takes the last 8, the at-risk box the
  /// right half of lines 1–9 (header on 2, first row on 3), the complaint log lines 10–14
  /// (first row on 11).
  func testChurnRowsAndBoxesTakeClicks() {
    var s = Demo.state()
    _ = update(&s, .key(.char("5")))
    click(&s, x: 50, y: 5)
    XCTAssertFalse(s.churnPane.complaintFocus)
    XCTAssertEqual(s.churnPane.atRisk.index, 2)
    click(&s, x: 50, y: 12)
    XCTAssertTrue(s.churnPane.complaintFocus, "a click in the log gives it the focus")
    XCTAssertEqual(s.churnPane.complaints.index, 1)
    click(&s, x: 50, y: 4)
    XCTAssertFalse(s.churnPane.complaintFocus)
    XCTAssertEqual(s.churnPane.atRisk.index, 1)
  }

  /// Moments: the week box is lines 1–10; inside it the day names on line 2, slot k on line
  /// 3 + k, the slot column 6 wide from column 1, then days 10 columns wide from column 7.
  func testMomentsSlotAndDayTakeClicks() {
    var s = Demo.state()
    _ = update(&s, .key(.char("3")))
    click(&s, x: 30, y: 4)
    XCTAssertEqual(s.momentsPane.day, 2)
    XCTAssertEqual(s.momentsPane.slotRow, 1)
    click(&s, x: 48, y: 2)
    XCTAssertEqual(s.momentsPane.day, 4, "a day's name selects the day")
    XCTAssertEqual(s.momentsPane.slotRow, 1)
    click(&s, x: 3, y: 4)
    XCTAssertEqual(s.momentsPane.day, 4, "the slot column is no day")
  }

  /// The sort picker: 7 items in a box 30 wide and 9 high centred in lines 1–22, so items
  /// from line 8.
  func testPickerItemMovesAndAgainPicks() {
    var s = Demo.state()
    _ = update(&s, .key(.char("2")))
    _ = update(&s, .key(.char("s")))
    click(&s, x: 40, y: 11)
    guard case .picker(let p) = s.overlay else { return XCTFail("the picker stays open") }
    XCTAssertEqual(p.cursor, 3)
    click(&s, x: 40, y: 11)
    XCTAssertEqual(s.overlay, .none)
    XCTAssertEqual(s.customersPane.list.sort, .lastVisit)
  }

  /// A form: the line a field's label is on focuses it.
  func testFormFieldTakesTheFocus() {
    var s = Demo.state()
    _ = update(&s, .key(.char("2")))
    _ = update(&s, .key(.char("a")))
    let lines = Demo.lines(s)
    guard let y = lines.firstIndex(where: { $0.contains("生日") }) else { return XCTFail(lines.joined()) }
    click(&s, x: 40, y: y)
    guard case .form(let f) = s.overlay else { return XCTFail("the form stays open") }
    XCTAssertEqual(s.text[f.fields[f.focus].label], "生日")
    click(&s, x: 40, y: 0)
    guard case .form(let g) = s.overlay else { return XCTFail("a click outside leaves the form open") }
    XCTAssertEqual(g.focus, f.focus)
  }
}
