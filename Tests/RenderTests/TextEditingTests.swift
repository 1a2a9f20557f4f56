import XCTest

@testable import LiuliangRender

/// The keys that edit by one character do the same in a one-line field and a many-line area.
final class TextEditingTests: XCTestCase {
  func testCharacterKeysEditAFieldAndAnAreaAlike() {
    // From the end of "abc": two left to before b, Delete takes b, Backspace takes a, right
    // past c, and x is typed there: "cx" with the cursor at its end.
    let keys: [Key] = [.left, .left, .delete, .backspace, .right, .char("x")]
    var field = TextField(text: "abc")
    var area = TextArea(text: "abc")
    for key in keys {
      XCTAssertTrue(field.handle(key), "\(key)")
      XCTAssertTrue(area.handle(key, width: 10), "\(key)")
    }
    XCTAssertEqual(field.text, "cx")
    XCTAssertEqual(field.cursor, 2)
    XCTAssertEqual(area.text, "cx")
    XCTAssertEqual(area.cursor, 2)
  }
}
