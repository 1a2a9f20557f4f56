import XCTest

@testable import LiuliangModel

/// The ordered F and M values against sorting the pairs, after making and after moves.
final class RankedValuesTests: XCTestCase {
  func testOrderAndMovesAreASortOfThePairs() {
    var rng = SystemRandomNumberGenerator()
    for round in 0..<20 {
      let n = 1 + Int.random(in: 0..<3000, using: &rng)
      // Small values (one bucket each), wide ones, negative ones, and ties.
      let spread: Int64 = [10, 600, 5_000_000, 1 << 40][round % 4]
      var value = (0..<n).map { _ in Int64.random(in: -spread / 8...spread, using: &rng) }
      // Now and then the extremes, whose spread takes every pass of the radix sort.
      if round % 5 == 4 { value[0] = Int64.min + 1 }
      if round % 5 == 4 && n > 1 { value[n - 1] = Int64.max - 1 }
      let out = Set((0..<n).filter { _ in Int.random(in: 0..<5, using: &rng) == 0 })
      var r = RankedValues(count: n) { out.contains($0) ? nil : value[$0] }
      func check(_ what: String) {
        let pairs = (0..<n).filter { !out.contains($0) }.map { (value[$0], Int32($0)) }.sorted { $0 < $1 }
        XCTAssertEqual(r.values, pairs.map(\.0), what)
        XCTAssertEqual(r.customers, pairs.map(\.1), what)
      }
      check("made, round \(round)")
      for _ in 0..<50 {
        let c = Int.random(in: 0..<n, using: &rng)
        guard !out.contains(c) else { continue }
        let new = Int64.random(in: -spread / 8...spread, using: &rng)
        r.move(Int32(c), from: value[c], to: new)
        value[c] = new
      }
      check("moved, round \(round)")
      if r.count > 0 {
        let sorted = r.values.sorted()
        XCTAssertEqual(r.largest(1), sorted.last)
        let lo = sorted[sorted.count / 3]
        let hi = sorted[sorted.count * 2 / 3]
        let inRange = (0..<n).filter { !out.contains($0) && value[$0] >= lo && value[$0] <= hi }
        XCTAssertEqual(r.customers(in: lo...hi).map(Int.init).sorted(), inRange)
      }
    }
  }

  /// The super-user cuts read at their rank in the orders of F and M equal a selection among the
  /// same values (`topCut`), on small pools with many ties at the cut and customers left out.
  func testCutsReadFromTheOrderAreASelection() {
    // By hand: ten customers, F 5 5 5 1 0 …; 20% is two of them, so the cut is the 2nd largest, 5.
    let f: [Int64] = [5, 0, 5, 1, 0, 5, 0, 0, 0, 0]
    let m: [Int64] = [900, 100, 300, 300, 0, 300, 50, 0, 0, 20]
    let hand = Analysis.Live.cuts(
      (RankedValues(count: 10) { f[$0] }, RankedValues(count: 10) { m[$0] }), share: 0.2)
    XCTAssertEqual(hand.0, 5)
    XCTAssertEqual(hand.1, Money(fen: 300))
    // Leaving out customers 0 and 5 (churned) leaves eight: 20% is 1.6, so two again: F 5 and 1.
    let out: Set = [0, 5]
    let fewer = Analysis.Live.cuts(
      (
        RankedValues(count: 10) { out.contains($0) ? nil : f[$0] },
        RankedValues(count: 10) { out.contains($0) ? nil : m[$0] }
      ), share: 0.2)
    XCTAssertEqual(fewer.0, 1)
    XCTAssertEqual(fewer.1, Money(fen: 300))
    XCTAssertNil(
      Analysis.Live.cuts((RankedValues(count: 0) { _ in 0 }, RankedValues(count: 0) { _ in 0 }), share: 0.2).0
    )

    var rng = SystemRandomNumberGenerator()
    for round in 0..<400 {
      let n = Int.random(in: 1...80, using: &rng)
      let top: Int64 = [2, 6, 40, 100_000][round % 4]
      let fv = (0..<n).map { _ in Int64.random(in: 0...top, using: &rng) }
      let mv = (0..<n).map { _ in Int64.random(in: -top / 4...top * 100, using: &rng) }
      let left = Set((0..<n).filter { _ in Int.random(in: 0..<4, using: &rng) == 0 })
      let share = [0.2, 0.05, 0.5, 1, Double.random(in: 0.001...1, using: &rng)][round % 5]
      let cuts = Analysis.Live.cuts(
        (
          RankedValues(count: n) { left.contains($0) ? nil : fv[$0] },
          RankedValues(count: n) { left.contains($0) ? nil : mv[$0] }
        ), share: share)
      let kept = (0..<n).filter { !left.contains($0) }
      XCTAssertEqual(
        cuts.0.map(Int64.init), topCut(kept.map { fv[$0] }, share: share), "\(fv) \(left) \(share)")
      XCTAssertEqual(cuts.1?.fen, topCut(kept.map { mv[$0] }, share: share), "\(mv) \(left) \(share)")
    }
  }
}
