import XCTest

@testable import LiuliangRender

final class BufferTests: XCTestCase {
  func testPutWide() {
    var b = Buffer(width: 5, height: 1)
    XCTAssertEqual(b.put("张伟", x: 0, y: 0), 4)
    XCTAssertEqual(b.lines(), ["张伟 "])
    XCTAssertEqual(b[0, 0].text, "张")
    XCTAssertEqual(b[1, 0].text, "")
  }

  func testOverwriteRightHalf() {
    var b = Buffer(width: 4, height: 1)
    b.put("张伟", x: 0, y: 0)
    b.put("x", x: 1, y: 0)
    XCTAssertEqual(b.lines(), [" x伟"])
  }

  func testOverwriteLeftHalf() {
    var b = Buffer(width: 4, height: 1)
    b.put("张伟", x: 0, y: 0)
    b.put("y", x: 2, y: 0)
    XCTAssertEqual(b.lines(), ["张y "])
    XCTAssertEqual(b[3, 0].text, " ")
  }

  func testWideAtEdgeBecomesSpace() {
    var b = Buffer(width: 4, height: 1)
    XCTAssertEqual(b.put("张伟", x: 1, y: 0), 3)
    XCTAssertEqual(b.lines(), [" 张 "])
    var c = Buffer(width: 6, height: 1)
    c.put("ab张", x: 0, y: 0, maxWidth: 3)
    XCTAssertEqual(c.lines(), ["ab    "])
  }

  func testClipping() {
    var b = Buffer(width: 4, height: 2)
    XCTAssertEqual(b.put("abcdef", x: 0, y: 0, maxWidth: 3), 3)
    b.put("张ab", x: -1, y: 1)
    XCTAssertEqual(b.lines(), ["abc ", " ab "])
    XCTAssertEqual(b.put("zz", x: 0, y: 5), 0)
  }

  func testFillAndClear() {
    var b = Buffer(width: 3, height: 2)
    b.fill(Rect(x: 1, y: 0, width: 5, height: 1), with: "#", style: .bad)
    XCTAssertEqual(b.lines(), [" ##", "   "])
    XCTAssertEqual(b[2, 0].style, .bad)
    b.clear()
    XCTAssertEqual(b, Buffer(width: 3, height: 2))
  }

  func testChangesAll() {
    var b = Buffer(width: 3, height: 2)
    b.put("ab", x: 0, y: 1)
    let ch = b.changes(since: nil)
    XCTAssertEqual(ch.map(\.y), [0, 1])
    XCTAssertEqual(ch[1].cells.map(\.text), ["a", "b", " "])
    XCTAssertEqual(b.changes(since: Buffer(width: 4, height: 2)).count, 2)
  }

  func testChangesRuns() {
    let old = Buffer(width: 6, height: 2)
    var b = old
    b.put("ab", x: 1, y: 1)
    b.put("z", x: 5, y: 1)
    XCTAssertEqual(
      b.changes(since: old),
      [
        Change(x: 1, y: 1, cells: [Cell("a"), Cell("b")]),
        Change(x: 5, y: 1, cells: [Cell("z")]),
      ])
    XCTAssertEqual(b.changes(since: b), [])
  }

  func testChangesKeepWideWhole() {
    var old = Buffer(width: 5, height: 1)
    old.put("张伟", x: 0, y: 0)
    var b = old
    b.put("李", x: 0, y: 0)
    XCTAssertEqual(b.changes(since: old), [Change(x: 0, y: 0, cells: [Cell("李"), Cell("")])])
  }

  func testRestyle() {
    var b = Buffer(width: 2, height: 1)
    b.put("ab", x: 0, y: 0)
    b.restyle(b.rect) { $0.reversed }
    XCTAssertEqual(b[1, 0], Cell("b", style: .reverse))
  }
}

final class LayoutTests: XCTestCase {
  func testFixedPercentFlex() {
    let r = Rect(x: 0, y: 0, width: 100, height: 10)
    let parts = Layout.split(r, .horizontal, [.fixed(20), .percent(30), .flex(1), .flex(1)])
    XCTAssertEqual(parts.map(\.width), [20, 30, 25, 25])
    XCTAssertEqual(parts.map(\.x), [0, 20, 50, 75])
    XCTAssertEqual(parts.map(\.height), [10, 10, 10, 10])
  }

  func testMinAndRounding() {
    XCTAssertEqual(Layout.sizes(total: 10, [.fixed(3), .min(4), .flex(1)]), [3, 6, 1])
    XCTAssertEqual(Layout.sizes(total: 10, [.flex(1), .flex(2)]), [4, 6])
    XCTAssertEqual(Layout.sizes(total: 10, [.flex(1), .flex(1), .flex(1)]), [4, 3, 3])
  }

  func testShortAndLeftover() {
    XCTAssertEqual(Layout.sizes(total: 5, [.fixed(4), .fixed(4)]), [4, 1])
    XCTAssertEqual(Layout.sizes(total: 5, [.fixed(2)]), [5])
    XCTAssertEqual(Layout.sizes(total: 3, [.min(5), .flex(1)]), [3, 0])
    XCTAssertEqual(Layout.sizes(total: -2, [.fixed(1)]), [0])
    XCTAssertEqual(Layout.sizes(total: 7, []), [])
  }

  func testSumsToRect() {
    let r = Rect(x: 2, y: 3, width: 40, height: 37)
    let cs: [Constraint] = [.fixed(1), .percent(33), .min(2), .flex(3), .flex(2), .fixed(1)]
    let parts = r.rows(cs)
    XCTAssertEqual(parts.map(\.height).reduce(0, +), 37)
    XCTAssertEqual(parts.first?.y, 3)
    XCTAssertEqual(parts.last.map { $0.y + $0.height }, 40)
    XCTAssertTrue(parts.allSatisfy { $0.height >= 0 })
  }

  func testRectHelpers() {
    let r = Rect(x: 0, y: 0, width: 10, height: 6)
    XCTAssertEqual(r.inset(by: 1), Rect(x: 1, y: 1, width: 8, height: 4))
    XCTAssertEqual(r.centered(width: 4, height: 2), Rect(x: 3, y: 2, width: 4, height: 2))
    XCTAssertEqual(r.splitTop(2).rest, Rect(x: 0, y: 2, width: 10, height: 4))
    XCTAssertEqual(r.splitBottom(1).bottom, Rect(x: 0, y: 5, width: 10, height: 1))
  }
}
