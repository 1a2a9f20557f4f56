import LiuliangRender

enum ChurnRoom: Room {
  static let id = "churn"

  static var bindings: [Binding] {
    Keymap.listMoves + [
      Binding([.tab, .backTab], .switchBox, "key.switch_churn"),
      Binding.edit([.char("b")], .winBack, "key.win_back"),
      Binding([.char("y")], .prepareMessage, "key.prepare_message"),
      Binding.edit([.char("a")], .add, "key.add_complaint"),
      Binding.edit([.char("x")], .resolve, "key.resolve"),
      Binding([.enter], .open, "key.open_complaint_customer"),
    ]
  }

  static func act(_ s: inout AppState, _ action: Action) -> [Effect]? { churnAction(&s, action) }

  static func move(_ s: inout AppState, _ action: Action) {
    moveCursor(&s.churnPane.atRisk, action, visible: Layouts.atRiskRows(s))
  }

  static func draw(_ s: AppState, _ buf: inout Buffer) { drawChurn(s, &buf) }

  static func click(_ s: inout AppState, _ m: Mouse) -> [Effect] { clickChurn(&s, m) }
}
