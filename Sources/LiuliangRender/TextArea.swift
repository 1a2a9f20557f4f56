/// A multi-line editable text with a cursor, wrapped by cell width; a value like `TextField`.
///
/// `cursor` counts graphemes from the start of `text`. Up and down move by visual (wrapped)
/// line and keep the cell column the cursor had when the vertical movement began.
public struct TextArea: Sendable, Equatable, CharacterEditing {
  public private(set) var characters: [Character]
  public var cursor: Int {
    didSet { cursor = min(max(0, cursor), characters.count) }
  }
  // The cell column up and down aim for; forgotten by any other movement or edit.
  private var goalColumn: Int?
  public var style: Style

  public init(text: String = "", style: Style = .plain) {
    characters = Array(text)
    cursor = characters.count
    self.style = style
  }

  public var text: String {
    get { String(characters) }
    set {
      characters = Array(newValue)
      cursor = min(cursor, characters.count)
      goalColumn = nil
    }
  }

  public var isEmpty: Bool { characters.isEmpty }

  public mutating func insert(_ c: Character) {
    characters.insert(c, at: cursor)
    cursor += 1
    goalColumn = nil
  }

  public mutating func insert(_ s: String) {
    let cs = Array(s)
    characters.insert(contentsOf: cs, at: cursor)
    cursor += cs.count
    goalColumn = nil
  }

  public mutating func newline() { insert("\n" as Character) }

  public mutating func backspace() {
    goalColumn = nil
    if cursor == 0 { return }
    characters.remove(at: cursor - 1)
    cursor -= 1
  }

  public mutating func deleteForward() {
    goalColumn = nil
    if cursor < characters.count { characters.remove(at: cursor) }
  }

  public mutating func left() {
    goalColumn = nil
    cursor -= 1
  }

  public mutating func right() {
    goalColumn = nil
    cursor += 1
  }

  /// To the start of the visual line.
  public mutating func home(width: Int) {
    goalColumn = nil
    let lines = TextLines.wrap(characters, width: width)
    cursor = lines[lineIndex(in: lines)].start
  }

  /// To the end of the visual line.
  public mutating func end(width: Int) {
    goalColumn = nil
    let lines = TextLines.wrap(characters, width: width)
    let l = lines[lineIndex(in: lines)]
    // The end of a wrapped line is the start of the next one; stay before its last grapheme.
    cursor = l.soft && l.end > l.start ? l.end - 1 : l.end
  }

  /// To the start of the whole text.
  public mutating func home() {
    goalColumn = nil
    cursor = 0
  }

  /// To the end of the whole text.
  public mutating func end() {
    goalColumn = nil
    cursor = characters.count
  }

  public mutating func up(width: Int) { vertical(-1, width: width) }
  public mutating func down(width: Int) { vertical(1, width: width) }

  private mutating func vertical(_ delta: Int, width: Int) {
    let lines = TextLines.wrap(characters, width: width)
    let li = lineIndex(in: lines)
    let goal = goalColumn ?? column(in: lines[li])
    let target = li + delta
    if target < 0 {
      cursor = 0
    } else if target >= lines.count {
      cursor = characters.count
    } else {
      cursor = index(atColumn: goal, in: lines[target])
    }
    goalColumn = goal
  }

  /// Applies an editing key for an area `width` cells wide; returns false for keys it does not
  /// handle (Enter included: callers decide whether it submits or breaks the line).
  @discardableResult
  public mutating func handle(_ key: Key, width: Int) -> Bool {
    switch key {
    case .up: up(width: width)
    case .down: down(width: width)
    case .home, .ctrl("a"): home(width: width)
    case .end, .ctrl("e"): end(width: width)
    default: return handleCharacterKey(key)
    }
    return true
  }

  /// The visual lines of the text wrapped to `width` cells.
  public func lines(width: Int) -> [String] {
    TextLines.wrap(characters, width: width).map { String(characters[$0.start..<$0.end]) }
  }

  /// The visual line and cell column of the cursor in an area `width` cells wide.
  public func cursorPosition(width: Int) -> (line: Int, column: Int) {
    let lines = TextLines.wrap(characters, width: width)
    let li = lineIndex(in: lines)
    return (li, column(in: lines[li]))
  }

  // The cursor sits at the end of a line only when that line ends with a newline or the text;
  // at the end of a wrapped line it belongs to the start of the next one.
  private func lineIndex(in lines: [TextLines.Line]) -> Int {
    for (i, l) in lines.enumerated() {
      if cursor < l.end || (cursor == l.end && !l.soft) { return i }
    }
    return lines.count - 1
  }

  private func column(in line: TextLines.Line) -> Int {
    var col = 0
    for i in line.start..<min(cursor, line.end) { col += CellWidth.of(characters[i]) }
    return col
  }

  // The last grapheme boundary of `line` at or before cell `goal`, never in a wide grapheme.
  private func index(atColumn goal: Int, in line: TextLines.Line) -> Int {
    let last = line.soft && line.end > line.start ? line.end - 1 : line.end
    var col = 0
    var i = line.start
    while i < last {
      let w = CellWidth.of(characters[i])
      if col + w > goal { break }
      col += w
      i += 1
    }
    return i
  }

  /// Draws the text wrapped to `rect`, scrolled so the cursor line is visible; returns the
  /// screen cell of the cursor when focused.
  @discardableResult
  public func draw(into buf: inout Buffer, in rect: Rect, focused: Bool) -> (x: Int, y: Int)? {
    if rect.isEmpty { return nil }
    buf.fill(rect, style: style)
    let lines = TextLines.wrap(characters, width: rect.width)
    let li = lineIndex(in: lines)
    let top = max(0, li - rect.height + 1)
    for row in 0..<rect.height {
      let i = top + row
      if i >= lines.count { break }
      let l = lines[i]
      buf.put(
        String(characters[l.start..<l.end]), x: rect.x, y: rect.y + row, style: style,
        maxWidth: rect.width)
    }
    if !focused { return nil }
    // A line filled to the last cell puts the cursor there rather than outside the area.
    return (rect.x + min(column(in: lines[li]), rect.width - 1), rect.y + li - top)
  }
}
