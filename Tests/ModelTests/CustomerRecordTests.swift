import LiuliangModel
import XCTest

final class CustomerRecordTests: XCTestCase {
  /// Six strings (16 bytes each) and the tags' array (8), the tier and reason (a byte each,
  /// padded to 4), five dates of 4 bytes: 96 + 8 + 4 + 20 = 128.
  func testACustomerTakes128Bytes() {
    XCTAssertEqual(MemoryLayout<Customer>.stride, 128)
  }

  func testEveryDateKeepsItsDayOrNone() {
    let days = [nil, Day(year: 1900, month: 1, day: 1), Day(year: 2026, month: 11, day: 16), Day(raw: 0)]
    for d in days {
      var c = Customer(id: "c1", name: "王", joined: d, birthday: d, churnedOn: d, welcomedOn: d, winBackOn: d)
      XCTAssertEqual(c.joined, d)
      XCTAssertEqual(c.birthday, d)
      XCTAssertEqual(c.churnedOn, d)
      XCTAssertEqual(c.welcomedOn, d)
      XCTAssertEqual(c.winBackOn, d)
      // Each field is its own: setting one leaves the others.
      c.birthday = Day(year: 1990, month: 5, day: 4)
      XCTAssertEqual(c.joined, d)
      XCTAssertEqual(c.birthday, Day(year: 1990, month: 5, day: 4))
      c.winBackOn = nil
      XCTAssertNil(c.winBackOn)
      XCTAssertEqual(c.welcomedOn, d)
    }
    let a = Customer(id: "c1", name: "王", joined: nil)
    let b = Customer(id: "c1", name: "王", joined: Day(raw: 0))
    XCTAssertNotEqual(a, b, "no date and the first day are different customers")
  }
}
