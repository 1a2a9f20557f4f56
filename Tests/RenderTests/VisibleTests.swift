import LiuliangRender
import XCTest

/// How text for a terminal shows the controls a name may hold.
final class VisibleTests: XCTestCase {
  func testControlsBecomePicturesOrEscapes() {
    XCTAssertEqual(Visible.text("a\u{1B}]0;t\u{07}b"), "a\u{241B}]0;t\u{2407}b")
    XCTAssertEqual(Visible.text("\u{00}\u{1F}\u{7F}"), "\u{2400}\u{241F}\u{2421}")
    XCTAssertEqual(Visible.text("x\u{80}\u{9B}\u{9F}"), "x\\u0080\\u009B\\u009F")
    XCTAssertEqual(
      Visible.text("\u{202A}\u{202E}\u{2066}\u{2069}\u{200E}\u{200F}\u{061C}"),
      "\\u202A\\u202E\\u2066\\u2069\\u200E\\u200F\\u061C")
    XCTAssertEqual(Visible.text("one\ntwo\r\n"), "one\ntwo\u{240D}\n")
    XCTAssertEqual(Visible.text("one\ntwo", keepingNewlines: false), "one\u{240A}two")
  }

  func testOrdinaryTextIsUntouched() {
    for s in ["张伟", "¥2700 …", "👨‍👩‍👧 family", "é", "Lily✨", "\u{200D}", "\u{A0}"] {
      XCTAssertEqual(Visible.text(s), s)
      XCTAssertFalse(Visible.holdsControl(s), s)
    }
    XCTAssertTrue(Visible.holdsControl("a\u{202E}"))
    XCTAssertTrue(Visible.holdsControl("a\n"))
  }
}
