import LiuliangRender

/// What a key asks for. Keys map to actions through the binding tables below, so the `?` help
/// is generated from the very tables that dispatch keys.
public enum Action: Hashable, Sendable {
  case quit, help, command, reload, redraw, suspend
  /// The mouse's line in the help; clicks themselves are placed by `mouseUpdate`.
  case click
  case pane(Pane), nextPane, previousPane
  case down, up, top, bottom, pageDown, pageUp, open, back
  case previousWeek, nextWeek, thisWeek, previousDay, nextDay
  case undo, redo
  case sort, filter, clearFilters, search, nextMatch, previousMatch
  case add, edit, delete, logVisit, churn, complaint, welcomed, mask, mark, tagMarked, untagMarked,
    exportMarked
  case fromTemplate, ideas, movePostLeft, movePostRight, movePostUp, movePostDown, duplicate, posted
  case switchBox, endPromotion, onlyOnDiscount, resolve, winBack, left, right
  case prepareMessage, greeted, followedUp
  /// Shift-Tab: the focus to the pane's previous box (Tab is `switchBox`).
  case previousBox
}

/// What must hold for a key to act now. Dispatch refuses a key whose need is unmet and the
/// help marks it, both from the binding, so they agree.
public enum Need: Sendable {
  /// The pane is on screen: the terminal is big enough to show it.
  case screen
  /// The store can be written.
  case writable
}

/// One line of a binding table: the keys, the action, the strings key of its help text, and
/// what must hold for it to act.
public struct Binding: Sendable {
  public var keys: [Key]
  public var action: Action
  public var help: String
  public var needs: [Need]

  public init(_ keys: [Key], _ action: Action, _ help: String, needs: [Need] = [.screen]) {
    self.keys = keys
    self.action = action
    self.help = help
    self.needs = needs
  }

  /// A key that changes the store: it needs the screen and a writable store.
  static func edit(_ keys: [Key], _ action: Action, _ help: String) -> Binding {
    Binding(keys, action, help, needs: [.screen, .writable])
  }
}

public enum Keymap {
  /// Keys that work in every pane.
  public static let global: [Binding] = [
    // A number key per pane, up to 9.
    Binding(
      Pane.allCases.prefix(9).map { .char(Character("\($0.rawValue)")) }, .pane(Pane.allCases[0]), "key.panes"
    ),
    // Tab moves between the boxes of a pane, as in lazygit; panes are the numbers and [ ].
    Binding([.char("]")], .nextPane, "key.next_pane"),
    Binding([.char("[")], .previousPane, "key.previous_pane"),
    Binding([.tab], .switchBox, "key.next_box"),
    Binding([.backTab], .previousBox, "key.previous_box"),
    Binding([.char("?")], .help, "key.help"),
    Binding([.char(":")], .command, "key.command"),
    Binding.edit([.char("u")], .undo, "key.undo"),
    Binding.edit([.ctrl("r")], .redo, "key.redo"),
    Binding([.char("r")], .reload, "key.reload"),
    // The two keys that act while the terminal is too small to show anything else.
    Binding([.ctrl("l")], .redraw, "key.redraw", needs: []),
    Binding([.char("q"), .ctrl("c")], .quit, "key.quit", needs: []),
    Binding([.ctrl("z")], .suspend, "key.suspend", needs: []),
    Binding([.mouse(Mouse(.press, x: -1, y: -1))], .click, "key.mouse"),
  ]

  static let listMoves: [Binding] = [
    Binding([.char("j"), .down], .down, "key.down"),
    Binding([.char("k"), .up], .up, "key.up"),
    Binding([.char("g"), .home], .top, "key.top"),
    Binding([.char("G"), .end], .bottom, "key.bottom"),
    Binding([.pageDown, .ctrl("f")], .pageDown, "key.page_down"),
    Binding([.pageUp, .ctrl("b")], .pageUp, "key.page_up"),
  ]

  /// Each pane's own keys (its room's table), checked before the global ones.
  public static func bindings(_ pane: Pane) -> [Binding] { pane.room.bindings }

  /// The binding of a key in a pane: the pane's table first, then the global one.
  public static func binding(for key: Key, in pane: Pane) -> Binding? {
    (bindings(pane) + global).first { $0.keys.contains(key) }
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
  /// `unmet` says in words why a key cannot act now, or nil when it can.
  public static func help(
    _ pane: Pane, text: (String) -> String, unmet: (Binding) -> String? = { _ in nil }
  ) -> [HelpOverlay.Section] {
    func entries(_ bs: [Binding]) -> [HelpOverlay.Entry] {
      bs.map { b in
        (
          keys: b.keys.map(\.label).joined(separator: " "),
          text: text(b.help) + (unmet(b).map { " ✗ " + $0 } ?? "")
        )
      }
    }
    let panel: [Binding] = bindings(pane)
    let globalEntries = entries(global).map { e in
      e.text == text("key.panes") ? (keys: Pane.keyRange, text: e.text) : e
    }
    return [
      (heading: text(pane.titleKey), entries: entries(panel)),
      (heading: text("help.everywhere"), entries: globalEntries),
      (heading: text("help.commands"), entries: Command.usages.map { (keys: $0.usage, text: text($0.help)) }),
    ]
  }
}
