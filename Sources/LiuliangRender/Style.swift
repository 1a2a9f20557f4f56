/// Colour roles. The terminal maps each to a colour pair, or to an attribute in monochrome.
public enum Role: Sendable, CaseIterable, Equatable, Hashable {
  case normal, title, accent, good, warn, bad, dim, selection, header, status

  /// The attributes that stand for the role where there is no colour (NO_COLOR, a monochrome
  /// terminal): every distinction the screen makes in colour it also makes with these and with
  /// glyphs.
  public var monochrome: Style {
    switch self {
    case .normal: return Style()
    case .title, .good: return Style(bold: true)
    case .accent, .warn: return Style(underline: true)
    case .bad, .header: return Style(bold: true, underline: true)
    case .dim: return Style(dim: true)
    case .selection, .status: return Style(reverse: true)
    }
  }
}

/// How a cell looks: a role plus attributes that add to what the role gives.
public struct Style: Sendable, Equatable, Hashable {
  public var role: Role
  public var bold: Bool
  public var reverse: Bool
  public var underline: Bool
  public var dim: Bool

  public init(
    role: Role = .normal, bold: Bool = false, reverse: Bool = false, underline: Bool = false,
    dim: Bool = false
  ) {
    self.role = role
    self.bold = bold
    self.reverse = reverse
    self.underline = underline
    self.dim = dim
  }

  public static let plain = Style()
  public static let bold = Style(bold: true)
  public static let reverse = Style(reverse: true)
  public static let underline = Style(underline: true)
  public static let dim = Style(role: .dim)
  public static let title = Style(role: .title, bold: true)
  public static let accent = Style(role: .accent)
  public static let good = Style(role: .good)
  public static let warn = Style(role: .warn)
  public static let bad = Style(role: .bad)
  public static let selection = Style(role: .selection, reverse: true)
  public static let header = Style(role: .header, bold: true)
  public static let status = Style(role: .status, reverse: true)

  public static func role(_ role: Role) -> Style { Style(role: role) }

  public var bolded: Style {
    var s = self
    s.bold = true
    return s
  }

  public var reversed: Style {
    var s = self
    s.reverse = true
    return s
  }

  public var underlined: Style {
    var s = self
    s.underline = true
    return s
  }

  public var dimmed: Style {
    var s = self
    s.dim = true
    return s
  }

  public func with(role: Role) -> Style {
    var s = self
    s.role = role
    return s
  }
}

/// One terminal cell. `text` is one grapheme; the right half of a wide grapheme holds "".
public struct Cell: Sendable, Equatable, Hashable {
  public var text: String
  public var style: Style

  public init(_ text: String = " ", style: Style = .plain) {
    self.text = text
    self.style = style
  }

  public init(text: String, style: Style) {
    self.text = text
    self.style = style
  }

  public static let blank = Cell(" ")

  /// True for the right half of a wide grapheme.
  public var isContinuation: Bool { text.isEmpty }
}

/// A rectangle of cells; `x`, `y` is the top-left cell.
public struct Rect: Sendable, Equatable, Hashable {
  public var x: Int
  public var y: Int
  public var width: Int
  public var height: Int

  public init(x: Int, y: Int, width: Int, height: Int) {
    self.x = x
    self.y = y
    self.width = max(0, width)
    self.height = max(0, height)
  }

  public static let zero = Rect(x: 0, y: 0, width: 0, height: 0)

  public var maxX: Int { x + width }
  public var maxY: Int { y + height }
  public var isEmpty: Bool { width <= 0 || height <= 0 }

  public func contains(x px: Int, y py: Int) -> Bool {
    px >= x && px < maxX && py >= y && py < maxY
  }

  /// The rectangle shrunk by `n` cells on every side.
  public func inset(by n: Int) -> Rect {
    inset(dx: n, dy: n)
  }

  /// The rectangle shrunk by `dx` cells left and right and `dy` rows top and bottom.
  public func inset(dx: Int, dy: Int) -> Rect {
    let w = max(0, width - 2 * dx)
    let h = max(0, height - 2 * dy)
    return Rect(x: x + min(dx, width / 2), y: y + min(dy, height / 2), width: w, height: h)
  }

  public func intersection(_ o: Rect) -> Rect {
    let x0 = max(x, o.x)
    let y0 = max(y, o.y)
    let x1 = min(maxX, o.maxX)
    let y1 = min(maxY, o.maxY)
    if x1 <= x0 || y1 <= y0 { return Rect(x: x0, y: y0, width: 0, height: 0) }
    return Rect(x: x0, y: y0, width: x1 - x0, height: y1 - y0)
  }

  /// A rectangle of the given size centred in this one (clipped to it).
  public func centered(width w: Int, height h: Int) -> Rect {
    let cw = min(max(0, w), width)
    let ch = min(max(0, h), height)
    return Rect(x: x + (width - cw) / 2, y: y + (height - ch) / 2, width: cw, height: ch)
  }

  /// One row of the rectangle (`i` counts from its top).
  public func row(_ i: Int) -> Rect {
    Rect(x: x, y: y + i, width: width, height: i >= 0 && i < height ? 1 : 0)
  }

  /// The first `n` rows and the rest.
  public func splitTop(_ n: Int) -> (top: Rect, rest: Rect) {
    let k = min(max(0, n), height)
    return (Rect(x: x, y: y, width: width, height: k), Rect(x: x, y: y + k, width: width, height: height - k))
  }

  /// The last `n` rows and the rest.
  public func splitBottom(_ n: Int) -> (rest: Rect, bottom: Rect) {
    let k = min(max(0, n), height)
    return (
      Rect(x: x, y: y, width: width, height: height - k),
      Rect(x: x, y: maxY - k, width: width, height: k)
    )
  }

  /// The first `n` columns and the rest.
  public func splitLeft(_ n: Int) -> (left: Rect, rest: Rect) {
    let k = min(max(0, n), width)
    return (
      Rect(x: x, y: y, width: k, height: height),
      Rect(x: x + k, y: y, width: width - k, height: height)
    )
  }

  /// Stacks rows according to `constraints` (see `Layout.split`).
  public func rows(_ constraints: [Constraint]) -> [Rect] {
    Layout.split(self, .vertical, constraints)
  }

  /// Places columns side by side according to `constraints` (see `Layout.split`).
  public func columns(_ constraints: [Constraint]) -> [Rect] {
    Layout.split(self, .horizontal, constraints)
  }
}
