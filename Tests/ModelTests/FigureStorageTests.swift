import LiuliangModel
import XCTest

/// The figures' 32-bit storage gives back what was put in.
final class FigureStorageTests: XCTestCase {
  func testEveryFieldRoundTripsAndTheRecordIsSmall() {
    XCTAssertLessThanOrEqual(MemoryLayout<CustomerFigures>.stride, 56)
    var f = CustomerFigures()
    XCTAssertNil(f.lastVisit)
    XCTAssertNil(f.recency)
    XCTAssertNil(f.medianGap)
    f.lastVisit = Day("2024-02-29")
    f.recency = 0
    f.medianGap = 12.5
    f.frequency = 400
    f.visitDays = 3
    f.allVisits = 1_000_000
    f.monetary = Money(fen: 9_000_000_000)
    XCTAssertEqual(f.lastVisit, Day("2024-02-29"))
    XCTAssertEqual(f.recency, 0)
    XCTAssertEqual(f.medianGap, 12.5)
    XCTAssertEqual(f.frequency, 400)
    XCTAssertEqual(f.visitDays, 3)
    XCTAssertEqual(f.allVisits, 1_000_000)
    XCTAssertEqual(f.monetary.fen, 9_000_000_000)
    f.medianGap = nil
    f.recency = nil
    XCTAssertNil(f.medianGap)
    XCTAssertNil(f.recency)
  }
}
