import LiuliangRender

enum TodayRoom: Room {
  static let id = "today"

  static var bindings: [Binding] {
    // g is "birthday greeted" here: the first row is Home.
    queueKeys
      + Keymap.listMoves.map { b in
        b.action == .top ? Binding([.home], .top, b.help) : b
      } + [Binding([.enter], .open, "key.open_customer")]
  }

  static func act(_ s: inout AppState, _ action: Action) -> [Effect]? { todayAction(&s, action) }

  static func move(_ s: inout AppState, _ action: Action) {
    moveCursor(&s.todayPane.reach, action, visible: Layouts.todayListRows(s))
  }

  static func draw(_ s: AppState, _ buf: inout Buffer) { drawToday(s, &buf) }

  static func click(_ s: inout AppState, _ m: Mouse) -> [Effect] { clickToday(&s, m) }

  /// The Today list worked as a queue: each mark appends a contact and moves on.
  static let queueKeys: [Binding] = [
    Binding([.char("f")], .filter, "key.filter_reach"),
    Binding([.char("y")], .prepareMessage, "key.prepare_message"),
    Binding([.char("w")], .welcomed, "key.welcome_contact"),
    Binding([.char("b")], .winBack, "key.win_back_contact"),
    Binding([.char("g")], .greeted, "key.greeted"),
    Binding([.char("x")], .followedUp, "key.followed_up"),
  ]
}
