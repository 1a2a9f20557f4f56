import XCTest

@testable import LiuliangModel

/// Trends walk every customer once for all the weeks; each point must still be what the
/// definition gives as of that week's day.
final class TrendTests: XCTestCase {
  /// The definition, week by week: `Analysis` as of each day, counted.
  static func reference(_ ds: Dataset, today t: Day, weeks: Int = 12) -> Trends {
    var r = Trends()
    for k in stride(from: weeks - 1, through: 0, by: -1) {
      let d = t.adding(-7 * k)
      let a = Analysis(ds, today: d, shopWide: false)
      r.pool.append(Double(ds.customers.filter { $0.joined.map { $0 <= d } ?? true }.count))
      r.newFriends.append(
        Double(ds.customers.filter { c in c.joined.map { d - $0 >= 0 && d - $0 < 7 } ?? false }.count))
      r.active.append(Double(a.active))
      r.repurchaseRate.append(a.repurchaseRate ?? 0)
      r.superUsers.append(Double(a.segmentCounts[.superUser] ?? 0))
      r.atRisk.append(Double(a.segmentCounts[.atRisk] ?? 0))
    }
    return r
  }

  /// Two weeks worked out by hand (see the comments): 15 customers not churned, so both cuts
  /// are the 3rd largest.
  func testTwoWeeksByHand() {
    var f = Fixture()
    f.customer("A", visits: [0, 1, 2, 3, 4])  // none yet at T−7
    f.customer("B", visits: [8, 9, 10, 11, 12])
    f.customer("C", churned: 1, visits: Array(1...20), yuan: 1000)  // out of the cuts
    for id in ["D", "E", "F", "G", "H", "I", "J"] { f.customer(id, visits: [200], yuan: 10) }
    f.customer("K", visits: [80])  // one visit day, R > 60: at risk both weeks
    f.customer("L", visits: [-3])  // after T: ignored
    f.customer("M", visits: [70, 60, 50, 40])  // median gap 10, R 33 and 40: at risk both weeks
    f.customer("P", visits: [52, 40, 32])  // gaps 12, 8: R 25 then 32
    f.customer("Q", joined: 3)  // in the pool at T only
    f.customer("Mem", tier: .member)
    // T−7: F = B 5, M 4, P 3, … → F* = 3; M = 500, 400, 300 → M* = 300: B and P (a tie at
    // both cuts) are in, with Mem. T: F = 5, 5, 4 → F* = 4, M* = 400: A and B, with Mem.
    let trends = Trends(f.ds, today: f.t, weeks: 2)
    XCTAssertEqual(trends.pool, [15, 16])
    XCTAssertEqual(trends.newFriends, [0, 1])
    XCTAssertEqual(trends.active, [3, 3], "B, P, C at T−7; A, B, C at T (churned count)")
    XCTAssertEqual(trends.repurchaseRate, [4.0 / 5.0, 5.0 / 6.0])
    XCTAssertEqual(trends.superUsers, [3, 3])
    XCTAssertEqual(trends.atRisk, [2, 3], "K, M; then K, M, P")
    XCTAssertEqual(trends, TrendTests.reference(f.ds, today: f.t, weeks: 2))
  }

  /// Random shops, their logs out of order, with churned customers, members, walk-ins, unknown
  /// customers, visits after T, ties and leap days.
  func testRandomShopsMatchTheDefinition() {
    var rng = Rng(seed: 7)
    for round in 0..<40 {
      let t = [Day("2026-11-16")!, Day("2028-02-29")!, Day("2027-03-01")!, Day("2024-12-31")!][round % 4]
      var ds = Dataset()
      ds.shop.thresholds.superTopShare = [0.2, 0.05, 0.5, 1.0, 0.0][round % 5]
      if round % 3 == 1 {
        ds.shop.thresholds.atRiskMinDays = 10
        ds.shop.thresholds.atRiskGapFactor = 1.5
        ds.shop.thresholds.superMaxRecencyDays = 60
      }
      let n = 1 + rng.next(300)
      for i in 0..<n {
        ds.customers.append(
          Customer(
            id: "C\(i)", name: "", joined: rng.next(10) == 0 ? nil : t.adding(30 - rng.next(500)),
            tier: rng.next(20) == 0 ? .member : .friend,
            churnedOn: rng.next(8) == 0 ? t.adding(-rng.next(400)) : nil))
      }
      for _ in 0..<rng.next(3000) {
        let who =
          rng.next(40) == 0 ? Visit.walkIn : (rng.next(60) == 0 ? Visit.unknownCustomer : Int32(rng.next(n)))
        ds.visits.append(
          Visit(
            customer: who, date: t.adding(10 - rng.next(500)), time: TimeOfDay(minutes: rng.next(3) * 60),
            amount: Money(fen: Int64([100, 5000, 12_345, 1_000_000][rng.next(4)] * (1 + rng.next(3))))))
      }
      XCTAssertEqual(Trends(ds, today: t), TrendTests.reference(ds, today: t), "round \(round)")
    }
  }

  /// Frequencies beyond 512 and large spends fall into buckets of several values, where the cut
  /// is settled among the gathered values.
  func testCutsInsideWideBuckets() {
    var rng = Rng(seed: 11)
    let t = Day("2026-11-16")!
    for _ in 0..<6 {
      var ds = Dataset()
      let n = 5 + rng.next(10)
      for i in 0..<n { ds.customers.append(Customer(id: "C\(i)", name: "", joined: t.adding(-900))) }
      for i in 0..<n {
        let visits = 500 + rng.next(40)
        for _ in 0..<visits {
          ds.visits.append(
            Visit(
              customer: Int32(i), date: t.adding(-rng.next(300)), time: TimeOfDay(minutes: 600),
              amount: Money(fen: Int64(1_000_000 + rng.next(3)))))
        }
      }
      let trends = Trends(ds, today: t)
      XCTAssertEqual(trends, TrendTests.reference(ds, today: t))
      XCTAssertGreaterThan(trends.superUsers.last!, 0)
    }
  }

  /// An amount past the entries' 31 bits (2,000,000,000 fen) leaves the index without entries;
  /// the points are then counted by the definition itself.
  func testHugeAmountFallsBackToTheDefinition() {
    var f = Fixture()
    f.customer("A", visits: [1, 2, 3], yuan: 20_000_000)
    f.customer("B", visits: [40, 90])
    f.customer("C", visits: [100])
    XCTAssertNil(VisitIndex(f.ds).entries)
    XCTAssertEqual(Trends(f.ds, today: f.t), TrendTests.reference(f.ds, today: f.t))
  }
}

/// A small seeded generator, so that a failing round can be run again.
struct Rng {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next(_ n: Int) -> Int {
    state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
    return Int((state >> 33) % UInt64(n))
  }
}
