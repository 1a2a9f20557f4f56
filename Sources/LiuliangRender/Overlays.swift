/// A centred yes/no question in a box.
public struct ConfirmDialog: Sendable {
  public var title: String
  public var message: String
  public var yes: String
  public var no: String
  /// Which answer is highlighted (Enter picks it).
  public var yesSelected: Bool
  public var style: Style
  public var buttonStyle: Style
  public var selectedStyle: Style

  public init(
    title: String, message: String, yes: String, no: String, yesSelected: Bool = false,
    style: Style = .plain, buttonStyle: Style = .plain, selectedStyle: Style = .selection
  ) {
    self.title = title
    self.message = message
    self.yes = yes
    self.no = no
    self.yesSelected = yesSelected
    self.style = style
    self.buttonStyle = buttonStyle
    self.selectedStyle = selectedStyle
  }

  private func button(_ s: String) -> String { "[ " + s + " ]" }

  /// The box it draws in `rect`.
  public func frame(in rect: Rect) -> Rect {
    let buttons = CellWidth.of(button(yes)) + 3 + CellWidth.of(button(no))
    let longest = max(CellWidth.of(title) + 4, buttons, CellWidth.of(message))
    let width = min(rect.width, max(24, min(longest + 4, rect.width * 3 / 4)))
    let lines = wrap(message, width: max(1, width - 4))
    return rect.centered(width: width, height: lines.count + 6)
  }

  public func draw(into buf: inout Buffer, in rect: Rect) {
    let box = frame(in: rect)
    let inner = Block(title: title, style: style, clearsInside: true).draw(into: &buf, in: box)
    if inner.isEmpty { return }
    let textW = max(1, inner.width - 2)
    let lines = wrap(message, width: textW)
    for (i, l) in lines.enumerated() where 1 + i < inner.height {
      buf.put(l, x: inner.x + 1, y: inner.y + 1 + i, style: style, maxWidth: textW)
    }
    let y = inner.maxY - 2
    if y <= inner.y + lines.count { return }
    let yb = button(yes)
    let nb = button(no)
    let total = CellWidth.of(yb) + 3 + CellWidth.of(nb)
    var x = inner.x + max(0, (inner.width - total) / 2)
    let yesStyle = yesSelected ? selectedStyle : buttonStyle
    let noStyle = yesSelected ? buttonStyle : selectedStyle
    x += buf.put(yb, x: x, y: y, style: yesStyle, maxWidth: inner.maxX - x)
    x += 3
    buf.put(nb, x: x, y: y, style: noStyle, maxWidth: max(0, inner.maxX - x))
  }
}

/// A centred, scrollable box listing keys and what they do, section by section.
public struct HelpOverlay {
  public typealias Entry = (keys: String, text: String)
  public typealias Section = (heading: String, entries: [Entry])

  public var title: String
  public var sections: [Section]
  /// The first content line shown.
  public var offset: Int
  public var style: Style
  public var headingStyle: Style
  public var keyStyle: Style
  /// Said on the bottom border while lines are hidden below, or (at the end) above.
  public var moreBelow = ""
  public var moreAbove = ""

  public init(
    title: String, sections: [Section], offset: Int = 0, style: Style = .plain,
    headingStyle: Style = .title, keyStyle: Style = .accent
  ) {
    self.title = title
    self.sections = sections
    self.offset = offset
    self.style = style
    self.headingStyle = headingStyle
    self.keyStyle = keyStyle
  }

  private enum Line {
    case heading(String)
    /// Keys, text, and the key column's width in its section.
    case entry(String, String, Int)
    case blank
  }

  private var content: [Line] {
    var out: [Line] = []
    for (i, s) in sections.enumerated() {
      if i > 0 { out.append(.blank) }
      if !s.heading.isEmpty { out.append(.heading(s.heading)) }
      let kw = Self.keysWidth(s.entries)
      for e in s.entries { out.append(.entry(e.keys, e.text, kw)) }
    }
    return out
  }

  /// Number of content lines, for clamping `offset`.
  public var lineCount: Int { content.count }

  /// Each section's key column is as wide as its own widest keys: a long command usage
  /// would otherwise take room from the text of every key.
  private static func keysWidth(_ entries: [Entry]) -> Int {
    entries.map { CellWidth.of($0.keys) }.max() ?? 0
  }

  /// The box it draws in `rect`.
  public func frame(in rect: Rect) -> Rect {
    let entryW =
      sections.map { s in
        let kw = Self.keysWidth(s.entries)
        return s.entries.map { kw + 2 + CellWidth.of($0.text) }.max() ?? 0
      }.max() ?? 0
    let headW = sections.map { CellWidth.of($0.heading) }.max() ?? 0
    let want = max(entryW, headW, CellWidth.of(title) + 2) + 4
    return rect.centered(width: min(want, max(0, rect.width - 2)), height: min(lineCount + 2, rect.height))
  }

  /// Content lines visible in `rect`; scrolling beyond `lineCount - visibleLines` shows nothing new.
  public func visibleLines(in rect: Rect) -> Int { max(0, frame(in: rect).height - 2) }

  /// The largest useful offset: the last line at the bottom.
  public func lastOffset(in rect: Rect) -> Int { max(0, lineCount - visibleLines(in: rect)) }

  public func draw(into buf: inout Buffer, in rect: Rect) {
    let box = frame(in: rect)
    let inner = Block(title: title, style: style, clearsInside: true).draw(into: &buf, in: box)
    if inner.isEmpty { return }
    let x = inner.x + 1
    let w = max(0, inner.width - 2)
    let lines = content
    let first = min(max(0, offset), max(0, lines.count - inner.height))
    for row in 0..<inner.height {
      let i = first + row
      if i >= lines.count { break }
      let y = inner.y + row
      switch lines[i] {
      case .heading(let h):
        buf.put(fit(h, width: w), x: x, y: y, style: headingStyle, maxWidth: w)
      case .entry(let k, let t, let keys):
        let kw = min(keys, w / 2)
        buf.put(k, x: x, y: y, width: kw, style: keyStyle)
        let tx = x + kw + 2
        buf.put(
          fit(t, width: max(0, inner.x + 1 + w - tx)), x: tx, y: y, style: style,
          maxWidth: max(0, inner.x + 1 + w - tx))
      case .blank:
        break
      }
    }
    let note = first + inner.height < lines.count ? moreBelow : first > 0 ? moreAbove : ""
    if !note.isEmpty {
      let n = fit(" " + note + " ", width: max(0, box.width - 4))
      buf.put(n, x: box.maxX - 2 - CellWidth.of(n), y: box.maxY - 1, style: headingStyle)
    }
  }
}

/// The one-row bar at the bottom: segments at the left, a note at the right.
public struct StatusLine: Sendable {
  public static var separator: String { Glyphs.current.separator }

  public var left: [String]
  public var right: String
  public var style: Style
  /// Whether the right part stays whole, the left being cut instead.
  public var keepsRight = false

  public init(left: [String], right: String = "", style: Style = .status, keepsRight: Bool = false) {
    self.left = left
    self.right = right
    self.style = style
    self.keepsRight = keepsRight
  }

  /// The full row as text, exactly `width` cells. When short of room the right part is cut
  /// (and dropped when fewer than two cells remain for it) before the left part is.
  public func text(width: Int) -> String {
    if width <= 0 { return "" }
    let l = " " + left.joined(separator: StatusLine.separator)
    let lw = CellWidth.of(l)
    var r = right.isEmpty ? "" : right + " "
    let room = width - lw - 1
    if keepsRight && CellWidth.of(r) < width {
      // The right part was already cut to what matters most; the left gives way to it.
      return pad(l, width: width - CellWidth.of(r)) + r
    }
    if !r.isEmpty {
      if room < 2 {
        r = ""
      } else if CellWidth.of(r) > room {
        r = fit(right, width: room)
      }
    }
    let rw = CellWidth.of(r)
    let leftPart = pad(l, width: width - rw)
    return leftPart + r
  }

  public func draw(into buf: inout Buffer, in rect: Rect) {
    if rect.isEmpty { return }
    buf.put(text(width: rect.width), x: rect.x, y: rect.y, style: style, maxWidth: rect.width)
  }
}
