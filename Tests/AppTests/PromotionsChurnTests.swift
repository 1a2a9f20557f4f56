import LiuliangApp
import LiuliangModel
import LiuliangRender
import XCTest

/// The Promotions and Churn panes through the update function, on the demo shop.
final class PromotionsChurnTests: XCTestCase {
  func testAddAPromotionFromAnUncoveredHeatmapCellCoversIt() {
    var s = Demo.state()
    _ = press(&s, .char("4"), .tab)
    // Saturday 14:00 is off-peak in the demo and the weekend offer that covered it has ended.
    for _ in 0..<5 { _ = press(&s, .char("j")) }
    XCTAssertEqual(s.promotionsPane.heatWeekday, 6)
    XCTAssertEqual(s.promotionsPane.heatHour, 14)
    XCTAssertEqual(s.analysis.slots.slot(weekday: 6, hour: 14).level, .offPeak)
    XCTAssertEqual(s.analysis.slots.slot(weekday: 6, hour: 14).coveredBy, [])
    _ = press(&s, .char("a"))
    typed(&s, "周末下午茶")
    let effects = press(&s, .ctrl("s"))
    XCTAssertEqual(effects.count, 1)
    let p = s.dataset.promotions.last!
    XCTAssertEqual(p.id, "P07")
    XCTAssertEqual(p.weekdays, [6])
    XCTAssertEqual(p.window, ClosedOpenTime(from: TimeOfDay("14:00")!, to: TimeOfDay("15:00")!))
    XCTAssertEqual(p.start, Demo.today)
    XCTAssertEqual(s.analysis.slots.slot(weekday: 6, hour: 14).coveredBy, ["P07"])
    _ = press(&s, .char("u"))
    XCTAssertEqual(s.analysis.slots.slot(weekday: 6, hour: 14).coveredBy, [])
  }

  func testEndingAPromotionUncoversItsSlots() {
    var s = Demo.state()
    _ = press(&s, .char("4"))
    // P01 (first in the list) covers weekday afternoons.
    XCTAssertEqual(s.analysis.slots.slot(weekday: 1, hour: 15).coveredBy, ["P01"])
    _ = press(&s, .char("x"))
    XCTAssertEqual(s.dataset.promotions[0].end, Demo.today.adding(-1))
    XCTAssertEqual(s.analysis.slots.slot(weekday: 1, hour: 15).coveredBy, [])
  }

  /// Weekdays are chosen, never typed: a digit that names no day changes nothing, 周末 by its
  /// pinyin initials chooses Saturday and Sunday, and the file gets the days as numbers.
  func testWeekdaysAreChosenNotTyped() {
    var s = Demo.state()
    _ = press(&s, .char("4"), .char("a"))
    typed(&s, "x")
    _ = press(&s, .tab, .tab, .tab)
    typed(&s, "8")
    guard case .form(let f) = s.overlay else { return XCTFail("the form stays open") }
    XCTAssertEqual(f.fields[3].text, "")
    _ = press(&s, .ctrl("u"))
    typed(&s, "zm")
    XCTAssertEqual(press(&s, .ctrl("s")).count, 1)
    XCTAssertEqual(s.dataset.promotions.count, 7)
    XCTAssertEqual(s.dataset.promotions.last?.weekdays, [6, 7])
  }

  func testOnlyOnDiscountCustomersAreOneKeyAway() {
    var s = Demo.state()
    _ = press(&s, .char("4"), .char("o"))
    XCTAssertEqual(s.pane, .customers)
    XCTAssertEqual(Set(s.customersPane.list.order), Set(s.analysis.discount.onlyOnDiscount))
    XCTAssertFalse(s.customersPane.list.order.isEmpty)
  }

  func testWinBackLeavesTheReachOutList() {
    var s = Demo.state()
    _ = press(&s, .char("5"))
    let first = s.atRiskList[0]
    XCTAssertTrue(s.analysis.reachOut.contains { $0.customer == first })
    let contacts = s.dataset.contacts.count
    _ = press(&s, .char("b"))
    XCTAssertEqual(
      s.dataset.contacts.last,
      Contact(customer: s.dataset.customers[first].id, date: Demo.today, kind: .winBack))
    XCTAssertEqual(s.dataset.contacts.count, contacts + 1)
    XCTAssertNil(s.dataset.customers[first].winBackOn, "win_back_on is only read now")
    XCTAssertFalse(s.analysis.reachOut.contains { $0.customer == first && $0.kindID == "at_risk" })
    XCTAssertEqual(s.churnPane.atRisk.index, 1, "on to the next one")
    XCTAssertTrue(Demo.lines(s).contains { $0.contains("↺" + s.dataset.customers[first].name) })
    _ = press(&s, .char("u"))
    XCTAssertEqual(s.dataset.contacts.count, contacts)
    XCTAssertTrue(s.analysis.reachOut.contains { $0.customer == first })
  }

  func testResolveAComplaintAndUndo() {
    var s = Demo.state()
    _ = press(&s, .char("5"), .tab)
    XCTAssertTrue(s.churnPane.complaintFocus)
    let open = s.dataset.complaints.filter { !$0.resolved }.count
    _ = press(&s, .char("x"))
    XCTAssertEqual(s.dataset.complaints.filter { !$0.resolved }.count, open - 1)
    _ = press(&s, .char("u"))
    XCTAssertEqual(s.dataset.complaints.filter { !$0.resolved }.count, open)
  }

  func testRecordAComplaintLinkedToACustomerByName() {
    var s = Demo.state()
    let name = s.dataset.customers[s.atRiskList[0]].name
    _ = press(&s, .char("5"), .tab, .char("a"))
    typed(&s, name)
    _ = press(&s, .tab)
    typed(&s, "service_quality")
    _ = press(&s, .tab)
    typed(&s, "等了四十分钟")
    _ = press(&s, .ctrl("s"))
    let c = s.dataset.complaints.last!
    XCTAssertEqual(c.customer, s.dataset.customers[s.atRiskList[0]].id)
    XCTAssertEqual(c.reason, .serviceQuality)
    XCTAssertEqual(c.resolved, false)
    XCTAssertEqual(c.date, Demo.today)
  }
}
