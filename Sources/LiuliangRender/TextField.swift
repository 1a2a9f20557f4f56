/// A one-line editable text with a cursor, as a value: editing returns a new state.
///
/// `cursor` counts graphemes (Characters) from the start of `text`; 0 is before the first one
/// and `characters.count` after the last.
public struct TextField: Sendable, Equatable, CharacterEditing {
  public private(set) var characters: [Character]
  public var cursor: Int {
    didSet { cursor = min(max(0, cursor), characters.count) }
  }
  /// Shown dimmed while the field is empty.
  public var placeholder: String
  public var style: Style

  public init(text: String = "", placeholder: String = "", style: Style = .plain) {
    characters = TextField.oneLine(text)
    cursor = characters.count
    self.placeholder = placeholder
    self.style = style
  }

  public var text: String {
    get { String(characters) }
    set {
      characters = TextField.oneLine(newValue)
      cursor = min(cursor, characters.count)
    }
  }

  public var isEmpty: Bool { characters.isEmpty }

  // A field holds one line: line breaks typed or pasted become spaces.
  private static func oneLine(_ s: String) -> [Character] {
    s.map { $0.isNewline ? " " : $0 }
  }

  public mutating func insert(_ c: Character) {
    characters.insert(c.isNewline ? " " : c, at: cursor)
    cursor += 1
  }

  public mutating func insert(_ s: String) {
    let cs = TextField.oneLine(s)
    characters.insert(contentsOf: cs, at: cursor)
    cursor += cs.count
  }

  public mutating func backspace() {
    if cursor == 0 { return }
    characters.remove(at: cursor - 1)
    cursor -= 1
  }

  public mutating func deleteForward() {
    if cursor < characters.count { characters.remove(at: cursor) }
  }

  public mutating func left() { cursor -= 1 }
  public mutating func right() { cursor += 1 }
  public mutating func home() { cursor = 0 }
  public mutating func end() { cursor = characters.count }

  /// Removes everything before the cursor (Ctrl-U in shells).
  public mutating func deleteToStart() {
    characters.removeFirst(cursor)
    cursor = 0
  }

  public mutating func clear() {
    characters = []
    cursor = 0
  }

  /// Applies an editing key; returns false for keys a field does not handle.
  @discardableResult
  public mutating func handle(_ key: Key) -> Bool {
    switch key {
    case .home, .ctrl("a"): home()
    case .end, .ctrl("e"): end()
    case .ctrl("u"): deleteToStart()
    default: return handleCharacterKey(key)
    }
    return true
  }

  /// The cell column of the cursor from the start of the text.
  public var cursorColumn: Int {
    var col = 0
    for c in characters[0..<cursor] { col += CellWidth.of(c) }
    return col
  }

  /// The first grapheme shown in a field `width` cells wide: the text scrolls just enough for
  /// the cursor (which needs a cell of its own at the end) to stay inside.
  public func firstVisible(width: Int) -> Int {
    let need = cursorColumn + 1 - max(1, width)
    if need <= 0 { return 0 }
    var col = 0
    var i = 0
    while i < cursor && col < need {
      col += CellWidth.of(characters[i])
      i += 1
    }
    return i
  }

  /// Draws on the first row of `rect`; returns the screen cell of the cursor when focused.
  @discardableResult
  public func draw(into buf: inout Buffer, in rect: Rect, focused: Bool) -> (x: Int, y: Int)? {
    if rect.isEmpty { return nil }
    let line = rect.row(0)
    buf.fill(line, style: style)
    if characters.isEmpty && !placeholder.isEmpty {
      buf.put(
        fit(placeholder, width: rect.width), x: rect.x, y: rect.y, style: style.dimmed,
        maxWidth: rect.width)
      return focused ? (rect.x, rect.y) : nil
    }
    let first = firstVisible(width: rect.width)
    var x = rect.x
    for i in first..<characters.count {
      let w = CellWidth.of(characters[i])
      if x + w > rect.maxX { break }
      buf.put(String(characters[i]), x: x, y: rect.y, style: style)
      x += w
    }
    if !focused { return nil }
    var cx = rect.x
    for c in characters[first..<cursor] { cx += CellWidth.of(c) }
    return (min(cx, rect.maxX - 1), rect.y)
  }
}
