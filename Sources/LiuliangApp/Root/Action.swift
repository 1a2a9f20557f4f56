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
    Binding([.char("1"), .char("2"), .char("3"), .char("4"), .char("5")], .pane(.today), "key.panes"),
    Binding([.tab], .nextPane, "key.next_pane"),
    Binding([.backTab], .previousPane, "key.previous_pane"),
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

  /// The Today list worked as a queue: each mark appends a contact and moves on.
  static let reachQueueKeys: [Binding] = [
    Binding([.char("f")], .filter, "key.filter_reach"),
    Binding([.char("y")], .prepareMessage, "key.prepare_message"),
    Binding([.char("w")], .welcomed, "key.welcome_contact"),
    Binding([.char("b")], .winBack, "key.win_back_contact"),
    Binding([.char("g")], .greeted, "key.greeted"),
    Binding([.char("x")], .followedUp, "key.followed_up"),
  ]

  /// Each pane's own keys, checked before the global ones.
  public static func bindings(_ pane: Pane) -> [Binding] {
    switch pane {
    case .today:
      // g is "birthday greeted" here: the first row is Home.
      return reachQueueKeys
        + listMoves.map { b in
          b.action == .top ? Binding([.home], .top, b.help) : b
        } + [Binding([.enter], .open, "key.open_customer")]
    case .customers:
      return listMoves + [
        Binding([.enter], .open, "key.open_detail"),
        Binding([.escape, .char("h"), .left, .backspace], .back, "key.back"),
        Binding([.char("/")], .search, "key.search"),
        Binding([.char("n")], .nextMatch, "key.next_match"),
        Binding([.char("N")], .previousMatch, "key.previous_match"),
        Binding([.char("s")], .sort, "key.sort"),
        Binding([.char("f")], .filter, "key.filter"),
        Binding([.char("F")], .clearFilters, "key.clear_filters"),
        Binding.edit([.char("a")], .add, "key.add"),
        Binding.edit([.char("e")], .edit, "key.edit"),
        Binding.edit([.char("d")], .delete, "key.delete"),
        Binding.edit([.char("v")], .logVisit, "key.log_visit"),
        Binding.edit([.char("c")], .churn, "key.churn"),
        Binding.edit([.char("C")], .complaint, "key.complaint"),
        Binding.edit([.char("w")], .welcomed, "key.welcomed"),
        Binding.edit([.char("y")], .prepareMessage, "key.prepare_message"),
        Binding.edit([.char("b")], .winBack, "key.win_back_contact"),
        Binding([.char("m")], .mask, "key.mask"),
        Binding([.char(" ")], .mark, "key.mark"),
        Binding.edit([.char("t")], .tagMarked, "key.tag_marked"),
        Binding.edit([.char("T")], .untagMarked, "key.untag_marked"),
        Binding([.char("E")], .exportMarked, "key.export_marked"),
      ]
    case .moments:
      return [
        Binding([.char("h"), .left], .previousDay, "key.previous_day"),
        Binding([.char("l"), .right], .nextDay, "key.next_day"),
        Binding([.char("j"), .down], .down, "key.next_slot"),
        Binding([.char("k"), .up], .up, "key.previous_slot"),
        Binding([.char("[")], .previousWeek, "key.previous_week"),
        Binding([.char("]")], .nextWeek, "key.next_week"),
        Binding([.char("t")], .thisWeek, "key.this_week"),
        Binding.edit([.char("a")], .add, "key.add_post"),
        Binding.edit([.char("n")], .fromTemplate, "key.from_template"),
        Binding.edit([.char("i")], .ideas, "key.ideas"),
        Binding.edit([.char("e"), .enter], .edit, "key.edit_post"),
        Binding.edit([.char("d")], .delete, "key.delete_post"),
        Binding.edit([.char("H")], .movePostLeft, "key.move_left"),
        Binding.edit([.char("L")], .movePostRight, "key.move_right"),
        Binding.edit([.char("K")], .movePostUp, "key.move_up"),
        Binding.edit([.char("J")], .movePostDown, "key.move_down"),
        Binding.edit([.char("y")], .duplicate, "key.duplicate"),
        Binding.edit([.char("p")], .posted, "key.posted"),
      ]
    case .promotions:
      return listMoves + [
        Binding([.char("h"), .left], .left, "key.heat_left"),
        Binding([.char("l"), .right], .right, "key.heat_right"),
        Binding([.char("w")], .switchBox, "key.switch_heat"),
        Binding.edit([.char("a")], .add, "key.add_promotion"),
        Binding.edit([.char("e"), .enter], .edit, "key.edit_promotion"),
        Binding.edit([.char("x")], .endPromotion, "key.end_promotion"),
        Binding([.char("o")], .onlyOnDiscount, "key.only_on_discount"),
      ]
    case .churn:
      return listMoves + [
        Binding([.char("w")], .switchBox, "key.switch_churn"),
        Binding.edit([.char("b")], .winBack, "key.win_back"),
        Binding([.char("y")], .prepareMessage, "key.prepare_message"),
        Binding.edit([.char("a")], .add, "key.add_complaint"),
        Binding.edit([.char("x")], .resolve, "key.resolve"),
        Binding([.enter], .open, "key.open_complaint_customer"),
      ]
    }
  }

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
      e.text == text("key.panes") ? (keys: "1–5", text: e.text) : e
    }
    return [
      (heading: text(pane.titleKey), entries: entries(panel)),
      (heading: text("help.everywhere"), entries: globalEntries),
    ]
  }
}
