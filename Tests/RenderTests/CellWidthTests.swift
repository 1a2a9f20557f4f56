import XCTest

@testable import LiuliangRender

final class CellWidthTests: XCTestCase {
  func testReferenceStrings() {
    XCTAssertEqual(CellWidth.of("abc"), 3)
    XCTAssertEqual(CellWidth.of("张伟"), 4)
    XCTAssertEqual(CellWidth.of("，。"), 4)
    XCTAssertEqual(CellWidth.of("e\u{301}"), 1)
    XCTAssertEqual(CellWidth.of("한국"), 4)
    XCTAssertEqual(CellWidth.of("\u{FF71}"), 1)
    XCTAssertEqual(CellWidth.of("👍"), 2)
    XCTAssertEqual(CellWidth.of("a张b"), 4)
    XCTAssertEqual(CellWidth.of(""), 0)
  }

  func testGraphemes() {
    XCTAssertEqual(CellWidth.of("\u{2764}\u{FE0F}" as Character), 2)
    XCTAssertEqual(CellWidth.of("\u{2764}" as Character), 1)
    XCTAssertEqual(CellWidth.of("👨\u{200D}👩\u{200D}👧" as Character), 2)
    XCTAssertEqual(CellWidth.of("\t" as Character), 0)
    XCTAssertEqual(CellWidth.of("\r\n" as Character), 0)
  }

  func testScalars() {
    XCTAssertEqual(CellWidth.of("\u{200D}" as Unicode.Scalar), 0)
    XCTAssertEqual(CellWidth.of("\u{FE0F}" as Unicode.Scalar), 0)
    XCTAssertEqual(CellWidth.of("\u{0301}" as Unicode.Scalar), 0)
    XCTAssertEqual(CellWidth.of("\u{00AD}" as Unicode.Scalar), 0)
    XCTAssertEqual(CellWidth.of("\u{1F}" as Unicode.Scalar), 0)
    XCTAssertEqual(CellWidth.of("\u{85}" as Unicode.Scalar), 0)
    XCTAssertEqual(CellWidth.of("é" as Unicode.Scalar), 1)
    XCTAssertEqual(CellWidth.of("\u{1100}" as Unicode.Scalar), 2)
    XCTAssertEqual(CellWidth.of("\u{115F}" as Unicode.Scalar), 2)
    // A Hangul vowel jamo joins the consonant before it (wcwidth and terminals agree).
    XCTAssertEqual(CellWidth.of("\u{1160}" as Unicode.Scalar), 0)
    XCTAssertEqual(CellWidth.of("\u{303F}" as Unicode.Scalar), 1)
    XCTAssertEqual(CellWidth.of("\u{FF60}" as Unicode.Scalar), 2)
    XCTAssertEqual(CellWidth.of("\u{FF61}" as Unicode.Scalar), 1)
    XCTAssertEqual(CellWidth.of("\u{1F9FF}" as Unicode.Scalar), 2)
    XCTAssertEqual(CellWidth.of("\u{20000}" as Unicode.Scalar), 2)
    XCTAssertEqual(CellWidth.of("\u{3FFFE}" as Unicode.Scalar), 1)
  }

  // When cut, the result never exceeds the target; a wide character that would cross the limit
  // is dropped, which can leave the result one cell short. pad fills that cell with a space.
  func testFitChinese() {
    XCTAssertEqual(fit("张伟明", width: 6), "张伟明")
    XCTAssertEqual(fit("张伟明", width: 5), "张伟…")
    XCTAssertEqual(fit("张伟明", width: 4), "张…")
    XCTAssertEqual(fit("张伟明", width: 3), "张…")
    XCTAssertEqual(fit("张伟明", width: 2), "…")
    XCTAssertEqual(fit("张", width: 1), "…")
    XCTAssertEqual(fit("abcdef", width: 4), "abc…")
    XCTAssertEqual(fit("abc", width: 0), "")
  }

  func testPad() {
    XCTAssertEqual(pad("张伟明", width: 4), "张… ")
    XCTAssertEqual(pad("张伟明", width: 5, align: .right), "张伟…")
    XCTAssertEqual(pad("张伟明", width: 4, align: .right), " 张…")
    XCTAssertEqual(pad("ab", width: 5, align: .right), "   ab")
    XCTAssertEqual(pad("ab", width: 5, align: .center), " ab  ")
    XCTAssertEqual(pad("张", width: 3), "张 ")
    XCTAssertEqual(CellWidth.of(pad("한국어입니다", width: 7)), 7)
  }

  func testWrap() {
    XCTAssertEqual(wrap("hello world foo", width: 8), ["hello ", "world ", "foo"])
    XCTAssertEqual(wrap("张伟明李娜王", width: 5), ["张伟", "明李", "娜王"])
    XCTAssertEqual(wrap("ab\ncd", width: 10), ["ab", "cd"])
    XCTAssertEqual(wrap("ab\n", width: 10), ["ab", ""])
    XCTAssertEqual(wrap("abcdefgh", width: 4), ["abcd", "efgh"])
  }

  /// Mixed text breaks after a space or a Chinese character, never inside a Latin word.
  func testWrapKeepsLatinWordsWholeBesideChinese() {
    XCTAssertEqual(wrap("中文Excel", width: 6), ["中文", "Excel"])
    XCTAssertEqual(wrap("或 Excel 表", width: 6), ["或 ", "Excel ", "表"])
    XCTAssertEqual(wrap("按 a 添加一位客户", width: 9), ["按 a 添加", "一位客户"])
  }

  /// 。，、 and the other closing marks never start a line: the character before goes down with
  /// them. Four ideographs fill 8 cells, so 。 would have started the second line.
  func testWrapNeverStartsALineWithAClosingMark() {
    XCTAssertEqual(wrap("一二三四。五六", width: 8), ["一二三", "四。五六"])
    XCTAssertEqual(wrap("一二三四，、五六", width: 8), ["一二三", "四，、五", "六"])
    XCTAssertEqual(wrap("一二三四五六", width: 8), ["一二三四", "五六"], "no mark, no change")
    XCTAssertEqual(wrap("。。。。。", width: 4), ["。。", "。。", "。"], "a line of marks alone keeps them")
    for line in wrap("店员冷漠，上菜慢，等了四十分钟。服务员说：“马上好。”结果又等了二十分钟、没人理。", width: 11).dropFirst() {
      XCTAssertFalse(TextLines.noLineStart.contains(line.first!), line)
    }
  }

  func testKeyLabels() {
    XCTAssertEqual(Key.char("j").label, "j")
    XCTAssertEqual(Key.up.label, "↑")
    XCTAssertEqual(Key.pageUp.label, "PgUp")
    XCTAssertEqual(Key.ctrl("r").label, "Ctrl-R")
    XCTAssertEqual(Key.tab.label, "Tab")
    XCTAssertEqual(Key.backTab.label, "Shift-Tab")
    XCTAssertEqual(Key.enter.label, "Enter")
    XCTAssertEqual(Key.escape.label, "Esc")
    XCTAssertEqual(Key.function(5).label, "F5")
  }
}
