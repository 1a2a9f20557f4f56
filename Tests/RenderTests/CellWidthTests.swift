import XCTest

@testable import LiuliangRender

final class CellWidthTests: XCTestCase {
  func testReferenceWidths() {
    XCTAssertEqual(CellWidth.of("abc"), 3)
  }
}
