import Foundation
import LiuliangModel
import XCTest

@testable import LiuliangStore

/// Customers with equal long notes, tags and sources share one copy of each, and every value
/// still reads as written.
final class SharedValuesTests: XCTestCase {
  func address(_ s: String) -> UnsafeRawPointer? {
    var s = s
    return s.withUTF8 { UnsafeRawPointer($0.baseAddress) }
  }

  func testEqualLongValuesShareOneCopy() throws {
    let folder = try temporaryFolder("shared")
    // 每次都点红烧肉 is 21 bytes, 朋友介绍来的客人 24, 重口味;爱喝汤 19: none fits in place.
    var csv = "id,name,tags,source,notes\n"
    for i in 0..<6 { csv += "C\(i),王\(i),重口味;爱喝汤,朋友介绍来的客人,每次都点红烧肉\n" }
    csv += "D1,李,\"重口味; 爱喝汤\",到店,\"每次都点红烧肉, 不要葱\"\n"
    try Data(csv.utf8).write(to: URL(fileURLWithPath: folder + "/customers.csv"))
    let cs = try Store(folder: folder, mode: .readOnly).dataset.customers
    XCTAssertEqual(cs.count, 7)
    for c in cs.prefix(6) {
      XCTAssertEqual(c.notes, "每次都点红烧肉")
      XCTAssertEqual(c.source, "朋友介绍来的客人")
      XCTAssertEqual(c.tags, ["重口味", "爱喝汤"])
      XCTAssertEqual(address(c.notes), address(cs[0].notes))
      XCTAssertEqual(address(c.source), address(cs[0].source))
      XCTAssertEqual(
        c.tags.withUnsafeBufferPointer { $0.baseAddress },
        cs[0].tags.withUnsafeBufferPointer { $0.baseAddress })
    }
    // Other spellings of the same tags are their own field, and read the same.
    XCTAssertEqual(cs[6].tags, ["重口味", "爱喝汤"])
    XCTAssertEqual(cs[6].notes, "每次都点红烧肉, 不要葱")
    XCTAssertEqual(cs[6].source, "到店")
  }

  func testPastItsLimitItOnlyLooksUp() {
    let shared = SharedValues()
    let first = "一个很长的备注：第0条"
    XCTAssertEqual(shared.text(first), first)
    for i in 1...SharedValues.most + 10 {
      let s = "一个很长的备注：第\(i)条"
      XCTAssertEqual(shared.text(s), s)
    }
    let again = String(decoding: Array(first.utf8), as: UTF8.self)
    XCTAssertNotEqual(address(again), address(first))
    XCTAssertEqual(
      address(shared.text(again)), address(first), "a value seen before the limit is still shared")
  }
}
