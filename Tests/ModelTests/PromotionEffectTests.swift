import LiuliangModel
import XCTest

final class PromotionEffectTests: XCTestCase {
  /// A Monday 14:00–17:00 offer that started 2026-11-02 (a Monday), T = 2026-11-16: two full
  /// weeks since. Before it: 8 weeks from 2026-09-07. Visits are counted only on its weekday
  /// and inside its window.
  func testVisitsPerWeekBeforeAndSince() {
    let t = Day("2026-11-16")!
    let start = Day("2026-11-02")!
    let p = Promotion(
      id: "P1", name: "", kind: .offpeak, weekdays: [1],
      window: ClosedOpenTime(from: TimeOfDay("14:00")!, to: TimeOfDay("17:00")!), start: start)
    func visit(_ d: Day, _ time: String) -> Visit {
      Visit(customer: Visit.walkIn, date: d, time: TimeOfDay(time)!)
    }
    let visits = [
      visit(start.adding(-7), "15:00"),  // before, in the window
      visit(start.adding(-14), "14:00"),  // before, the window's first minute
      visit(start.adding(-14), "17:00"),  // the window is [14:00, 17:00): out
      visit(start.adding(-6), "15:00"),  // a Tuesday: out
      visit(start.adding(-57), "15:00"),  // 57 days before: outside the 8 weeks
      visit(start, "16:59"),  // since
      visit(start.adding(7), "14:30"),  // since
      visit(start.adding(7), "15:30"),  // since
      visit(t, "15:00"),  // T is in the third, partial week: not counted
    ]
    let e = PromotionEffect(p, visits: visits, today: t)!
    XCTAssertEqual(e.weeksBefore, 8)
    XCTAssertEqual(e.visitsBefore, 2)
    XCTAssertEqual(e.perWeekBefore, 0.25)
    // 2026-11-02 … 2026-11-16 is 15 days: two whole weeks.
    XCTAssertEqual(e.weeksSince, 2)
    XCTAssertEqual(e.visitsSince, 3)
    XCTAssertEqual(e.perWeekSince, 1.5)
  }

  func testNoStartOrNoWindowHasNoEffect() {
    let t = Day("2026-11-16")!
    XCTAssertNil(
      PromotionEffect(Promotion(id: "P", name: "", kind: .welcomeGift, start: t), visits: [], today: t))
    XCTAssertNil(
      PromotionEffect(
        Promotion(
          id: "P", name: "", kind: .offpeak,
          window: ClosedOpenTime(from: TimeOfDay("14:00")!, to: TimeOfDay("15:00")!)),
        visits: [], today: t))
  }

  func testReasonsThatStandOutAgainstTheBenchmark() {
    var f = Fixture()
    // 10 churned: competitor 3 (30% vs 9%: +21), staff 5 (50% vs 68%: below), service quality 2.
    for k in 0..<3 { f.customer("A\(k)", churned: 5, reason: .competitor) }
    for k in 0..<5 { f.customer("B\(k)", churned: 5, reason: .staffIndifference) }
    for k in 0..<2 { f.customer("C\(k)", churned: 5, reason: .serviceQuality) }
    XCTAssertEqual(f.analysis().churn.standsOut(), [.competitor, .serviceQuality])
  }

  func testAudienceSize() {
    var f = Fixture()
    f.customer("A", tier: .vip)
    f.customer("B", tier: .member)
    f.customer("C")
    f.customer("D", tier: .vip, churned: 3)
    let a = f.analysis()
    XCTAssertEqual(a.audienceSize(.everyone, f.ds), 3, "churned customers are not reached")
    XCTAssertEqual(a.audienceSize(.vip, f.ds), 2, "vip includes paid members")
    XCTAssertEqual(a.audienceSize(.members, f.ds), 1)
  }

  func testWinBackMarkKeepsAnAtRiskCustomerOffTheReachOutList() {
    var f = Fixture()
    let i = f.customer("R", visits: [100, 90, 80])
    XCTAssertEqual(f.analysis().reachOut.map(\.customer), [i])
    f.ds.customers[i].winBackOn = Fixture.t.adding(-29)
    XCTAssertEqual(f.analysis().reachOut.count, 0, "tried 29 days ago: still within 30 days")
    f.ds.customers[i].winBackOn = Fixture.t.adding(-30)
    XCTAssertEqual(f.analysis().reachOut.map(\.customer), [i])
  }
}
