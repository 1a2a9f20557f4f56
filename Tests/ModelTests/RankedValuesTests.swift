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
}
