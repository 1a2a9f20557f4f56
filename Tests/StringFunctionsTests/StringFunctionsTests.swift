import Foundation
import LiuliangStringFunctions
import XCTest

/// Each function gives what the Foundation method it replaces gave: by hand on the cases that
/// matter, then against Foundation itself on many.
final class StringFunctionsTests: XCTestCase {
  func testTrimmingByHand() {
    XCTAssertEqual("  张伟\t".trimmingWhitespace(), "张伟")
    XCTAssertEqual("\u{3000}张伟\u{A0}".trimmingWhitespace(), "张伟", "ideographic and no-break spaces")
    XCTAssertEqual(" a b ".trimmingWhitespace(), "a b", "spaces inside stay")
    XCTAssertEqual("\na\n".trimmingWhitespace(), "\na\n", "line breaks are not whitespace here")
    XCTAssertEqual("\r\n a \u{2028}".trimmingWhitespaceAndNewlines(), "a")
    XCTAssertEqual(" \u{301}a".trimmingWhitespace(), "\u{301}a", "cut by scalar: the accent stays")
    XCTAssertEqual(" \t ".trimmingWhitespace(), "")
    XCTAssertEqual("".trimmingWhitespaceAndNewlines(), "")
  }

  func testTrimmingAsFoundation() {
    let ends: [Unicode.Scalar] = (0..<0x3100).compactMap { Unicode.Scalar(UInt32($0)) }
    for s in ends {
      let text = String(s) + "x" + String(s) + " " + String(s)
      XCTAssertEqual(text.trimmingWhitespace(), text.trimmingCharacters(in: .whitespaces), "U+\(s.value)")
      XCTAssertEqual(
        text.trimmingWhitespaceAndNewlines(), text.trimmingCharacters(in: .whitespacesAndNewlines),
        "U+\(s.value)")
    }
  }

  func testFixed() {
    XCTAssertEqual(String(fixed: 12.345, places: 2), "12.35")
    XCTAssertEqual(String(fixed: 0.125, places: 2), "0.12", "a tie rounds to even, as printf does")
    XCTAssertEqual(String(fixed: -0.001, places: 2), "-0.00")
    XCTAssertEqual(String(fixed: 1280.5, places: 2), "1280.50")
    XCTAssertEqual(String(fixed: 7, places: 0), "7")
    XCTAssertEqual(String(fixed: 1e300, places: 2).count, 304, "longer than the first buffer")
    for v in [0.005, 1.005, 2.675, 12.300000000000001, 1e20, -3.14159, .infinity, 123456.789] {
      XCTAssertEqual(String(fixed: v, places: 2), String(format: "%.2f", v))
    }
  }

  func testSignificant() {
    XCTAssertEqual(String(significant: 0.1 + 0.2, digits: 15), "0.3")
    XCTAssertEqual(String(significant: 1.5e20, digits: 15), "1.5e+20")
    XCTAssertEqual(String(significant: 13812341234.5, digits: 15), "13812341234.5")
    for v in [0.30000000000000004, 1e-7, 123456789012345678.0, -2.5, 1.0 / 3.0] {
      XCTAssertEqual(String(significant: v, digits: 15), String(format: "%.15g", v))
    }
  }

  func testDroppingLastPathComponent() {
    XCTAssertEqual("a/b/c.csv".droppingLastPathComponent, "a/b")
    XCTAssertEqual("/c.csv".droppingLastPathComponent, "/")
    XCTAssertEqual("c.csv".droppingLastPathComponent, "")
    XCTAssertEqual("x".droppingLastPathComponent, "", "Foundation's own traps on a one-letter name")
    XCTAssertEqual("a//b/".droppingLastPathComponent, "a")
    XCTAssertEqual("/a/b/".droppingLastPathComponent, "/a")
    XCTAssertEqual("./a".droppingLastPathComponent, ".")
    XCTAssertEqual("私域 名单/客户.xlsx".droppingLastPathComponent, "私域 名单")
    XCTAssertEqual("/".droppingLastPathComponent, "/")
    XCTAssertEqual("".droppingLastPathComponent, "")
  }
}
