import LiuliangGenerator
import XCTest

@testable import LiuliangModel

extension SeededRandom {
  /// A uniform integer in 0..<n.
  mutating func upTo(_ n: Int) -> Int { Int(next() % UInt64(max(n, 1))) }
}

/// A logged visit counted into the analysis must leave every figure as working them all out
/// again gives: random visits on a generated store, each compared with a full `Analysis`.
final class VisitCountingTests: XCTestCase {
  static let today = Day("2026-11-16")!

  static func store(seed: UInt64) -> Dataset {
    var o = GeneratorOptions(customers: 300, historyDays: 240, walkInsPerDay: 4, seed: seed, today: today)
    o.realLog = true
    var ds = Generator.make(o)
    // Promotions whose weeks since they started reach today, one for at-risk customers: the
    // generated ones started long ago.
    for (k, start) in [today.adding(-20), today.adding(-15)].enumerated() {
      ds.promotions.append(
        Promotion(
          id: "recent\(k)", name: "recent", kind: .offpeak, weekdays: k == 0 ? [] : [1, 2, 3],
          window: ClosedOpenTime(from: TimeOfDay(minutes: 14 * 60), to: TimeOfDay(minutes: 17 * 60)),
          audience: k == 0 ? .segment(.atRisk) : .everyone, start: start))
    }
    return ds
  }

  func testRandomVisitsCountedInGiveTheFullFigures() {
    let seed = UInt64(ProcessInfo.processInfo.environment["LIULIANG_FUZZ_SEED"] ?? "") ?? 1
    print("VisitCountingTests seed \(seed)")
    var rng = SeededRandom(seed: seed)
    var ds = Self.store(seed: seed)
    let t = Self.today
    var (a, trends) = Self.full(ds, t)
    var counted = 0
    var fellBack = 0
    var countedOut = 0
    var crossed = Set<String>()
    for step in 0..<160 {
      // Taking the last visit back now and then: counted out when it was counted in.
      if step % 7 == 6, let last = ds.visits.last {
        ds.visits.removeLast()
        if a.countOut(last, at: ds.visits.count, of: ds) != nil {
          trends.setLatest(a)
          countedOut += 1
        } else {
          (a, trends) = Self.full(ds, t)
        }
        Self.assertSame(a, trends, ds, t, "step \(step): taking back \(last)")
        continue
      }
      let (v, why) = Self.randomVisit(ds, a, t, &rng)
      ds.visits.append(v)
      let wasSegment = v.customer >= 0 ? a.segments[Int(v.customer)] : nil
      let cuts = (a.frequencyCut, a.spendCut)
      if a.countIn(visitAt: ds.visits.count - 1, of: ds) != nil {
        trends.setLatest(a)
        counted += 1
        if let s = wasSegment, s != a.segments[Int(v.customer)] {
          crossed.insert("\(s)→\(a.segments[Int(v.customer)])")
        }
        if cuts.0 != a.frequencyCut { crossed.insert("frequency cut") }
        if cuts.1 != a.spendCut { crossed.insert("spend cut") }
      } else {
        (a, trends) = Self.full(ds, t)
        fellBack += 1
      }
      Self.assertSame(a, trends, ds, t, "step \(step): \(why) \(v)")
    }
    // The walk must have gone through both paths and through the moves that matter.
    XCTAssertGreaterThan(counted, 80)
    XCTAssertGreaterThan(fellBack, 5)
    XCTAssertGreaterThan(countedOut, 5)
    for move in ["frequency cut", "spend cut", "atRisk→", "→superUser", "→regular"] {
      XCTAssertTrue(crossed.contains { $0.contains(move) }, "no visit made \(move): \(crossed.sorted())")
    }
  }

  static func full(_ ds: Dataset, _ t: Day) -> (Analysis, Trends) {
    let index = VisitIndex(ds)
    return (
      Analysis(ds, today: t, index: index, updatable: CustomerVisits(index)),
      Trends(ds, today: t, index: index)
    )
  }

  /// A visit aimed at a kind of customer the counting must handle, dated today or up to ten
  /// days before (older than six falls back, as does one before the customer's latest visit).
  static func randomVisit(_ ds: Dataset, _ a: Analysis, _ t: Day, _ rng: inout SeededRandom) -> (
    Visit, String
  ) {
    let n = ds.customers.count
    func pick(_ test: (Int) -> Bool) -> Int? {
      let all = (0..<n).filter(test)
      return all.isEmpty ? nil : all[rng.upTo(all.count)]
    }
    var amount = Int64(2000 + rng.upTo(30000))
    var customer: Int32
    var why: String
    var promoted = rng.upTo(3) == 0
    switch rng.upTo(11) {
    case 0:
      customer = rng.upTo(2) == 0 ? Visit.walkIn : Visit.unknownCustomer
      why = "walk-in"
    case 1:
      // At the frequency cut (enough of them lift it) or just under it.
      let fc = (a.frequencyCut ?? 0) - (rng.upTo(3) == 0 ? 1 : 0)
      customer = Int32(
        pick { a.figures[$0].frequency == fc && ds.customers[$0].churnedOn == nil } ?? rng.upTo(n))
      why = "at the frequency cut"
    case 2:
      // Under the spend cut by less than the visit's amount.
      let mc = a.spendCut?.fen ?? 0
      let c = pick { a.figures[$0].monetary.fen < mc && ds.customers[$0].churnedOn == nil } ?? rng.upTo(n)
      amount = mc - a.figures[c].monetary.fen + Int64(rng.upTo(3))
      customer = Int32(c)
      why = "under the spend cut"
    case 3:
      customer = Int32(pick { a.segments[$0] == .atRisk } ?? rng.upTo(n))
      amount = rng.upTo(2) == 0 ? amount : 5_000_000
      why = "at risk"
    case 4:
      customer = Int32(pick { a.figures[$0].visitDays == 1 } ?? rng.upTo(n))
      why = "one visit day"
    case 5:
      customer = Int32(pick { a.segments[$0] == .superUser } ?? rng.upTo(n))
      why = "super user"
    case 6:
      customer = Int32(pick { ds.customers[$0].churnedOn != nil } ?? rng.upTo(n))
      why = "churned"
    case 8:
      // Only on discount, or nearly: a visit without a promotion takes them out, one with puts them in.
      let only = a.discount.onlyOnDiscount
      if !only.isEmpty && rng.upTo(2) == 0 {
        customer = Int32(only.min { a.figures[$0].discountVisits < a.figures[$1].discountVisits }!)
        promoted = false
        why = "only on discount"
      } else {
        customer = Int32(pick { a.figures[$0].discountVisits >= 2 } ?? rng.upTo(n))
        promoted = true
        why = "nearly only on discount"
      }
    case 7:
      let fc = a.frequencyCut ?? 0
      customer = Int32(
        pick { a.figures[$0].frequency == fc && ds.customers[$0].churnedOn == nil } ?? rng.upTo(n))
      why = "at the frequency cut"
    default:
      customer = Int32(rng.upTo(n))
      why = "anyone"
    }
    let age = rng.upTo(4) == 0 ? rng.upTo(11) : 0
    let promotion: Int32 =
      promoted
      ? (rng.upTo(8) == 0 ? Visit.unknownPromotion : Int32(rng.upTo(max(1, ds.promotions.count))))
      : Visit.noPromotion
    let v = Visit(
      customer: customer, date: t.adding(-age), time: TimeOfDay(minutes: 600 + rng.upTo(700)),
      amount: Money(fen: amount), promotion: promotion)
    return (v, why)
  }

  /// Every figure of the analysis and the trends, against working them out again.
  static func assertSame(
    _ a: Analysis, _ trends: Trends, _ ds: Dataset, _ t: Day, _ what: String, line: UInt = #line
  ) {
    let f = Analysis(ds, today: t)
    XCTAssertEqual(a.figures, f.figures, "figures, \(what)", line: line)
    XCTAssertEqual(a.segments, f.segments, "segments, \(what)", line: line)
    XCTAssertEqual(a.frequencyCut, f.frequencyCut, "frequency cut, \(what)", line: line)
    XCTAssertEqual(a.spendCut, f.spendCut, "spend cut, \(what)", line: line)
    XCTAssertEqual(
      [a.pool, a.active, a.new30d, a.repurchaseBase, a.repurchasers],
      [f.pool, f.active, f.new30d, f.repurchaseBase, f.repurchasers], "tallies, \(what)", line: line)
    XCTAssertEqual(
      a.segmentCounts.filter { $0.value != 0 }, f.segmentCounts.filter { $0.value != 0 }, what, line: line)
    XCTAssertEqual(a.reachOut, f.reachOut, "reach-out list, \(what)", line: line)
    XCTAssertEqual(a.atRiskBySpend, f.atRiskBySpend, "at risk by spend, \(what)", line: line)
    XCTAssertEqual(a.slots.slots, f.slots.slots, "slots, \(what)", line: line)
    XCTAssertEqual(a.slots.median, f.slots.median, "slots' median, \(what)", line: line)
    XCTAssertEqual(
      [a.discount.visits, a.discount.promoted], [f.discount.visits, f.discount.promoted], "discount, \(what)",
      line: line)
    XCTAssertEqual(
      a.discount.onlyOnDiscount, f.discount.onlyOnDiscount, "only on discount, \(what)", line: line)
    XCTAssertEqual(a.discount.warning, f.discount.warning, "discount warning, \(what)", line: line)
    XCTAssertEqual(a.cohorts, f.cohorts, "cohorts, \(what)", line: line)
    XCTAssertEqual(a.effects, f.effects, "promotion effects, \(what)", line: line)
    XCTAssertEqual(a.audienceSizes, f.audienceSizes, "audience sizes, \(what)", line: line)
    XCTAssertEqual(a.rates, f.rates, "reach-out rates, \(what)", line: line)
    XCTAssertEqual(trends, Trends(ds, today: t), "trends, \(what)", line: line)
    if let live = a.live {
      let index = CustomerVisits(VisitIndex(ds))!
      for c in 0..<ds.customers.count where live.visits.of(c) != index.of(c) {
        XCTFail("customer \(c)'s visits, \(what)", line: line)
        break
      }
    }
  }
}
