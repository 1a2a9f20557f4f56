/// A boxed key figure: its name, the value in bold, a detail line and a sparkline.
public struct KPITile: Sendable {
  public var title: String
  public var value: String
  public var detail: String
  public var sparkline: [Double]
  /// The style of the value and the sparkline (a role such as `.good` or `.bad`).
  public var style: Style
  public var border: Bool

  public init(
    title: String, value: String, detail: String = "", sparkline: [Double] = [], style: Style = .plain,
    border: Bool = true
  ) {
    self.title = title
    self.value = value
    self.detail = detail
    self.sparkline = sparkline
    self.style = style
    self.border = border
  }

  /// Rows the tile needs to show everything: the three text lines, the sparkline, the border.
  public var preferredHeight: Int { 4 + (border ? 2 : 0) }

  public func draw(into buf: inout Buffer, in rect: Rect) {
    let inner = Block(border: border, clearsInside: true).draw(into: &buf, in: rect)
    if inner.isEmpty { return }
    let x = inner.x + (border ? 1 : 0)
    let w = max(0, inner.width - (border ? 2 : 0))
    // With little room the value goes first, then the title, then the detail.
    var lines: [(String, Style)] = [(title, .dim), (value, style.bolded), (detail, .plain)]
    if inner.height == 1 { lines = [lines[1]] }
    let hasSpark = !sparkline.isEmpty && inner.height > lines.count
    for (i, l) in lines.prefix(inner.height).enumerated() {
      buf.put(fit(l.0, width: w), x: x, y: inner.y + i, style: l.1, maxWidth: w)
    }
    if hasSpark {
      Sparkline(values: sparkline, style: style).draw(
        into: &buf, in: Rect(x: x, y: inner.maxY - 1, width: w, height: 1))
    }
  }
}

/// One bar of a `BarChart`.
public struct BarRow: Sendable, Equatable {
  public var label: String
  public var value: Double
  /// Shown after the bar, for example a count and a share.
  public var text: String
  /// A reference value (a benchmark), drawn as a vertical tick across the bar.
  public var marker: Double?
  public var style: Style

  public init(label: String, value: Double, text: String = "", marker: Double? = nil, style: Style = .plain) {
    self.label = label
    self.value = value
    self.text = text
    self.marker = marker
    self.style = style
  }
}

/// Horizontal bars, one per row: label, bar in eighths of a cell, text.
public struct BarChart: Sendable {
  public static var eighths: [Character] { Glyphs.current.eighths }

  public var rows: [BarRow]
  /// The value of a full bar; the largest value or marker when nil.
  public var maxValue: Double?
  public var labelStyle: Style
  public var textStyle: Style
  public var markerStyle: Style

  public init(
    rows: [BarRow], maxValue: Double? = nil, labelStyle: Style = .plain, textStyle: Style = .plain,
    markerStyle: Style = .accent
  ) {
    self.rows = rows
    self.maxValue = maxValue
    self.labelStyle = labelStyle
    self.textStyle = textStyle
    self.markerStyle = markerStyle
  }

  /// The bar for `value` out of `maximum` in `width` cells, full blocks then one eighth block,
  /// padded with spaces to `width` cells.
  public static func bar(_ value: Double, of maximum: Double, width: Int) -> String {
    if width <= 0 { return "" }
    var eighths = 0
    if maximum > 0 && value.isFinite && value > 0 {
      eighths = Int((min(value, maximum) / maximum * Double(width * 8)).rounded())
    }
    let full = eighths / 8
    let part = eighths % 8
    var s = String(repeating: Glyphs.current.full, count: full)
    if part > 0 { s.append(eighths8(part)) }
    return s + String(repeating: " ", count: width - full - (part > 0 ? 1 : 0))
  }

  private static func eighths8(_ n: Int) -> Character { eighths[n - 1] }

  /// The cell of a `width`-cell bar where the marker for `value` falls.
  public static func markerColumn(_ value: Double, of maximum: Double, width: Int) -> Int {
    if width <= 0 || !(maximum > 0) || !value.isFinite { return 0 }
    let t = max(0, min(value, maximum)) / maximum
    return min(width - 1, Int(t * Double(width)))
  }

  public func draw(into buf: inout Buffer, in rect: Rect) {
    if rect.isEmpty || rows.isEmpty { return }
    var top = maxValue ?? 0
    if maxValue == nil {
      for r in rows {
        top = max(top, r.value)
        if let m = r.marker { top = max(top, m) }
      }
    }
    let textW = rows.map { CellWidth.of($0.text) }.max() ?? 0
    var labelW = rows.map { CellWidth.of($0.label) }.max() ?? 0
    // The bar keeps at least a third of the width; labels are cut before it shrinks more.
    labelW = min(labelW, max(0, rect.width - textW - 2 - rect.width / 3))
    let barX = rect.x + labelW + (labelW > 0 ? 1 : 0)
    let barW = max(0, rect.maxX - barX - (textW > 0 ? textW + 1 : 0))
    for (i, r) in rows.prefix(rect.height).enumerated() {
      let y = rect.y + i
      buf.fill(rect.row(i), style: .plain)
      if labelW > 0 { buf.put(r.label, x: rect.x, y: y, width: labelW, style: labelStyle) }
      let bar = BarChart.bar(r.value, of: top, width: barW)
      buf.put(bar, x: barX, y: y, style: r.style, maxWidth: barW)
      if let m = r.marker, barW > 0 {
        let col = BarChart.markerColumn(m, of: top, width: barW)
        let g = Glyphs.current
        let filled = buf[barX + col, y].text == String(g.full)
        buf.put(String(filled ? g.markerOnBar : g.marker), x: barX + col, y: y, style: markerStyle)
      }
      if textW > 0 {
        let tx = barX + barW + 1
        buf.put(r.text, x: tx, y: y, style: textStyle, maxWidth: rect.maxX - tx)
      }
    }
  }
}

/// One cell of a `Heatmap`.
public struct HeatCell: Sendable, Equatable {
  public var value: Double
  /// 0 to 4, drawn with " ░▒▓█" so the map reads without colour.
  public var level: Int
  /// An optional one-cell sign in the middle of the cell (the caller gives it a meaning).
  public var mark: Character?
  public var style: Style

  public init(value: Double, level: Int, mark: Character? = nil, style: Style = .plain) {
    self.value = value
    self.level = min(4, max(0, level))
    self.mark = mark
    self.style = style
  }
}

/// A grid of levels with row labels at the left and column labels on top. A nil cell is
/// closed and shows "·".
public struct Heatmap: Sendable {
  public static var levels: [Character] { Glyphs.current.levels }
  public static var closed: Character { Glyphs.current.closed }

  public var rowLabels: [String]
  public var columnLabels: [String]
  public var cells: [[HeatCell?]]
  public var labelStyle: Style
  /// First row and column shown, for maps larger than their rectangle.
  public var rowOffset: Int
  public var columnOffset: Int

  public init(
    rowLabels: [String], columnLabels: [String], cells: [[HeatCell?]], labelStyle: Style = .dim,
    rowOffset: Int = 0, columnOffset: Int = 0
  ) {
    self.rowLabels = rowLabels
    self.columnLabels = columnLabels
    self.cells = cells
    self.labelStyle = labelStyle
    self.rowOffset = rowOffset
    self.columnOffset = columnOffset
  }

  public var labelWidth: Int { rowLabels.map { CellWidth.of($0) }.max() ?? 0 }

  /// The widest a map cell grows on a wide terminal.
  public static let maxCellWidth = 8

  /// Cells per map cell: the columns share `width` (up to `maxCellWidth` each), 3 at least when
  /// every column fits that way, else 2.
  public func cellWidth(for width: Int) -> Int {
    let cols = max(1, columnLabels.count)
    let room = width - labelWidth - 1
    return room >= cols * 3 ? min(Self.maxCellWidth, room / cols) : 2
  }

  /// The text of one cell `w` cells wide: the level's glyph on both sides of the mark.
  public static func text(_ cell: HeatCell?, width w: Int) -> String {
    // Two cells: the glyph, then the mark; a closed hour's glyph, then a space.
    let left = w >= 3 ? (w - 1) / 2 : max(0, w - 1)
    let right = max(0, w - 1 - left)
    guard let c = cell else {
      let before = w >= 3 ? left : 0
      return String(repeating: " ", count: before) + "\(closed)"
        + String(repeating: " ", count: max(0, w - 1 - before))
    }
    let g = levels[c.level]
    let mid = c.mark ?? g
    return String(repeating: g, count: left) + "\(mid)" + String(repeating: g, count: right)
  }

  /// The row and column of the cell drawn at screen cell (x, y) by `draw(into:in: rect)`, or
  /// nil when no cell is there.
  public func cell(atX x: Int, y: Int, in rect: Rect) -> (row: Int, column: Int)? {
    if rect.isEmpty { return nil }
    let lw = min(labelWidth, rect.width)
    let cw = cellWidth(for: rect.width)
    let gridX = rect.x + lw + (lw > 0 ? 1 : 0)
    let fitting = max(0, (rect.maxX - gridX) / cw)
    let rowsShown = min(max(0, rowLabels.count - max(0, rowOffset)), rect.height - 1)
    let i = y - rect.y - 1
    guard x >= gridX, i >= 0, i < rowsShown else { return nil }
    let k = (x - gridX) / cw
    let c = max(0, columnOffset) + k
    guard k < fitting, c < columnLabels.count else { return nil }
    return (max(0, rowOffset) + i, c)
  }

  public func draw(into buf: inout Buffer, in rect: Rect) {
    if rect.isEmpty { return }
    let lw = min(labelWidth, rect.width)
    let cw = cellWidth(for: rect.width)
    let gridX = rect.x + lw + (lw > 0 ? 1 : 0)
    let fitting = max(0, (rect.maxX - gridX) / cw)
    let firstCol = max(0, columnOffset)
    let lastCol = min(columnLabels.count, firstCol + fitting)
    buf.fill(rect.row(0))
    for c in firstCol..<max(firstCol, lastCol) {
      buf.put(
        columnLabels[c], x: gridX + (c - firstCol) * cw, y: rect.y, width: cw, align: .center,
        style: labelStyle)
    }
    let rowsShown = min(max(0, rowLabels.count - max(0, rowOffset)), rect.height - 1)
    for i in 0..<max(0, rowsShown) {
      let r = max(0, rowOffset) + i
      let y = rect.y + 1 + i
      buf.fill(rect.row(1 + i))
      if lw > 0 { buf.put(rowLabels[r], x: rect.x, y: y, width: lw, style: labelStyle) }
      let rowCells = r < cells.count ? cells[r] : []
      for c in firstCol..<max(firstCol, lastCol) {
        let cell: HeatCell? = c < rowCells.count ? rowCells[c] : nil
        let x = gridX + (c - firstCol) * cw
        buf.put(Heatmap.text(cell, width: cw), x: x, y: y, style: cell?.style ?? labelStyle, maxWidth: cw)
      }
    }
  }
}

/// A scrolling list of one-line items with a selection.
public struct ListView: Sendable {
  public var items: [String]
  public var selected: Int?
  public var offset: Int
  public var style: Style
  public var selectedStyle: Style

  public init(
    items: [String], selected: Int? = nil, offset: Int = 0, style: Style = .plain,
    selectedStyle: Style = .selection
  ) {
    self.items = items
    self.selected = selected
    self.offset = offset
    self.style = style
    self.selectedStyle = selectedStyle
  }

  public func draw(into buf: inout Buffer, in rect: Rect) {
    if rect.isEmpty { return }
    for i in 0..<rect.height {
      let r = max(0, offset) + i
      let s = r == selected ? selectedStyle : style
      let text = r < items.count ? items[r] : ""
      buf.put(text, x: rect.x, y: rect.y + i, width: rect.width, style: r < items.count ? s : style)
    }
  }
}
