/// A box with a title in its top border; the frame of most panes.
public struct Block: Sendable {
  public var title: String
  public var border: Bool
  public var style: Style
  public var titleStyle: Style
  /// Clears the inside before drawing, for boxes drawn over other content.
  public var clearsInside: Bool

  public init(
    title: String = "", border: Bool = true, style: Style = .plain, titleStyle: Style = .title,
    clearsInside: Bool = false
  ) {
    self.title = title
    self.border = border
    self.style = style
    self.titleStyle = titleStyle
    self.clearsInside = clearsInside
  }

  /// The area left inside the border (or under the title line when there is no border).
  public func inner(_ rect: Rect) -> Rect {
    if border { return rect.inset(by: 1) }
    return title.isEmpty ? rect : rect.splitTop(1).rest
  }

  /// Draws the box and returns the inner area.
  @discardableResult
  public func draw(into buf: inout Buffer, in rect: Rect) -> Rect {
    if rect.isEmpty { return rect }
    let inside = inner(rect)
    if clearsInside { buf.fill(inside, style: style) }
    if !border {
      if !title.isEmpty { buf.put(title, x: rect.x, y: rect.y, width: rect.width, style: titleStyle) }
      return inside
    }
    if rect.width < 2 || rect.height < 2 {
      buf.fill(rect, style: style)
      return inside
    }
    let x1 = rect.maxX - 1
    let y1 = rect.maxY - 1
    let g = Glyphs.current
    let horizontal = String(repeating: g.horizontal, count: rect.width - 2)
    buf.put(String(g.topLeft) + horizontal + String(g.topRight), x: rect.x, y: rect.y, style: style)
    buf.put(String(g.bottomLeft) + horizontal + String(g.bottomRight), x: rect.x, y: y1, style: style)
    if rect.height > 2 {
      let vertical = String(g.vertical)
      for yy in rect.y + 1..<y1 {
        buf.put(vertical, x: rect.x, y: yy, style: style)
        buf.put(vertical, x: x1, y: yy, style: style)
      }
    }
    // "┌ title ─": the title sits after one line cell, with a space either side.
    if !title.isEmpty && rect.width >= 5 {
      let t = fit(title, width: rect.width - 4)
      buf.put(" " + t + " ", x: rect.x + 1, y: rect.y, style: titleStyle, maxWidth: rect.width - 2)
    }
    return inside
  }
}
