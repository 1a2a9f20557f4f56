import LiuliangModel
import XCTest

/// Each segment rule of PRODUCT.md and its edges, on hand-built customers.
final class SegmentTests: XCTestCase {
  /// Ten customers without visits and three regulars with 20 visits (¥2,000) each, 100–119
  /// days ago: with the customer under test N = 14, ⌈0.2·14⌉ = 3, so F* = 20 and M* = ¥2,000
  /// — the customer under test is super only when they beat the regulars.
  func segment(_ build: (inout Fixture) -> Int) -> (Segment, SegmentWhy) {
    var f = Fixture()
    for k in 0..<10 { f.customer("Z\(k)") }
    for k in 0..<3 { f.customer("W\(k)", visits: Array(100..<120)) }
    let i = build(&f)
    let a = f.analysis()
    return (a.segment(i), a.why(i, f.ds.customers[i]))
  }

  func testChurnedComesFirstEvenWhenTheCustomerCameBack() {
    let (s, w) = segment {
      $0.customer("C", tier: .member, churned: 40, reason: .competitor, visits: [2, 60])
    }
    XCTAssertEqual(s, .churned)
    XCTAssertEqual(w, .churned(on: Fixture.t.adding(-40), reason: .competitor))
  }

  func testChurnedCustomerWhoCameBackStillCountsAsActive() {
    var f = Fixture()
    f.customer("C", churned: 40, visits: [3])
    XCTAssertEqual(f.analysis().active, 1)
  }

  func testPaidMemberIsSuperWithoutVisits() {
    XCTAssertEqual(segment { $0.customer("M", tier: .member) }.0, .superUser)
  }

  func testSuperNeedsRecencyWithinThirtyDays() {
    // F = 20 and M = ¥20,000 reach the cuts; R = 31 is one day too many.
    let (s, _) = segment { $0.customer("S", visits: Array(31..<51), yuan: 1000) }
    XCTAssertNotEqual(s, .superUser)
    let (s30, w30) = segment { $0.customer("S", visits: Array(30..<50), yuan: 1000) }
    XCTAssertEqual(s30, .superUser)
    XCTAssertEqual(
      w30,
      .topCustomer(
        recency: 30, frequency: 20, frequencyCut: 20, spend: Money(fen: 2_000_000),
        spendCut: Money(fen: 200_000)))
    // One visit fewer than the cut: not super even with the spend.
    XCTAssertNotEqual(segment { $0.customer("S", visits: Array(30..<49), yuan: 1000) }.0, .superUser)
  }

  func testTopCutTiesAreIn() {
    // N = 10: the 2nd largest. F = [5,5,5,1,0…] → F* = 5: all three fives are in.
    XCTAssertEqual(topCut([5, 5, 5, 1, 0, 0, 0, 0, 0, 0], share: 0.2), 5)
    // N = 15: 0.2·15 = 3 exactly, so the 3rd largest, not the 4th.
    XCTAssertEqual(topCut([9, 8, 7, 6, 5, 4, 3, 2, 1, 0, 0, 0, 0, 0, 0], share: 0.2), 7)
    // N = 11: ⌈2.2⌉ = 3.
    XCTAssertEqual(topCut([9, 8, 7, 6, 5, 4, 3, 2, 1, 0, 0], share: 0.2), 7)
    XCTAssertNil(topCut([Int](), share: 0.2))
  }

  /// The cut is found by selection, not by sorting: it must be the sorted list's value anyway,
  /// with many ties and in every order.
  func testTopCutIsTheSortedValue() {
    var state: UInt64 = 42
    func next(_ n: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((state >> 33) % UInt64(n))
    }
    for round in 0..<300 {
      let count = 1 + next(200)
      let spread = [1, 3, 50, 100_000][round % 4]
      let values = (0..<count).map { _ in next(spread) }
      for share in [0.01, 0.2, 0.5, 1.0] {
        let k = Int((share * Double(count) - 1e-9).rounded(.up))
        let expected = k >= 1 ? values.sorted(by: >)[min(k, count) - 1] : nil
        XCTAssertEqual(topCut(values, share: share), expected, "\(values) \(share)")
      }
    }
  }

  func testSuperTiesAtTheCutAndChurnedCustomersNotRanked() {
    var f = Fixture()
    // Not churned: A, B (F=3, ¥300 each), C (F=1), D, E (none): N = 5, k = 1 → F* = 3, M* = ¥300.
    let a = f.customer("A", visits: [1, 10, 20])
    let b = f.customer("B", visits: [2, 11, 21])
    let c = f.customer("C", visits: [5])
    f.customer("D")
    f.customer("E")
    // Churned with F = 9: not among the N, so it doesn't raise the cut.
    f.customer("X", churned: 1, visits: [1, 2, 3, 4, 5, 6, 7, 8, 9])
    let r = f.analysis()
    XCTAssertEqual(r.frequencyCut, 3)
    XCTAssertEqual(r.spendCut, Money(fen: 30000))
    XCTAssertEqual(r.segment(a), .superUser)
    XCTAssertEqual(r.segment(b), .superUser)
    XCTAssertNotEqual(r.segment(c), .superUser)
  }

  func testNewWindowEdges() {
    XCTAssertEqual(segment { $0.customer("N", joined: 30) }.0, .new, "T − joined = 30 is in")
    XCTAssertEqual(segment { $0.customer("N", joined: 0) }.0, .new, "joined today")
    XCTAssertEqual(
      segment { $0.customer("N", joined: 31) }.0, .sleeping, "31 days is out; no visit → sleeping")
    XCTAssertEqual(segment { $0.customer("N", joined: -1) }.0, .sleeping, "a join date after T is not new")
  }

  func testAtRiskByMedianGap() {
    // Visit days 100, 90, 80 days ago: gaps 10, 10 → median 10; R = 80 > 2×10 and > 30.
    let (s, w) = segment { $0.customer("R", visits: [100, 90, 80]) }
    XCTAssertEqual(s, .atRisk)
    XCTAssertEqual(w, .overdue(recency: 80, medianGap: 10))
  }

  func testAtRiskNeedsMoreThanThirtyDays() {
    // Gaps 5, 5 → median 5; R = 30: over 2×5 but not over 30 → F = 3 → regular.
    XCTAssertEqual(segment { $0.customer("R", visits: [40, 35, 30]) }.0, .regular)
    XCTAssertEqual(segment { $0.customer("R", visits: [41, 36, 31]) }.0, .atRisk)
  }

  func testAtRiskMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
    // Visit days 136, 134, 130, 120, 100 ago: gaps 2, 4, 10, 20 → median (4 + 10) / 2 = 7.
    // R = 100 > 14 → at risk, and the reason carries 7.
    let (_, w) = segment { $0.customer("R", visits: [136, 134, 130, 120, 100]) }
    XCTAssertEqual(w, .overdue(recency: 100, medianGap: 7))
    var gaps = [20, 2, 10, 4]
    XCTAssertEqual(CustomerFigures.median(&gaps), 7)
  }

  /// The median by its definition (the middle value, or the mean of the middle two) on few gaps,
  /// sorted in place by insertion, and on more than 32, sorted by the library.
  func testMedianOfFewAndOfManyGaps() {
    var one = [9]
    XCTAssertEqual(CustomerFigures.median(&one), 9)
    var odd = [7, 1, 7, 3, 30]  // 1 3 7 7 30
    XCTAssertEqual(CustomerFigures.median(&odd), 7)
    var none: [Int] = []
    XCTAssertNil(CustomerFigures.median(&none))
    var rng = SystemRandomNumberGenerator()
    for n in 1...70 {
      let gaps = (0..<n).map { _ in Int.random(in: 1...12, using: &rng) }
      let s = gaps.sorted()
      let expected = n % 2 == 1 ? Double(s[n / 2]) : Double(s[n / 2 - 1] + s[n / 2]) / 2
      var v = gaps
      XCTAssertEqual(CustomerFigures.median(&v), expected, "\(gaps)")
    }
  }

  func testTwoVisitsOnOneDayAreOneVisitDay() {
    // Rows on 70 and 70 days ago: one visit day → the single-visit rule, R = 70 > 60.
    XCTAssertEqual(segment { $0.customer("R", visits: [70, 70]) }.1, .singleVisit(recency: 70))
  }

  func testSingleVisitEdges() {
    XCTAssertEqual(segment { $0.customer("O", visits: [61]) }.0, .atRisk)
    XCTAssertEqual(segment { $0.customer("O", visits: [60]) }.0, .regular, "R = 60 is not over 60")
  }

  func testAtRiskStopsAtOneHundredEightyDays() {
    // Gap 20 → R = 180 is over 40 and 30, and not over 180.
    XCTAssertEqual(segment { $0.customer("O", visits: [200, 180]) }.0, .atRisk)
    XCTAssertEqual(segment { $0.customer("O", visits: [201, 181]) }.1, .asleep(recency: 181))
  }

  func testNoVisitIsSleeping() {
    XCTAssertEqual(segment { $0.customer("S") }.1, .neverVisited)
  }

  func testVisitsAfterTAreIgnored() {
    XCTAssertEqual(segment { $0.customer("S", visits: [-3]) }.1, .neverVisited)
  }

  func testLoyalAndRegular() {
    // Visit days 200, 150, 100, 40 ago: F = 4 (all within 365), gaps 50, 50, 60 → median 50;
    // R = 40 is not over 100 → not at risk; R > 30 → not super → loyal.
    XCTAssertEqual(segment { $0.customer("L", visits: [200, 150, 100, 40]) }.1, .frequent(frequency: 4))
    // A visit 400 days ago is outside F's year: F = 3 → regular.
    XCTAssertEqual(segment { $0.customer("L", visits: [400, 150, 100, 40]) }.1, .ordinary(frequency: 3))
  }
}
