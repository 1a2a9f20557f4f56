import LiuliangModel
import XCTest

@testable import LiuliangStore

/// A till's rows are written by their own formatter (`TillTarget.appendRow`): each must be the
/// bytes the store's codec writes for the same visit.
final class TillRowTests: XCTestCase {
  func testARowIsWhatTheCodecWrites() {
    var rng = SystemRandomNumberGenerator()
    let first = Day("1900-01-01")!.raw
    let last = Day("2199-12-31")!.raw
    let amounts: [Int64] = [
      0, 1, 5, 10, 99, 100, 101, 12_345, 128_800, -1, -250, Visit.maxAmount.fen, Visit.minAmount.fen,
    ]
    let parties: [Int16] = [0, 1, 3, 10, 999, 9999, 10_000, Int16(Visit.maxParty)]
    for k in 0..<20000 {
      let v = Visit(
        customer: Visit.walkIn, date: Day(raw: Int32.random(in: first...last, using: &rng)),
        time: TimeOfDay(minutes: Int.random(in: 0..<1440, using: &rng)),
        amount: Money(
          fen: k < amounts.count ? amounts[k] : Int64.random(in: -1_000_000...100_000_000, using: &rng)),
        party: k < parties.count ? parties[k] : Int16.random(in: 0...50, using: &rng),
        channel: Channel.allCases.randomElement(using: &rng)!)
      let id = Array((k % 3 == 0 ? "" : "C\(k)").utf8)
      let order = Array("T\(k)".utf8)
      var expected = id
      RecordCodec.appendFields(v, promotionID: [], to: &expected)
      expected[expected.count - 1] = CSV.comma
      expected += order + [CSV.lf]
      var row: [UInt8] = []
      order.withUnsafeBufferPointer { TillTarget.appendRow(v, customerID: id, order: $0, to: &row) }
      XCTAssertEqual(String(decoding: row, as: UTF8.self), String(decoding: expected, as: UTF8.self), "\(v)")
      if row != expected { return }
    }
  }
}
