/// A key press, independent of the terminal library.
public enum Key: Sendable, Equatable, Hashable {
  case char(Character)
  case up, down, left, right
  case pageUp, pageDown, home, end
  case enter, escape, backspace, delete, tab, backTab
  /// Control plus a letter; the letter is lowercase.
  case ctrl(Character)
  /// The terminal changed size.
  case resize
  /// A function key, F1 is `function(1)`.
  case function(Int)
  /// The mouse, where the terminal reports it.
  case mouse(Mouse)

  /// The short name shown in help and key hints.
  public var label: String {
    switch self {
    case .char(" "): return "Space"
    case .char(let c): return String(c)
    case .up: return "↑"
    case .down: return "↓"
    case .left: return "←"
    case .right: return "→"
    case .pageUp: return "PgUp"
    case .pageDown: return "PgDn"
    case .home: return "Home"
    case .end: return "End"
    case .enter: return "Enter"
    case .escape: return "Esc"
    case .backspace: return "Backspace"
    case .delete: return "Del"
    case .tab: return "Tab"
    case .backTab: return "Shift-Tab"
    case .ctrl(let c): return "Ctrl-" + String(c).uppercased()
    case .resize: return "Resize"
    case .function(let n): return "F\(n)"
    case .mouse: return "Mouse"
    }
  }
}

/// A mouse event in screen cells (0-based).
public struct Mouse: Sendable, Equatable, Hashable {
  public enum Kind: Sendable, Equatable, Hashable {
    case press, release, wheelUp, wheelDown
  }
  public var kind: Kind
  public var x: Int
  public var y: Int

  public init(_ kind: Kind, x: Int, y: Int) {
    self.kind = kind
    self.x = x
    self.y = y
  }
}
