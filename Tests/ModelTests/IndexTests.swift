import XCTest

@testable import LiuliangModel

/// The visit index is built in parts on several cores: it must give what one pass would.
final class IndexTests: XCTestCase {
  /// Enough visits for the log to be cut into parts, in no order, with ties in date and time.
  func testIndexIsEachCustomersVisitsInStableDateOrder() {
    var rng = Rng(seed: 3)
    var ds = Dataset()
    let n = 2000
    for i in 0..<n { ds.customers.append(Customer(id: "C\(i)", name: "")) }
    let t = Day("2026-11-16")!
    for _ in 0..<120_000 {
      let who =
        rng.next(30) == 0 ? Visit.walkIn : (rng.next(50) == 0 ? Visit.unknownCustomer : Int32(rng.next(n)))
      ds.visits.append(
        Visit(
          customer: who, date: t.adding(-rng.next(40)), time: TimeOfDay(minutes: rng.next(4) * 30),
          amount: Money(fen: Int64(rng.next(15_000)) - 5000),
          promotion: rng.next(3) == 0 ? 0 : Visit.noPromotion))
    }
    let index = VisitIndex(ds)
    let entries = try! XCTUnwrap(index.entries)
    var byCustomer = [[Int]](repeating: [], count: n)
    for (i, v) in ds.visits.enumerated() where v.customer >= 0 { byCustomer[Int(v.customer)].append(i) }
    for c in 0..<n {
      let expected = byCustomer[c].sorted {
        (ds.visits[$0].date, ds.visits[$0].time, $0) < (ds.visits[$1].date, ds.visits[$1].time, $1)
      }
      XCTAssertEqual(index.visits(of: c).map(Int.init), expected, "customer \(c)")
      for k in Int(index.offsets[c])..<Int(index.offsets[c + 1]) {
        let v = ds.visits[Int(index.order[k])]
        XCTAssertEqual(entries[k].date, v.date.raw)
        XCTAssertEqual(entries[k].fen, v.amount.fen)
        XCTAssertEqual(entries[k].promoted, v.hasPromotion)
      }
    }
  }

  func testEntryKeepsAmountsOf31Bits() {
    let d = Day("2026-01-01")!
    for fen: Int64 in [0, -1, 1, (1 << 30) - 1, -(1 << 30), 58_50] {
      for promoted in [false, true] {
        let e = VisitIndex.Entry(date: d, fen: fen, promoted: promoted)
        XCTAssertEqual(e?.fen, fen)
        XCTAssertEqual(e?.promoted, promoted)
        XCTAssertEqual(e?.date, d.raw)
      }
    }
    XCTAssertNil(VisitIndex.Entry(date: d, fen: 1 << 30, promoted: false))
    XCTAssertNil(VisitIndex.Entry(date: d, fen: -(1 << 30) - 1, promoted: true))
  }

  func testEmptyLogAndShop() {
    XCTAssertEqual(VisitIndex(Dataset()).offsets, [0])
    var ds = Dataset()
    ds.customers = [Customer(id: "A", name: "")]
    ds.visits = [Visit(customer: Visit.walkIn, date: Day("2026-01-01")!, time: TimeOfDay(minutes: 0))]
    let index = VisitIndex(ds)
    XCTAssertEqual(index.offsets, [0, 0])
    XCTAssertTrue(index.order.isEmpty)
  }

  /// Without its order the index gives the same entries and figures; with an amount too big
  /// for the entries it keeps the order, which the figures then read.
  func testAnIndexWithoutItsOrderGivesTheSameFigures() {
    let t = Day("2026-11-16")!
    var ds = Dataset()
    for i in 0..<30 { ds.customers.append(Customer(id: "C\(i)", name: "")) }
    for k in 0..<400 {
      ds.visits.append(
        Visit(
          customer: Int32(k * 7 % 30), date: t.adding(-(k * 13 % 200)), time: TimeOfDay(minutes: 600 + k % 7),
          amount: Money(fen: Int64(k * 37 % 9000))))
    }
    let full = VisitIndex(ds)
    let lean = VisitIndex(ds, keepingOrder: false)
    XCTAssertTrue(lean.order.isEmpty)
    XCTAssertEqual(lean.offsets, full.offsets)
    XCTAssertEqual(lean.entries?.map(\.date), full.entries?.map(\.date))
    XCTAssertEqual(Analysis(ds, today: t, index: lean).figures, Analysis(ds, today: t, index: full).figures)
    ds.visits[5].amount = Visit.maxAmount
    let big = VisitIndex(ds, keepingOrder: false)
    XCTAssertNil(big.entries)
    XCTAssertEqual(big.order.count, 400, "kept: the figures read the log through it")
    XCTAssertEqual(Analysis(ds, today: t, index: big).figures, Analysis(ds, today: t).figures)
  }
}
