import LiuliangApp
import LiuliangModel
import LiuliangRender
import XCTest

/// Enter opens a customer from Today or Churn; Esc (or Backspace) goes back to where it was.
final class BackStackTests: XCTestCase {
  func testEnterOnAReachOutEntryThenEscShowsTodayWithTheSameEntry() {
    var s = Demo.state()
    press(&s, .char("j"), .char("j"))
    let c = s.currentReach!.customer!
    press(&s, .enter)
    XCTAssertEqual(s.pane, .customers)
    XCTAssertEqual(s.customersPane.detail, c)
    let status = Demo.lines(s).last!
    XCTAssertTrue(status.contains("今日 › " + s.dataset.customers[c].name), status)
    press(&s, .escape)
    XCTAssertEqual(s.pane, .today)
    XCTAssertEqual(s.todayPane.reach.index, 2)
    XCTAssertNil(s.customersPane.detail)
    XCTAssertFalse(Demo.lines(s).last!.contains("›"))
  }

  func testBackspaceFromAnAtRiskCustomerReturnsToChurn() {
    var s = Demo.state()
    press(&s, .char("5"), .char("j"), .char("j"), .char("j"), .enter)
    XCTAssertEqual(s.pane, .customers)
    XCTAssertEqual(s.customersPane.detail, s.atRiskList[3])
    press(&s, .backspace)
    XCTAssertEqual(s.pane, .churn)
    XCTAssertEqual(s.churnPane.atRisk.index, 3)
  }

  func testOpeningInTheTableStillClosesToTheTable() {
    var s = Demo.state()
    press(&s, .char("2"), .char("j"), .enter)
    XCTAssertNotNil(s.customersPane.detail)
    press(&s, .escape)
    XCTAssertEqual(s.pane, .customers)
    XCTAssertNil(s.customersPane.detail)
    XCTAssertEqual(s.customersPane.cursor.index, 1)
  }

  func testSwitchingPanesForgetsTheWayBack() {
    var s = Demo.state()
    press(&s, .enter, .char("2"), .escape)
    XCTAssertEqual(s.pane, .customers, "the owner chose pane 2 themselves")
    XCTAssertNil(s.customersPane.detail)
  }

  func testTheCustomersFilterComesBackWithEsc() {
    var s = Demo.state()
    // The queue's first entries are complaints of walk-ins; the third has a customer.
    press(&s, .char("j"), .char("j"))
    let c = s.currentReach!.customer!
    _ = update(&s, .key(.char("2")))
    // A tier the reach-out customer is not in: opening them has to clear the filter.
    let tier = CustomerList.choices(.tier, s.dataset, s.analysis).map(\.0).first {
      $0 != s.dataset.customers[c].tier.rawValue
    }!
    s.customersPane.list.filters = [.tier: tier]
    s.refreshList()
    press(&s, .char("j"))
    let filtered = s.customersPane.list.order.count
    let row = s.customersPane.cursor.index
    s.pane = .today
    press(&s, .enter)
    XCTAssertEqual(s.customersPane.detail, c)
    XCTAssertEqual(s.customersPane.list.filters, [:])
    press(&s, .escape)
    XCTAssertEqual(s.pane, .today)
    XCTAssertEqual(s.customersPane.list.filters, [.tier: tier])
    XCTAssertEqual(s.customersPane.list.order.count, filtered)
    XCTAssertEqual(s.customersPane.cursor.index, row)
  }
}
