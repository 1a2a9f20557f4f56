/// A run of changed cells on one row, produced by `Buffer.changes(since:)`.
public struct Change: Sendable, Equatable {
  public var x: Int
  public var y: Int
  public var cells: [Cell]

  public init(x: Int, y: Int, cells: [Cell]) {
    self.x = x
    self.y = y
    self.cells = cells
  }
}

/// A screen's worth of cells. Widgets draw into it; the terminal writes what changed.
public struct Buffer: Sendable, Equatable {
  public private(set) var width: Int
  public private(set) var height: Int
  private var cells: [Cell]

  public init(width: Int, height: Int) {
    self.width = max(0, width)
    self.height = max(0, height)
    cells = [Cell](repeating: .blank, count: self.width * self.height)
  }

  /// The whole buffer as a rectangle.
  public var rect: Rect { Rect(x: 0, y: 0, width: width, height: height) }

  /// The cell at `x`, `y`; a blank cell outside the buffer. Writes outside are ignored, and a
  /// write that lands on half of a wide grapheme turns the other half into a space.
  public subscript(x: Int, y: Int) -> Cell {
    get {
      guard x >= 0, x < width, y >= 0, y < height else { return .blank }
      return cells[y * width + x]
    }
    set {
      guard x >= 0, x < width, y >= 0, y < height else { return }
      breakWide(x: x, y: y)
      cells[y * width + x] = newValue
    }
  }

  // Keeps every wide grapheme whole: when one half of it is overwritten, the other half
  // becomes a space in the same style.
  private mutating func breakWide(x: Int, y: Int) {
    let i = y * width + x
    if cells[i].isContinuation {
      if x > 0 { cells[i - 1].text = " " }
      cells[i].text = " "
    } else if x + 1 < width, cells[i + 1].isContinuation {
      cells[i + 1].text = " "
    }
  }

  /// Writes `s` from `x`, `y` grapheme by grapheme, clipped to the buffer and to `maxWidth`
  /// cells. A wide grapheme that does not fit whole becomes a space. Graphemes without width
  /// (controls, stray marks) are skipped. Returns how many cells it advanced.
  @discardableResult
  public mutating func put(
    _ s: String, x: Int, y: Int, style: Style = .plain, maxWidth: Int? = nil
  ) -> Int {
    guard y >= 0, y < height else { return 0 }
    var limit = width
    if let m = maxWidth { limit = min(limit, x + max(0, m)) }
    var cx = x
    for c in s {
      if cx >= limit { break }
      let w = CellWidth.of(c)
      if w == 0 { continue }
      if cx < 0 {
        // A wide grapheme straddling the left edge leaves a space in its visible half.
        if cx + w > 0 { self[0, y] = Cell(" ", style: style) }
        cx += w
        continue
      }
      if w == 2 {
        if cx + 1 >= limit {
          self[cx, y] = Cell(" ", style: style)
          cx += 1
          break
        }
        self[cx, y] = Cell(text: String(c), style: style)
        self[cx + 1, y] = Cell(text: "", style: style)
        // Writing the continuation cleared the lead we just wrote; set it again.
        cells[y * width + cx].text = String(c)
      } else {
        self[cx, y] = Cell(text: String(c), style: style)
      }
      cx += w
    }
    return max(0, min(cx, limit) - x)
  }

  /// Writes `s` fitted and padded to exactly `width` cells (see `pad`).
  @discardableResult
  public mutating func put(
    _ s: String, x: Int, y: Int, width w: Int, align: Align = .left, style: Style = .plain
  ) -> Int {
    put(pad(s, width: w, align: align), x: x, y: y, style: style, maxWidth: w)
  }

  /// Sets every cell of `rect` to a space in `style`.
  public mutating func fill(_ rect: Rect, style: Style = .plain) {
    fill(rect, with: " ", style: style)
  }

  /// Sets every cell of `rect` to `ch` (a one-cell grapheme) in `style`.
  public mutating func fill(_ rect: Rect, with ch: Character, style: Style = .plain) {
    let r = rect.intersection(self.rect)
    if r.isEmpty { return }
    let text = String(ch)
    for yy in r.y..<r.maxY {
      for xx in r.x..<r.maxX {
        self[xx, yy] = Cell(text: text, style: style)
      }
    }
  }

  /// Changes the style of every cell of `rect`, keeping the text.
  public mutating func restyle(_ rect: Rect, _ transform: (Style) -> Style) {
    let r = rect.intersection(self.rect)
    if r.isEmpty { return }
    for yy in r.y..<r.maxY {
      for xx in r.x..<r.maxX {
        let i = yy * width + xx
        cells[i].style = transform(cells[i].style)
      }
    }
  }

  /// Blanks the whole buffer.
  public mutating func clear() {
    for i in cells.indices { cells[i] = .blank }
  }

  /// Each row as text; right halves of wide graphemes are skipped, so every line is `width`
  /// cells wide, trailing spaces included.
  public func lines() -> [String] {
    var out: [String] = []
    out.reserveCapacity(height)
    for yy in 0..<height {
      var line = ""
      for xx in 0..<width { line += cells[yy * width + xx].text }
      out.append(line)
    }
    return out
  }

  /// Maximal runs of cells that differ from `old`, row by row; the whole buffer when `old` is
  /// nil or of another size. A run never starts or ends inside a wide grapheme, so each one can
  /// be written as it is.
  public func changes(since old: Buffer?) -> [Change] {
    var out: [Change] = []
    let full = old == nil || old!.width != width || old!.height != height
    for yy in 0..<height {
      let row = yy * width
      if full {
        if width > 0 { out.append(Change(x: 0, y: yy, cells: Array(cells[row..<row + width]))) }
        continue
      }
      let prev = old!.cells
      var xx = 0
      while xx < width {
        if cells[row + xx] == prev[row + xx] {
          xx += 1
          continue
        }
        var start = xx
        var end = xx + 1
        while end < width && cells[row + end] != prev[row + end] { end += 1 }
        if start > 0 && cells[row + start].isContinuation { start -= 1 }
        if end < width && cells[row + end].isContinuation { end += 1 }
        if let last = out.last, last.y == yy, last.x + last.cells.count >= start {
          // Widening made this run touch the previous one: merge them.
          let from = last.x
          out[out.count - 1] = Change(x: from, y: yy, cells: Array(cells[row + from..<row + end]))
        } else {
          out.append(Change(x: start, y: yy, cells: Array(cells[row + start..<row + end])))
        }
        xx = end
      }
    }
    return out
  }
}
