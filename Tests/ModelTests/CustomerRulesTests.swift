import LiuliangModel
import XCTest

/// The one rule for a customer record, worked out by hand from what a mainland mobile number is.
final class CustomerRulesTests: XCTestCase {
  func testPhones() {
    for ok in ["", "  ", "13800138000", "138 0013 8000", "138-0013-8000", " 19912345678 "] {
      XCTAssertTrue(CustomerRules.isPhone(ok), ok.debugDescription)
    }
    for bad in [
      "abc", "-", "1380013800", "138001380001", "23800138000", "+8613800138000", "1380013800x",
      "１３８００１３８０００", "(138)00138000",
    ] {
      XCTAssertFalse(CustomerRules.isPhone(bad), bad.debugDescription)
    }
  }

  func testNamesAndTheFirstRuleBroken() {
    XCTAssertTrue(CustomerRules.isName("张伟"))
    XCTAssertTrue(CustomerRules.isName(" a "))
    XCTAssertFalse(CustomerRules.isName(""))
    XCTAssertFalse(CustomerRules.isName(" \u{3000}\t"))
    XCTAssertNil(CustomerRules.broken(Customer(id: "C1", name: "张伟", phone: "13800138000")))
    XCTAssertEqual(CustomerRules.broken(Customer(id: "C1", name: "", phone: "abc")), .noName)
    XCTAssertEqual(CustomerRules.broken(Customer(id: "C1", name: "李四", phone: "abc")), .notAMobile("abc"))
  }
}
