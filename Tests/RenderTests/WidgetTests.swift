import XCTest

@testable import LiuliangRender

final class TableTests: XCTestCase {
  private let columns = [
    TableColumn(title: "名字", width: .flex(min: 4, weight: 1)),
    TableColumn(title: "城市", width: .fixed(4)),
    TableColumn(title: "金额", width: .fixed(5), align: .right),
  ]
  private let rows = [
    ["张伟明", "北京", "12.50"],
    ["Alexander Hamilton", "上海市区", "1234.5"],
    ["李娜", "深圳", "7"],
  ]

  func testColumnWidths() {
    XCTAssertEqual(Table.columnWidths(columns, total: 20), [9, 4, 5])
    let fixed = [
      TableColumn(title: "", width: .fixed(5)), TableColumn(title: "", width: .fixed(5)),
      TableColumn(title: "", width: .flex(min: 4, weight: 1)),
    ]
    XCTAssertEqual(Table.columnWidths(fixed, total: 12), [5, 5, 0])
    XCTAssertEqual(Table.columnWidths(fixed, total: 8), [5, 1, 0])
  }

  func testSnapshot() {
    var b = Buffer(width: 20, height: 4)
    Table(columns: columns, rows: rows).draw(into: &b, in: b.rect)
    XCTAssertEqual(
      b.lines(),
      [
        "名字      城市  金额",
        "张伟明    北京 12.50",
        "Alexande… 上…  1234…",
        "李娜      深圳     7",
      ])
    XCTAssertEqual(b[0, 0].style, .header)
    XCTAssertEqual(b[19, 0].style, .header)
  }

  func testSelectionAndOffset() {
    var b = Buffer(width: 20, height: 3)
    Table(columns: columns, rows: rows, selected: 2, offset: 1).draw(into: &b, in: b.rect)
    XCTAssertEqual(
      b.lines(),
      [
        "名字      城市  金额",
        "Alexande… 上…  1234…",
        "李娜      深圳     7",
      ])
    XCTAssertEqual((0..<20).filter { b[$0, 2].style == .selection }.count, 20)
    XCTAssertEqual(b[5, 1].style, .plain)
  }

  func testOnlyVisibleRowsAreAsked() {
    final class Counter: @unchecked Sendable { var asked: [Int] = [] }
    let counter = Counter()
    let t = Table(
      columns: [TableColumn(title: "n", width: .flex(min: 1, weight: 1))], rowCount: 1_000_000,
      row: { i in
        counter.asked.append(i)
        return ["\(i)"]
      }, selected: 500_001, offset: 500_000)
    var b = Buffer(width: 8, height: 3)
    t.draw(into: &b, in: b.rect)
    XCTAssertEqual(counter.asked, [500_000, 500_001])
    XCTAssertEqual(b.lines(), ["n       ", "500000  ", "500001  "])
  }

  func testMarks() {
    var b = Buffer(width: 6, height: 3)
    let t = Table(
      columns: [TableColumn(title: "名", width: .flex(min: 1, weight: 1))], rowCount: 2,
      row: { [["甲"], ["乙"]][$0] }, marked: [1], showsMarks: true, markGlyph: "*")
    t.draw(into: &b, in: b.rect)
    XCTAssertEqual(b.lines(), ["  名  ", "  甲  ", "* 乙  "])
  }

  func testScrollOffset() {
    XCTAssertEqual(Table.scrollOffset(selected: 10, offset: 0, visible: 5, count: 100), 6)
    XCTAssertEqual(Table.scrollOffset(selected: 2, offset: 5, visible: 5, count: 100), 2)
    XCTAssertEqual(Table.scrollOffset(selected: 7, offset: 5, visible: 5, count: 100), 5)
    XCTAssertEqual(Table.scrollOffset(selected: 1, offset: 4, visible: 5, count: 3), 0)
    XCTAssertEqual(Table.scrollOffset(selected: nil, offset: 98, visible: 5, count: 100), 95)
    XCTAssertEqual(Table.scrollOffset(selected: 0, offset: 0, visible: 5, count: 0), 0)
  }
}

final class ChartTests: XCTestCase {
  func testSparkline() {
    XCTAssertEqual(Sparkline(values: [1, 2, 3, 4, 5, 6, 7, 8]).text(), "▁▂▃▄▅▆▇█")
    XCTAssertEqual(Sparkline(values: [5, 5, 5]).text(), "▄▄▄")
    XCTAssertEqual(Sparkline(values: []).text(), "")
    XCTAssertEqual(Sparkline(values: [0, 5, 10]).text(), "▁▅█")
    XCTAssertEqual(Sparkline(values: [1, 2, 3, 4, 5, 6, 7, 8]).text(width: 2), "▇█")
    var b = Buffer(width: 4, height: 1)
    Sparkline(values: [0, 10]).draw(into: &b, in: b.rect)
    XCTAssertEqual(b.lines(), ["▁█  "])
  }

  func testBars() {
    XCTAssertEqual(BarChart.bar(5, of: 10, width: 4), "██  ")
    XCTAssertEqual(BarChart.bar(1, of: 8, width: 4), "▌   ")
    XCTAssertEqual(BarChart.bar(3, of: 8, width: 2), "▊ ")
    XCTAssertEqual(BarChart.bar(10, of: 10, width: 3), "███")
    XCTAssertEqual(BarChart.bar(0, of: 10, width: 3), "   ")
    XCTAssertEqual(BarChart.bar(20, of: 10, width: 2), "██")
  }

  func testBarChart() {
    let chart = BarChart(rows: [
      BarRow(label: "张三", value: 10, text: "10 50%"),
      BarRow(label: "Li", value: 5, text: "5 25%", marker: 8),
      BarRow(label: "王", value: 5, text: "", marker: 3),
    ])
    var b = Buffer(width: 20, height: 3)
    chart.draw(into: &b, in: b.rect)
    XCTAssertEqual(
      b.lines(),
      [
        "张三 ████████ 10 50%",
        "Li   ████  │  5 25% ",
        "王   ██┃█           ",
      ])
  }

  func testKPITile() {
    var b = Buffer(width: 12, height: 6)
    let tile = KPITile(title: "客流", value: "1,234", detail: "+5%", sparkline: [1, 2, 3], style: .good)
    tile.draw(into: &b, in: b.rect)
    XCTAssertEqual(
      b.lines(),
      [
        "┌──────────┐",
        "│ 客流     │",
        "│ 1,234    │",
        "│ +5%      │",
        "│ ▁▅█      │",
        "└──────────┘",
      ])
    XCTAssertTrue(b[2, 2].style.bold)
    XCTAssertEqual(b[2, 2].style.role, .good)
  }

  private let heat = Heatmap(
    rowLabels: ["一", "二"], columnLabels: ["08", "09", "10"],
    cells: [
      [HeatCell(value: 0, level: 0), HeatCell(value: 5, level: 2, mark: "+"), nil],
      [HeatCell(value: 9, level: 4), HeatCell(value: 1, level: 1, mark: "-"), HeatCell(value: 7, level: 3)],
    ])

  func testHeatmapWide() {
    var b = Buffer(width: 12, height: 3)
    heat.draw(into: &b, in: b.rect)
    XCTAssertEqual(
      b.lines(),
      [
        "   08 09 10 ",
        "一    ▒+▒ · ",
        "二 ███░-░▓▓▓",
      ])
  }

  /// A wide terminal's map: 20 cells for 3 columns after the label and its gap, 6 each.
  func testHeatmapGrowsWithTheWidth() {
    var b = Buffer(width: 21, height: 3)
    heat.draw(into: &b, in: b.rect)
    XCTAssertEqual(
      b.lines(),
      [
        "     08    09    10  ",
        "一       ▒▒+▒▒▒  ·   ",
        "二 ██████░░-░░░▓▓▓▓▓▓",
      ])
    XCTAssertEqual(heat.cell(atX: 14, y: 2, in: b.rect)?.column, 1)
    var wide = Buffer(width: 80, height: 3)
    heat.draw(into: &wide, in: wide.rect)
    XCTAssertEqual(heat.cellWidth(for: 80), Heatmap.maxCellWidth, "no wider than 8")
  }

  func testHeatmapNarrow() {
    var b = Buffer(width: 10, height: 3)
    heat.draw(into: &b, in: b.rect)
    XCTAssertEqual(
      b.lines(),
      [
        "   080910 ",
        "一   ▒+·  ",
        "二 ██░-▓▓ ",
      ])
  }

  func testListView() {
    var b = Buffer(width: 4, height: 2)
    ListView(items: ["甲", "乙", "丙"], selected: 1, offset: 1).draw(into: &b, in: b.rect)
    XCTAssertEqual(b.lines(), ["乙  ", "丙  "])
    XCTAssertEqual(b[3, 0].style, .selection)
    XCTAssertEqual(b[3, 1].style, .plain)
  }
}

final class BoxTests: XCTestCase {
  func testBlock() {
    var b = Buffer(width: 10, height: 3)
    let inner = Block(title: "客户").draw(into: &b, in: b.rect)
    XCTAssertEqual(inner, Rect(x: 1, y: 1, width: 8, height: 1))
    XCTAssertEqual(b.lines(), ["┌ 客户 ──┐", "│        │", "└────────┘"])
    var c = Buffer(width: 8, height: 2)
    let bare = Block(title: "标题", border: false).draw(into: &c, in: c.rect)
    XCTAssertEqual(bare, Rect(x: 0, y: 1, width: 8, height: 1))
    XCTAssertEqual(c.lines(), ["标题    ", "        "])
  }

  func testConfirmDialog() {
    var b = Buffer(width: 40, height: 12)
    ConfirmDialog(title: "删除", message: "确定删除？", yes: "是", no: "否").draw(into: &b, in: b.rect)
    let l = b.lines()
    let side = String(repeating: " ", count: 8)
    XCTAssertEqual(l[1], String(repeating: " ", count: 40))
    XCTAssertEqual(l[2], side + "┌ 删除 " + String(repeating: "─", count: 16) + "┐" + side)
    XCTAssertEqual(l[3], side + "│" + String(repeating: " ", count: 22) + "│" + side)
    XCTAssertEqual(l[4], side + "│ 确定删除？" + String(repeating: " ", count: 11) + "│" + side)
    XCTAssertEqual(l[6], side + "│   [ 是 ]   [ 否 ]    │" + side)
    XCTAssertEqual(l[8], side + "└" + String(repeating: "─", count: 22) + "┘" + side)
    // No is highlighted unless yes is asked for.
    XCTAssertEqual(b[21, 6].style, .selection)
    XCTAssertEqual(b[12, 6].style, .plain)
  }

  func testHelpOverlay() {
    let help = HelpOverlay(
      title: "帮助",
      sections: [
        (heading: "移动", entries: [(keys: "j ↓", text: "下一行"), (keys: "k ↑", text: "上一行")]),
        (heading: "其他", entries: [(keys: "?", text: "帮助")]),
      ])
    XCTAssertEqual(help.lineCount, 6)
    var b = Buffer(width: 40, height: 12)
    help.draw(into: &b, in: b.rect)
    let l = b.lines()
    let left = String(repeating: " ", count: 12)
    let right = String(repeating: " ", count: 13)
    XCTAssertEqual(l[3], left + "│ 移动        │" + right)
    XCTAssertEqual(l[4], left + "│ j ↓  下一行 │" + right)
    XCTAssertEqual(l[6], left + "│             │" + right)
    // Each section's keys take only the width of its own widest keys.
    XCTAssertEqual(l[8], left + "│ ?  帮助     │" + right)
    var scrolled = help
    scrolled.offset = 4
    var s = Buffer(width: 40, height: 6)
    scrolled.draw(into: &s, in: s.rect)
    // Four content lines fit, so the offset stops at two.
    XCTAssertEqual(s.lines()[1], left + "│ k ↑  上一行 │" + right)
  }

  func testStatusLine() {
    let s = StatusLine(left: ["全部", "3 项"], right: "12:30")
    XCTAssertEqual(s.text(width: 30), " 全部 │ 3 项" + String(repeating: " ", count: 12) + "12:30 ")
    XCTAssertEqual(s.text(width: 15), " 全部 │ 3 项 1…")
    XCTAssertEqual(s.text(width: 13), " 全部 │ 3 项 ")
    XCTAssertEqual(s.text(width: 10), " 全部 │ 3…")
    var b = Buffer(width: 15, height: 1)
    s.draw(into: &b, in: b.rect)
    XCTAssertEqual(b[14, 0].style, .status)
  }
}

final class EditingTests: XCTestCase {
  func testTextFieldCursorWithChinese() {
    var f = TextField(text: "ab张伟")
    XCTAssertEqual(f.cursor, 4)
    XCTAssertEqual(f.cursorColumn, 6)
    f.left()
    XCTAssertEqual(f.cursorColumn, 4)
    f.backspace()
    XCTAssertEqual(f.text, "ab伟")
    XCTAssertEqual(f.cursor, 2)
    f.insert("明" as Character)
    XCTAssertEqual(f.text, "ab明伟")
    XCTAssertEqual(f.cursorColumn, 4)
    f.deleteForward()
    XCTAssertEqual(f.text, "ab明")
    f.home()
    f.deleteForward()
    XCTAssertEqual(f.text, "b明")
    f.end()
    f.right()
    XCTAssertEqual(f.cursor, 2)
    f.insert("x\ny")
    XCTAssertEqual(f.text, "b明x y")
    var b = Buffer(width: 10, height: 1)
    let pos = f.draw(into: &b, in: Rect(x: 1, y: 0, width: 9, height: 1), focused: true)
    XCTAssertEqual(pos?.x, 7)
    XCTAssertEqual(pos?.y, 0)
    XCTAssertEqual(b.lines(), [" b明x y   "])
  }

  func testTextFieldScrolls() {
    let f = TextField(text: "张伟明李")
    XCTAssertEqual(f.firstVisible(width: 6), 2)
    var b = Buffer(width: 6, height: 1)
    let pos = f.draw(into: &b, in: b.rect, focused: true)
    XCTAssertEqual(b.lines(), ["明李  "])
    XCTAssertEqual(pos?.x, 4)
    let a = TextField(text: "abcdef")
    var c = Buffer(width: 6, height: 1)
    XCTAssertEqual(a.draw(into: &c, in: c.rect, focused: true)?.x, 5)
    XCTAssertEqual(c.lines(), ["bcdef "])
    XCTAssertNil(a.draw(into: &c, in: c.rect, focused: false))
  }

  func testTextFieldPlaceholder() {
    var b = Buffer(width: 6, height: 1)
    let pos = TextField(placeholder: "搜索").draw(into: &b, in: b.rect, focused: true)
    XCTAssertEqual(b.lines(), ["搜索  "])
    XCTAssertTrue(b[0, 0].style.dim)
    XCTAssertEqual(pos?.x, 0)
  }

  func testTextAreaWrapAndVertical() {
    var t = TextArea(text: "张伟明李娜王")
    XCTAssertEqual(t.lines(width: 5), ["张伟", "明李", "娜王"])
    XCTAssertEqual(t.cursorPosition(width: 5).line, 2)
    XCTAssertEqual(t.cursorPosition(width: 5).column, 4)
    t.up(width: 5)
    // Column 4 of a wrapped line is the start of the next line, so the cursor stops before 李.
    XCTAssertEqual(t.cursor, 3)
    t.up(width: 5)
    XCTAssertEqual(t.cursor, 1)
    t.down(width: 5)
    XCTAssertEqual(t.cursor, 3)
    t.down(width: 5)
    XCTAssertEqual(t.cursor, 6)
    t.down(width: 5)
    XCTAssertEqual(t.cursor, 6)
    t.home(width: 5)
    XCTAssertEqual(t.cursor, 4)
    t.up(width: 5)
    t.end(width: 5)
    XCTAssertEqual(t.cursor, 3)
  }

  func testTextAreaColumnKeepsCells() {
    var t = TextArea(text: "abcd\n张伟明")
    t.cursor = 3
    t.down(width: 10)
    // Cell 3 falls inside 伟, so the cursor goes before it (cell 2).
    XCTAssertEqual(t.cursor, 6)
    XCTAssertEqual(t.cursorPosition(width: 10).column, 2)
    t.up(width: 10)
    XCTAssertEqual(t.cursor, 3)
  }

  func testTextAreaSoftLineEnd() {
    var t = TextArea(text: "abcdefgh")
    t.cursor = 4
    XCTAssertEqual(t.cursorPosition(width: 4).line, 1)
    XCTAssertEqual(t.cursorPosition(width: 4).column, 0)
    t.cursor = 8
    var b = Buffer(width: 4, height: 2)
    let pos = t.draw(into: &b, in: b.rect, focused: true)
    XCTAssertEqual(pos?.x, 3)
    XCTAssertEqual(pos?.y, 1)
  }

  func testTextAreaDrawScrolls() {
    let t = TextArea(text: "张伟明李娜王")
    var b = Buffer(width: 5, height: 2)
    let pos = t.draw(into: &b, in: b.rect, focused: true)
    XCTAssertEqual(b.lines(), ["明李 ", "娜王 "])
    XCTAssertEqual(pos?.x, 4)
    XCTAssertEqual(pos?.y, 1)
  }

  func testTextAreaEditing() {
    var t = TextArea()
    t.insert("ab")
    t.newline()
    t.insert("张" as Character)
    XCTAssertEqual(t.text, "ab\n张")
    t.backspace()
    t.backspace()
    XCTAssertEqual(t.text, "ab")
    XCTAssertTrue(t.handle(.char("c"), width: 10))
    XCTAssertFalse(t.handle(.enter, width: 10))
    XCTAssertEqual(t.text, "abc")
  }
}
