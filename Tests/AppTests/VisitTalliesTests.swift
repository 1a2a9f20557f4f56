import LiuliangGenerator
import XCTest

@testable import LiuliangModel

/// The slots' and the discount share's counts from one walk over the log, split between any
/// number of workers, against counting each visit by the definitions (PRODUCT.md: the last
/// `slot_weeks` weeks up to T by weekday and hour; the discount window's visits and promoted ones).
final class VisitTalliesTests: XCTestCase {
  func testOneWalkInAnySplitCountsAsTheDefinitions() {
    let t = Day("2026-11-16")!
    let ds = Generator.make(
      GeneratorOptions(customers: 400, historyDays: 120, walkInsPerDay: 6, seed: 5, today: t))
    let th = ds.shop.thresholds
    var slots = [[Int]](repeating: [Int](repeating: 0, count: 24), count: 7)
    var visits = 0
    var promoted = 0
    for v in ds.visits {
      let age = t - v.date
      if age >= 0 && age < th.slotWeeks * 7 { slots[v.date.weekday - 1][v.time.hour] += 1 }
      if age >= 0 && age < th.discountWindowDays {
        visits += 1
        if v.hasPromotion { promoted += 1 }
      }
    }
    XCTAssertGreaterThan(promoted, 0)
    XCTAssertLessThan(promoted, visits)
    for parts in [1, 2, 3, 8] {
      let tallies = VisitTallies(ds.visits, today: t, th, parts: parts)
      XCTAssertEqual(tallies.slotCounts, slots, "\(parts) parts")
      XCTAssertEqual([tallies.discountVisits, tallies.promoted], [visits, promoted], "\(parts) parts")
    }
  }
}
