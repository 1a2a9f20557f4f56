/// How wide a table column is.
public enum ColumnWidth: Sendable, Equatable, Hashable {
  case fixed(Int)
  /// At least `min` cells, then a share of the spare width proportional to `weight`.
  case flex(min: Int, weight: Int)
}

public struct TableColumn: Sendable, Equatable {
  public var title: String
  public var width: ColumnWidth
  public var align: Align

  public init(title: String, width: ColumnWidth, align: Align = .left) {
    self.title = title
    self.width = width
    self.align = align
  }
}

/// A scrolling table whose rows are asked for only when visible, so its size does not matter.
public struct Table {
  public var columns: [TableColumn]
  public var rowCount: Int
  /// The cell texts of row `i`, one per column; only called for visible rows.
  public var row: (Int) -> [String]
  public var selected: Int?
  /// The first visible row.
  public var offset: Int
  /// A style for a whole row (nil keeps `style`); the selection overrides it.
  public var rowStyle: ((Int) -> Style?)?
  /// Rows marked by the user; shown with `markGlyph` in a gutter when `showsMarks` is on.
  public var marked: Set<Int>
  public var showsMarks: Bool
  public var markGlyph: String
  public var showsHeader: Bool
  public var style: Style
  public var headerStyle: Style
  public var selectedStyle: Style
  /// Cells between columns.
  public var gap: Int
  /// Characters of a cell (row, column) to stand out, underlined and bold so that they show
  /// without colour too: what a search found.
  public var highlight: ((Int, Int) -> Range<Int>?)?

  public init(
    columns: [TableColumn], rowCount: Int, row: @escaping (Int) -> [String], selected: Int? = nil,
    offset: Int = 0, rowStyle: ((Int) -> Style?)? = nil, marked: Set<Int> = [],
    showsMarks: Bool = false, markGlyph: String = "✓", showsHeader: Bool = true,
    style: Style = .plain, headerStyle: Style = .header, selectedStyle: Style = .selection, gap: Int = 1
  ) {
    self.columns = columns
    self.rowCount = rowCount
    self.row = row
    self.selected = selected
    self.offset = offset
    self.rowStyle = rowStyle
    self.marked = marked
    self.showsMarks = showsMarks
    self.markGlyph = markGlyph
    self.showsHeader = showsHeader
    self.style = style
    self.headerStyle = headerStyle
    self.selectedStyle = selectedStyle
    self.gap = gap
  }

  /// Convenience for rows already in memory.
  public init(columns: [TableColumn], rows: [[String]], selected: Int? = nil, offset: Int = 0) {
    self.init(columns: columns, rowCount: rows.count, row: { rows[$0] }, selected: selected, offset: offset)
  }

  /// Cells of the mark gutter when marks are shown: the glyph and a space.
  public var gutterWidth: Int { showsMarks ? CellWidth.of(markGlyph) + 1 : 0 }

  /// Rows of data that fit in a rectangle of `height` rows.
  public func visibleRows(height: Int) -> Int { max(0, height - (showsHeader ? 1 : 0)) }

  /// The first row to show so that `selected` is visible, moving `offset` as little as possible.
  public static func scrollOffset(selected: Int?, offset: Int, visible: Int, count: Int) -> Int {
    if count <= 0 || visible <= 0 { return 0 }
    var o = min(max(0, offset), max(0, count - visible))
    if let s = selected {
      let s = min(max(0, s), count - 1)
      if s < o { o = s }
      if s >= o + visible { o = s - visible + 1 }
    }
    return o
  }

  /// Widths of `columns` in a total of `total` cells with `gap` cells between columns. Fixed
  /// columns get their width, flexible ones their minimum and then the spare cells by weight.
  /// When the total is short, columns at the right shrink first, down to nothing.
  public static func columnWidths(_ columns: [TableColumn], total: Int, gap: Int = 1) -> [Int] {
    if columns.isEmpty { return [] }
    var widths = columns.map { c -> Int in
      switch c.width {
      case .fixed(let n): return max(0, n)
      case .flex(let m, _): return max(0, m)
      }
    }
    let room = max(0, total - gap * (columns.count - 1))
    let used = widths.reduce(0, +)
    if used > room {
      var excess = used - room
      for i in widths.indices.reversed() where excess > 0 {
        let cut = min(widths[i], excess)
        widths[i] -= cut
        excess -= cut
      }
      return widths
    }
    let weights = columns.map { c -> Int in
      if case .flex(_, let w) = c.width { return max(0, w) }
      return 0
    }
    let weightSum = weights.reduce(0, +)
    let spare = room - used
    if spare > 0 && weightSum > 0 { Layout.share(spare, by: weights, into: &widths) }
    return widths
  }

  public func draw(into buf: inout Buffer, in rect: Rect) {
    if rect.isEmpty { return }
    let gutter = min(gutterWidth, rect.width)
    let widths = Table.columnWidths(columns, total: rect.width - gutter, gap: gap)
    var y = rect.y
    if showsHeader {
      buf.fill(rect.row(0), style: headerStyle)
      drawRow(
        columns.map(\.title), widths: widths, into: &buf, x: rect.x + gutter, y: y,
        maxX: rect.maxX, style: headerStyle)
      y += 1
    }
    let visible = visibleRows(height: rect.height)
    let first = max(0, offset)
    for i in 0..<visible {
      let r = first + i
      let line = Rect(x: rect.x, y: y + i, width: rect.width, height: 1)
      if r >= rowCount {
        buf.fill(line, style: style)
        continue
      }
      var s = rowStyle?(r) ?? style
      if r == selected { s = selectedStyle }
      buf.fill(line, style: s)
      if gutter > 0 && marked.contains(r) {
        buf.put(markGlyph, x: rect.x, y: y + i, style: s, maxWidth: gutter)
      }
      drawRow(row(r), widths: widths, into: &buf, x: rect.x + gutter, y: y + i, maxX: rect.maxX, style: s)
      if let highlight {
        drawHighlights(
          row(r), r, highlight, widths: widths, into: &buf, x: rect.x + gutter, y: y + i, maxX: rect.maxX)
      }
    }
  }

  private func drawHighlights(
    _ texts: [String], _ r: Int, _ highlight: (Int, Int) -> Range<Int>?, widths: [Int],
    into buf: inout Buffer,
    x: Int, y: Int, maxX: Int
  ) {
    var cx = x
    for (i, w) in widths.enumerated() {
      defer { cx += w + gap }
      guard w > 0, i < texts.count, let part = highlight(r, i), !part.isEmpty else { continue }
      // Only what the cell shows: a part cut off by the column's "…" is not marked.
      let shown = Array(fit(texts[i], width: w))
      let text = Array(texts[i])
      let whole = shown.count == text.count
      let end = min(part.upperBound, whole ? shown.count : shown.count - 1)
      guard part.lowerBound < end, columns[i].align == .left else { continue }
      let from = cx + CellWidth.of(String(text[0..<part.lowerBound]))
      let width = CellWidth.of(String(text[part.lowerBound..<end]))
      let clipped = min(width, maxX - from, cx + w - from)
      guard clipped > 0 else { continue }
      buf.restyle(Rect(x: from, y: y, width: clipped, height: 1)) { s in
        var t = s.underlined.bolded
        if s.role != .selection { t = t.with(role: .accent) }
        return t
      }
    }
  }

  private func drawRow(
    _ texts: [String], widths: [Int], into buf: inout Buffer, x: Int, y: Int, maxX: Int, style: Style
  ) {
    var cx = x
    for (i, w) in widths.enumerated() {
      if cx >= maxX { break }
      if w > 0 {
        let text = i < texts.count ? texts[i] : ""
        buf.put(
          pad(text, width: w, align: columns[i].align), x: cx, y: y, style: style,
          maxWidth: min(w, maxX - cx))
      }
      cx += w + gap
    }
  }
}
