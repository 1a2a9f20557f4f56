import XCTest

@testable import LiuliangModel

final class PromotionEffectTests: XCTestCase {
  static let t = Day("2026-11-16")!  // a Monday

  static func visit(_ date: String, _ time: String, customer: Int32 = Visit.walkIn) -> Visit {
    Visit(customer: customer, date: Day(date)!, time: TimeOfDay(time)!)
  }

  /// Mondays 14:00–17:00 from 2026-11-02 (a Monday): 15 days to T, so k = 2 whole weeks;
  /// before = 2026-09-07 … 2026-11-01, since = 2026-11-02 … 2026-11-15.
  static func monday(start: String = "2026-11-02", end: String? = nil, window: Bool = true) -> Promotion {
    Promotion(
      id: "P1", name: "", kind: .offpeak, weekdays: [1],
      window: window ? ClosedOpenTime(from: TimeOfDay("14:00")!, to: TimeOfDay("17:00")!) : nil,
      start: Day(start)!, end: end.map { Day($0)! })
  }

  static let log: VisitLog = [
    visit("2026-10-26", "15:00"),  // before, in (a Monday)
    visit("2026-10-19", "14:00", customer: 0),  // before, in: the window's first minute, a customer
    visit("2026-10-19", "17:00"),  // before, out: exactly `to` is outside
    visit("2026-10-27", "15:00"),  // before, out: a Tuesday
    visit("2026-10-26", "12:00"),  // before, out: before the window
    visit("2026-09-06", "15:00"),  // 57 days before the start: in no span
    visit("2026-11-02", "16:59"),  // since, in
    visit("2026-11-09", "14:30"),  // since, in
    visit("2026-11-09", "15:30"),  // since, in
    visit("2026-11-03", "15:00"),  // since, out: a Tuesday
    visit("2026-11-09", "17:00"),  // since, out: exactly `to`
    visit("2026-11-16", "15:00"),  // T: in the third week, which is not whole
    visit("2026-11-17", "15:00"),  // after T
  ]

  func testCountsInAndOutOfItsHoursAndTheLift() {
    let e = PromotionEffect.all([Self.monday()], visits: Self.log, today: Self.t)[0]
    XCTAssertEqual(e.state, .measured)
    XCTAssertEqual(e.weeksSince, 2)
    XCTAssertEqual([e.inBefore, e.outBefore, e.inSince, e.outSince], [2, 3, 3, 2])
    XCTAssertEqual(e.beforePerWeek, 0.25)  // 2 ÷ 8
    XCTAssertEqual(e.sincePerWeek, 1.5)  // 3 ÷ 2
    // (3 × 3) ÷ (2 × 2) − 1
    XCTAssertEqual(e.lift, 1.25)
    XCTAssertFalse(e.tooEarly)
  }

  func testStartedTenDaysAgoIsTooEarly() {
    // 2026-11-07 … 2026-11-16 is 10 days: one whole week, 2026-11-07 … 2026-11-13. Its one
    // Monday, 2026-11-09, has two visits in the hours and one at 17:00.
    let e = PromotionEffect.all([Self.monday(start: "2026-11-07")], visits: Self.log, today: Self.t)[0]
    XCTAssertEqual(e.weeksSince, 1)
    XCTAssertEqual([e.inSince, e.outSince], [2, 1])
    XCTAssertEqual(e.sincePerWeek, 2)
    XCTAssertNil(e.lift)
    XCTAssertTrue(e.tooEarly)
  }

  func testSinceStopsAtTheEnd() {
    // Ended 2026-11-08: 7 days from the start, one week, 2026-11-02 … 2026-11-08; the visits of
    // 2026-11-09 are after it.
    let e = PromotionEffect.all([Self.monday(end: "2026-11-08")], visits: Self.log, today: Self.t)[0]
    XCTAssertEqual(e.weeksSince, 1)
    XCTAssertEqual([e.inBefore, e.outBefore, e.inSince, e.outSince], [2, 3, 1, 1])
    XCTAssertNil(e.lift, "one week is too early")
  }

  func testNoWindowNoStartNotStartedAndEmptyCounts() {
    let t = Self.t
    var noStart = Self.monday()
    noStart.start = nil
    let effects = PromotionEffect.all(
      [Self.monday(window: false), noStart, Self.monday(start: "2026-11-17"), Self.monday()], visits: [],
      today: t)
    XCTAssertEqual(effects.map(\.state), [.noWindow, .noStart, .notStarted, .measured])
    XCTAssertEqual(effects.map(\.lift), [nil, nil, nil, nil])
    XCTAssertEqual(effects.map(\.beforePerWeek), [nil, nil, nil, 0])
    // Two whole weeks but no visit at all: every count is 0, so no lift.
    XCTAssertEqual(effects[3].weeksSince, 2)
    XCTAssertTrue(effects[3].tooEarly)
  }

  func testAnEmptyFromIsMidnightInTheAnalysis() {
    // from empty, to 15:00 (read so by the codec): 00:00–15:00 on Mondays.
    let p = Promotion(
      id: "P", name: "", kind: .offpeak, weekdays: [1],
      window: ClosedOpenTime(from: TimeOfDay(minutes: 0), to: TimeOfDay("15:00")!), start: Day("2026-11-02")!)
    var f = Fixture()
    f.ds.promotions = [p]
    f.ds.visits = Self.log
    let a = f.analysis()
    // before in: 10-26 15:00 no, 10-19 14:00 yes, 10-26 12:00 yes; out: the other two.
    // since in: 11-09 14:30 yes; 11-02 16:59, 11-09 15:30, 11-03, 11-09 17:00 out.
    XCTAssertEqual(a.effects.map { [$0.inBefore, $0.outBefore, $0.inSince, $0.outSince] }, [[2, 3, 1, 4]])
    XCTAssertEqual(a.effects[0].lift!, (1.0 * 3) / (2 * 4) - 1, accuracy: 1e-12)
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
    // All promotions' sizes in one walk, the pool cut in any number of parts.
    f.ds.promotions = [Audience.everyone, .vip, .members].map {
      Promotion(id: "P", name: "p", kind: .offpeak, audience: $0)
    }
    for parts in 1...5 {
      XCTAssertEqual(Analysis.audienceSizes(f.ds, a.segments, parts: parts), [3, 2, 1], "\(parts) parts")
    }
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
