import LiuliangRender

/// What a key asks for. Keys map to actions through the binding tables below, so the `?` help
/// is generated from the very tables that dispatch keys.
public enum Action: Hashable, Sendable {
  case quit, help, command, reload, redraw
  case pane(Pane), nextPane, previousPane
  case down, up, top, bottom, pageDown, pageUp, open, back
  case previousWeek, nextWeek, thisWeek, previousDay, nextDay
}

/// One line of a binding table: the keys, the action, and the strings key of its help text.
public struct Binding: Sendable {
  public var keys: [Key]
  public var action: Action
  public var help: String

  public init(_ keys: [Key], _ action: Action, _ help: String) {
    self.keys = keys
    self.action = action
    self.help = help
  }
}

public enum Keymap {
  /// Keys that work in every pane.
  public static let global: [Binding] = [
    Binding([.char("1"), .char("2"), .char("3"), .char("4"), .char("5")], .pane(.today), "key.panes"),
    Binding([.tab], .nextPane, "key.next_pane"),
    Binding([.backTab], .previousPane, "key.previous_pane"),
    Binding([.char("?")], .help, "key.help"),
    Binding([.char(":")], .command, "key.command"),
    Binding([.char("r")], .reload, "key.reload"),
    Binding([.ctrl("l")], .redraw, "key.redraw"),
    Binding([.char("q"), .ctrl("c")], .quit, "key.quit"),
  ]

  static let listMoves: [Binding] = [
    Binding([.char("j"), .down], .down, "key.down"),
    Binding([.char("k"), .up], .up, "key.up"),
    Binding([.char("g"), .home], .top, "key.top"),
    Binding([.char("G"), .end], .bottom, "key.bottom"),
    Binding([.pageDown, .ctrl("f")], .pageDown, "key.page_down"),
    Binding([.pageUp, .ctrl("b")], .pageUp, "key.page_up"),
  ]

  /// Each pane's own keys, checked before the global ones.
  public static func bindings(_ pane: Pane) -> [Binding] {
    switch pane {
    case .today:
      return listMoves + [Binding([.enter], .open, "key.open_customer")]
    case .customers:
      return listMoves + [
        Binding([.enter], .open, "key.open_detail"),
        Binding([.escape, .char("h"), .left], .back, "key.back"),
      ]
    case .moments:
      return [
        Binding([.char("["), .char("H")], .previousWeek, "key.previous_week"),
        Binding([.char("]"), .char("L")], .nextWeek, "key.next_week"),
        Binding([.char("t")], .thisWeek, "key.this_week"),
        Binding([.char("h"), .left], .previousDay, "key.previous_day"),
        Binding([.char("l"), .right], .nextDay, "key.next_day"),
        Binding([.char("j"), .down], .down, "key.down_post"),
        Binding([.char("k"), .up], .up, "key.up_post"),
      ]
    case .promotions, .churn:
      return listMoves
    }
  }

  /// The action of a key in a pane: the pane's table first, then the global one.
  public static func action(for key: Key, in pane: Pane) -> Action? {
    for b in bindings(pane) + global where b.keys.contains(key) {
      if case .pane = b.action, case .char(let c) = key, let n = c.wholeNumberValue, let p = Pane(rawValue: n)
      {
        return .pane(p)
      }
      return b.action
    }
    return nil
  }

  /// Help for a pane, in sections, straight from the tables above.
  public static func help(_ pane: Pane, text: (String) -> String) -> [HelpOverlay.Section] {
    func entries(_ bs: [Binding]) -> [HelpOverlay.Entry] {
      bs.map { b in (keys: b.keys.map(\.label).joined(separator: " "), text: text(b.help)) }
    }
    let panel: [Binding] = bindings(pane)
    let globalEntries = entries(global).map { e in
      e.text == text("key.panes") ? (keys: "1–5", text: e.text) : e
    }
    return [
      (heading: text(pane.titleKey), entries: entries(panel)),
      (heading: text("help.everywhere"), entries: globalEntries),
    ]
  }
}
