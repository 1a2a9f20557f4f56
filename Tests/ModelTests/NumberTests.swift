import LiuliangModel
import XCTest

/// The shop-wide numbers of PRODUCT.md on fixtures small enough to count by hand.
final class NumberTests: XCTestCase {
  func testActiveWindowIsTheThirtyDatesUpToT() {
    var f = Fixture()
    f.customer("A", visits: [29])  // T−29: the 30th date, in
    f.customer("B", visits: [30])  // T−30: out
    f.customer("C", visits: [0])
    f.customer("D", visits: [-1])  // after T: ignored
    XCTAssertEqual(f.analysis().active, 2)
  }

  func testRepurchaseRateCountsRows() {
    var f = Fixture()
    f.customer("A", visits: [89, 10])  // two visits in the 90 days → repurchased
    f.customer("B", visits: [90, 89])  // T−90 is outside: one visit in the window
    f.customer("C", visits: [5, 5])  // two rows on one day count as two visits
    f.customer("D", visits: [0])
    f.customer("E")
    let a = f.analysis()
    XCTAssertEqual(a.repurchaseBase, 4)
    XCTAssertEqual(a.repurchasers, 2)
    XCTAssertEqual(a.repurchaseRate, 0.5)
  }

  func testRepurchaseRateIsNilWithoutVisits() {
    var f = Fixture()
    f.customer("A")
    XCTAssertNil(f.analysis().repurchaseRate)
  }

  func testNewFriendsAndPool() {
    var f = Fixture()
    f.customer("A", joined: 30)
    f.customer("B", joined: 31)
    f.customer("C", joined: 3, churned: 1)
    let a = f.analysis()
    XCTAssertEqual(a.pool, 3)
    XCTAssertEqual(a.new30d, 2)
  }

  func testRFMFigures() {
    var f = Fixture()
    let i = f.customer("A", visits: [400, 364, 10, 3], yuan: 50)
    let a = f.analysis()
    XCTAssertEqual(a.figures[i].recency, 3)
    XCTAssertEqual(a.figures[i].frequency, 3, "T−364 is the 365th date: in; T−400 out")
    XCTAssertEqual(a.figures[i].monetary, Money(fen: 15000))
    XCTAssertEqual(a.figures[i].visitDays, 4)
  }

  func testBirthdaysWithinSevenDays() {
    var f = Fixture()
    f.customer("Today", birthday: "1990-11-16")
    f.customer("In7", birthday: "1985-11-23")
    f.customer("In8", birthday: "1985-11-24")
    f.customer("Yesterday", birthday: "1985-11-15")
    f.customer("Gone", churned: 10, birthday: "1985-11-17")
    let names = f.analysis().reachOut.compactMap { r -> String? in
      if case .birthday(let d) = r.reason { return "\(f.ds.customers[r.customer!].id):\(d)" }
      return nil
    }
    XCTAssertEqual(names, ["Today:0", "In7:7"])
  }

  func testLeapDayBirthdayIsTwentyEighthInCommonYears() {
    let b = Day("2000-02-29")!
    XCTAssertEqual(ReachOut.daysToBirthday(b, from: Day("2027-02-25")!, within: 7), 3)
    XCTAssertEqual(ReachOut.daysToBirthday(b, from: Day("2028-02-25")!, within: 7), 4)
    XCTAssertNil(ReachOut.daysToBirthday(b, from: Day("2027-03-01")!, within: 7))
  }

  func testReachOutOrder() {
    var f = Fixture()
    // At risk by M: the bigger spender first.
    let small = f.customer("Small", visits: [100, 90, 80], yuan: 10)
    let big = f.customer("Big", visits: [100, 90, 80], yuan: 90)
    let newbie = f.customer("New", joined: 2, welcomed: false)
    f.customer("Welcomed", joined: 2, welcomed: true)
    f.ds.complaints = [
      Complaint(customer: "Big", date: Fixture.t.adding(-3), text: "等太久"),
      Complaint(customer: "", date: Fixture.t.adding(-2), resolved: true),
      Complaint(customer: "", date: Fixture.t.adding(1)),
    ]
    let r = f.analysis().reachOut
    XCTAssertEqual(r.map(\.customer), [big, small, newbie, big])
    XCTAssertEqual(r[2].reason, .welcome(joinedDaysAgo: 2))
    XCTAssertEqual(r[3].reason, .complaint(0))
  }

  /// Monday open 10:00–13:00 only. Over the 56 dates T−55…T: hour 10 has 4 visits (0.5 a week),
  /// hour 11 has 16 (2), hour 12 has 32 (4). Median of [0.5, 2, 4] = 2: 0.5 < 1 → off-peak;
  /// 4 > 3 → peak.
  func slotFixture() -> Fixture {
    var f = Fixture()
    f.ds.shop.hours = [1: Shop.parseHours("10:00-13:00")!]
    func add(_ ago: Int, _ hour: Int, _ n: Int) {
      for _ in 0..<n {
        f.ds.visits.append(
          Visit(
            customer: Visit.walkIn, date: Fixture.t.adding(-ago), time: TimeOfDay(minutes: hour * 60 + 15)))
      }
    }
    for w in 0..<4 { add(w * 7, 10, 1) }
    for w in 0..<8 { add(w * 7, 11, 2) }
    for w in 0..<8 { add(w * 7, 12, 4) }
    add(56, 12, 50)  // T−56: the 57th date, outside
    add(7, 15, 50)  // closed hour: ignored
    return f
  }

  func testOffPeakAndPeakSlots() {
    let a = slotFixture().analysis()
    XCTAssertEqual(a.slots.median, 2)
    XCTAssertEqual(a.slots.slot(weekday: 1, hour: 10).perWeek, 0.5)
    XCTAssertEqual(a.slots.slot(weekday: 1, hour: 10).level, .offPeak)
    XCTAssertEqual(a.slots.slot(weekday: 1, hour: 11).level, .normal)
    XCTAssertEqual(a.slots.slot(weekday: 1, hour: 12).level, .peak)
    XCTAssertEqual(a.slots.slot(weekday: 1, hour: 15).level, .closed)
    XCTAssertEqual(a.slots.slot(weekday: 2, hour: 11).level, .closed)
    XCTAssertEqual(a.slots.offPeak.map(\.hour), [10])
  }

  func testCoverageByActivePromotionsWithATimeWindow() {
    var f = slotFixture()
    let t = Fixture.t
    func window(_ a: String, _ b: String) -> ClosedOpenTime {
      ClosedOpenTime(from: TimeOfDay(a)!, to: TimeOfDay(b)!)
    }
    f.ds.promotions = [
      Promotion(
        id: "P1", name: "", kind: .offpeak, weekdays: [1], window: window("10:00", "11:00"),
        start: t.adding(-10)),
      Promotion(id: "P2", name: "", kind: .welcomeGift),  // no window: covers nothing
      // Ended yesterday.
      Promotion(id: "P3", name: "", kind: .offpeak, window: window("10:00", "12:00"), end: t.adding(-1)),
      Promotion(
        id: "P4", name: "", kind: .offpeak, weekdays: [1], window: window("10:30", "10:45"), start: t),
      Promotion(
        id: "P5", name: "", kind: .offpeak, weekdays: [2, 3, 4, 5], window: window("10:00", "11:00")),
      // Ends as hour 10 starts.
      Promotion(id: "P6", name: "", kind: .offpeak, window: window("09:00", "10:00")),
    ]
    let a = f.analysis()
    XCTAssertEqual(a.slots.slot(weekday: 1, hour: 10).coveredBy, ["P1", "P4"])
    XCTAssertEqual(a.slots.slot(weekday: 1, hour: 11).coveredBy, [])
  }

  func testDiscountDependenceAndOnlyOnDiscount() {
    var f = Fixture()
    let a3 = f.customer("A", visits: [1, 2, 3], promo: [true, true, true])  // 3 of 3
    let b = f.customer("B", visits: [1, 2, 3, 4, 5], promo: [true, true, true, true, false])  // 4 of 5 = 80%
    f.customer("C", visits: [1, 2], promo: [true, true])  // only 2 visits
    f.customer("D", visits: [1, 2, 3, 4], promo: [true, true, true, false])  // 75%
    f.customer("E", visits: [95], promo: [true])  // outside the 90 days
    f.ds.visits.append(Visit(customer: Visit.walkIn, date: Fixture.t, time: TimeOfDay(minutes: 600)))
    // In the window: 3 + 5 + 2 + 4 + 1 walk-in = 15 visits, 3 + 4 + 2 + 3 = 12 with a promotion.
    let a = f.analysis()
    XCTAssertEqual(a.discount.visits, 15)
    XCTAssertEqual(a.discount.promoted, 12)
    XCTAssertEqual(a.discount.share, 0.8)
    XCTAssertTrue(a.discount.warning)
    XCTAssertEqual(a.discount.onlyOnDiscount, [a3, b])
  }

  func testContentChecks() {
    var f = Fixture()
    let mon = Fixture.t
    var n = 0
    func post(_ day: Day?, _ cat: PostCategory, _ status: PostStatus = .planned, tests: Bool = true) {
      n += 1
      f.ds.posts.append(
        Post(id: "M\(n)", date: day, slot: nil, category: cat, benefit: tests, status: status))
    }
    // This week: Monday 4 posts (2 promotions), Tuesday 1 posted, Wednesday only an idea, Thursday
    // only a skipped post, Friday–Sunday one each → 8 counted posts, 2 promotions: not over a third.
    post(mon, .promotion)
    post(mon, .promotion)
    post(mon, .review)
    post(mon, .game, tests: false)
    post(mon.adding(1), .sourcing, .posted)
    post(mon.adding(2), .sourcing, .idea, tests: false)
    post(mon.adding(3), .sourcing, .skipped)
    for d in 4...6 { post(mon.adding(d), .ownerDay) }
    // The week before: 3 posts, 2 promotions → over a third. Two weeks before: exactly a third.
    post(mon.adding(-7), .promotion)
    post(mon.adding(-6), .promotion)
    post(mon.adding(-5), .review)
    post(mon.adding(-14), .promotion)
    post(mon.adding(-13), .review)
    post(mon.adding(-12), .review)
    post(nil, .game, .idea, tests: false)
    let c = ContentChecks(f.ds, today: Fixture.t)
    XCTAssertEqual(c.emptyDays, [mon.adding(2), mon.adding(3)])
    XCTAssertEqual(c.crowdedDays.map(\.day), [mon])
    XCTAssertEqual(c.crowdedDays.map(\.posts), [4])
    XCTAssertEqual(c.promotionHeavyWeeks.map(\.week), [mon.adding(-7)])
    XCTAssertEqual(c.noTestPosts.map { f.ds.posts[$0].id }, ["M4"])
  }

  func testChurnBreakdownWindowAndSilentMajority() {
    var f = Fixture()
    f.customer("A", churned: 364, reason: .staffIndifference)  // the 365th date: in
    f.customer("B", churned: 365, reason: .staffIndifference)  // out
    f.customer("C", churned: 0, reason: nil)  // empty reason = unknown
    f.customer("D", churned: 10, reason: .competitor)
    f.customer("E", churned: 10, reason: .competitor)
    f.ds.complaints = [
      Complaint(customer: "", date: Fixture.t.adding(-364)),
      Complaint(customer: "", date: Fixture.t.adding(-365)),
      Complaint(customer: "", date: Fixture.t),
    ]
    let c = f.analysis().churn
    XCTAssertEqual(c.total, 4)
    XCTAssertEqual(c.counts, [.staffIndifference: 1, .unknown: 1, .competitor: 2])
    XCTAssertEqual(c.share(.competitor), 0.5)
    XCTAssertEqual(c.complaints, 2)
    XCTAssertEqual(c.silentEstimate, 52)
    XCTAssertEqual(Reason.staffIndifference.benchmarkShare, 0.68)
  }

  func testCohortRetention() {
    var f = Fixture()  // T = 2026-11-16, the middle of November
    func joined(_ id: String, _ d: String?, churned: String? = nil) {
      f.ds.customers.append(
        Customer(id: id, name: id, joined: d.map { Day($0)! }, churnedOn: churned.map { Day($0)! }))
    }
    joined("A", "2026-09-10")
    joined("B", "2026-09-15", churned: "2026-10-20")  // churned customers stay in their cohort
    joined("C", "2026-09-30")  // never came back
    joined("D", nil)  // no joined date: in no cohort
    joined("E", "2026-11-20")  // joined after T: in no cohort
    joined("F", "2026-10-31")
    joined("G", "2026-11-16")  // joined on T: a cohort with no month after it yet
    func visit(_ c: Int32, _ d: String) -> Visit {
      Visit(customer: c, date: Day(d)!, time: TimeOfDay(minutes: 700))
    }
    f.ds.visits = [
      visit(0, "2026-09-20"),  // the joining month is not counted
      visit(0, "2026-10-02"),
      visit(0, "2026-10-03"),  // the same month: counted once
      visit(0, "2026-11-01"),
      visit(1, "2026-11-16"),  // on T: counted in T's month
      visit(1, "2026-11-17"),  // after T
      visit(3, "2026-10-05"),
      visit(4, "2026-11-02"),
      visit(5, "2026-11-05"),
      visit(Visit.walkIn, "2026-10-05"),
    ]
    let expected = [
      Cohort(month: Day("2026-09-01")!.monthIndex, size: 3, returned: [1, 2]),
      Cohort(month: Day("2026-10-01")!.monthIndex, size: 1, returned: [1]),
      Cohort(month: Day("2026-11-01")!.monthIndex, size: 1, returned: []),
    ]
    XCTAssertEqual(Cohort.table(f.ds, today: f.t, index: VisitIndex(f.ds)), expected)
    // The dashboard's index keeps no order: the cohorts come from its entries.
    let a = Analysis(f.ds, today: f.t, index: VisitIndex(f.ds, keepingOrder: false))
    XCTAssertEqual(a.cohorts, expected)
    XCTAssertEqual(a.cohorts.map(\.name), ["2026-09", "2026-10", "2026-11"])
    XCTAssertEqual(a.cohorts[0].share(0)!, 1.0 / 3, accuracy: 1e-12)
    XCTAssertEqual(a.cohorts[0].share(1)!, 2.0 / 3, accuracy: 1e-12)
    XCTAssertNil(a.cohorts[2].share(0))
  }

  /// A cohort of long ago: the months of visits within ten years of T are read from a table
  /// made once, older ones worked out from the date; both must name the same months.
  func testCohortOfLongAgo() {
    var f = Fixture()  // T = 2026-11-16
    f.ds.customers.append(Customer(id: "A", name: "A", joined: Day("2014-03-05")!))
    let dates = [
      "2014-03-20", "2014-05-02", "2015-01-10", "2016-11-07", "2016-11-08", "2026-09-30", "2026-10-02",
    ]
    f.ds.visits = VisitLog(dates.map { Visit(customer: 0, date: Day($0)!, time: TimeOfDay(minutes: 700)) })
    // 2014-03 is month 2014·12 + 2; the months after it up to 2026-11 (2026·12 + 10) are 152.
    // A visit in month x counts at x − (2014·12 + 2) − 1: May 2014 at 1, January 2015 at 9,
    // November 2016 (twice, once counted) at 31, September 2026 at 149, October 2026 at 150.
    var returned = [Int](repeating: 0, count: 152)
    for k in [1, 9, 31, 149, 150] { returned[k] = 1 }
    let expected = [Cohort(month: Day("2014-03-01")!.monthIndex, size: 1, returned: returned)]
    XCTAssertEqual(Cohort.table(f.ds, today: f.t, index: VisitIndex(f.ds)), expected)
    XCTAssertEqual(Cohort.table(f.ds, today: f.t, index: VisitIndex(f.ds, keepingOrder: false)), expected)
  }

  func testChurnTrendByMonth() {
    var f = Fixture()  // T = 2026-11-16
    f.customer("A", churned: 0)  // 2026-11-16
    f.customer("B", churned: 16)  // 2026-10-31
    f.customer("C", churned: -1)  // after T: not counted
    f.customer("D", churned: 400)  // 2025-10-12: more than twelve months back
    f.ds.complaints = [Complaint(customer: "", date: Day("2025-12-01")!)]
    let m = f.analysis().churn.monthly
    XCTAssertEqual(m.count, 12)
    XCTAssertEqual(m.first?.month, Day("2025-12-01")!.monthIndex)
    XCTAssertEqual(m.map(\.churned), [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1])
    XCTAssertEqual(m.map(\.complaints), [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0])
  }
}
