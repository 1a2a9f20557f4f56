import LiuliangModel
import LiuliangRender
import LiuliangText
import XCTest

@testable import LiuliangApp

/// Logging a visit from the dashboard, taking it back and logging it again count the visit in
/// and out of the figures: no figure is worked out again (`ModelWork` stays), and everything
/// the panes read is what loading the same data afresh gives.
final class VisitLoggingTests: XCTestCase {
  func testLoggingUndoingAndRedoingAVisitWorkOutNoFigureAgain() {
    var s = Demo.state("en")
    _ = update(&s, .key(.char("2")))
    s.customersPane.list.sort = .spend
    s.customersPane.list.descending = true
    s.customersPane.list.refresh(s.dataset, s.analysis, search: s.customersPane.search)
    let logged = s.dataset.visits.count
    for (round, amount) in ["58", "3000", "12", "800", "99999"].enumerated() {
      // At-risk customers (they leave the list), one at the frequency cut, anyone.
      let a = s.analysis
      let atCut = a.figures.indices.first {
        a.figures[$0].frequency == a.frequencyCut && a.segments[$0] != .superUser
      }
      let who = [a.atRiskBySpend.first, a.atRiskBySpend.last, atCut, 7, a.atRiskBySpend.dropFirst(3).first][
        round]!
      s.customersPane.cursor.jump(
        to: s.customersPane.list.order.firstIndex(of: who)!, visible: Layouts.customerRows(s))
      let before = ModelWork.count
      _ = update(&s, .key(.char("v")))
      // The form's amount starts empty; the date and time are today's and the clock's.
      for ch in amount { _ = update(&s, .key(.char(ch))) }
      _ = update(&s, .key(.ctrl("s")))
      XCTAssertEqual(s.dataset.visits.count, logged + round + 1, "round \(round): no visit logged")
      XCTAssertEqual(s.dataset.visits.last?.customer, Int32(who))
      XCTAssertEqual(ModelWork.count, before, "logging a visit worked out figures again")
      Self.assertAsIfLoaded(s, "after visit \(round)")
    }
    // Filtered to the at-risk, unsorted: the one whose visit brings them back leaves the rows.
    s.customersPane.list.sort = nil
    s.customersPane.list.filters = [.segment: Segment.atRisk.rawValue]
    s.refreshList()
    s.customersPane.cursor.jump(to: 0, visible: Layouts.customerRows(s))
    let first = s.currentCustomer
    for key in [Key.char("v"), .char("8"), .char("0"), .ctrl("s")] { _ = update(&s, .key(key)) }
    XCTAssertEqual(s.dataset.visits.last?.customer, first.map(Int32.init))
    XCTAssertFalse(
      s.customersPane.list.order.contains(first!), "a customer back from risk is still listed as at risk")
    Self.assertAsIfLoaded(s, "after a visit of an at-risk customer")
    for key in [Key.char("u"), .char("u"), .ctrl("r")] {
      let before = ModelWork.count
      _ = update(&s, .key(key))
      XCTAssertEqual(ModelWork.count, before, "\(key.label) on a visit worked out figures again")
      Self.assertAsIfLoaded(s, "after \(key.label)")
    }
    XCTAssertEqual(s.dataset.visits.count, logged + 5)
  }

  /// What the panes read, against a state made from the same data.
  static func assertAsIfLoaded(_ s: AppState, _ what: String, line: UInt = #line) {
    var fresh = AppState(
      dataset: s.dataset, problems: s.problems, today: s.today, folder: s.folder, text: s.text,
      width: s.width,
      height: s.height)
    fresh.customersPane.list.sort = s.customersPane.list.sort
    fresh.customersPane.list.descending = s.customersPane.list.descending
    fresh.customersPane.list.filters = s.customersPane.list.filters
    fresh.customersPane.list.refresh(fresh.dataset, fresh.analysis, search: fresh.customersPane.search)
    VisitCountingTests.assertSame(s.analysis, s.trends, s.dataset, s.today, what, line: line)
    XCTAssertEqual(
      s.todayPane.queue.entries, fresh.todayPane.queue.entries, "reach-out queue, \(what)", line: line)
    XCTAssertEqual(
      s.todayPane.queue.counts, fresh.todayPane.queue.counts, "reach-out counts, \(what)", line: line)
    XCTAssertEqual(
      s.customersPane.list.order, fresh.customersPane.list.order, "customers by spend, \(what)", line: line)
    let (mine, theirs) = (s.customersPane.list.orders!, fresh.customersPane.list.orders!)
    for c in CustomerList.Column.allCases {
      XCTAssertEqual(mine.order[c.rawValue], theirs.order[c.rawValue], "\(c) order, \(what)", line: line)
    }
    for d in [CustomerList.Dimension.segment, .onlyOnDiscount] {
      XCTAssertEqual(
        mine.choices[d]!.map(\.count), theirs.choices[d]!.map(\.count), "\(d) choices, \(what)", line: line)
    }
    XCTAssertEqual(s.trends, fresh.trends, "trends, \(what)", line: line)
    if let d = s.customersPane.detail {
      XCTAssertEqual(s.customerVisits.of(d), fresh.customerVisits.of(d), what, line: line)
    }
  }
}
