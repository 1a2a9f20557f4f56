import LiuliangRender

/// One pane as the root sees it: its keys, its actions, its moves, its clicks and its drawing.
/// A pane's folder holds one type that conforms; `Pane.rooms` lists them. The root keeps what
/// all panes share: the tabs, the status line, the overlays, undo and the store writer.
protocol Room {
  /// The pane's name: `pane.<id>` is its title in the strings, `hint.<id>` its key hints.
  static var id: String { get }
  /// The pane's own keys, checked before the global ones; its `?` help is made from them.
  static var bindings: [Binding] { get }
  /// The pane's own actions; nil leaves the action to `move`.
  static func act(_ s: inout AppState, _ action: Action) -> [Effect]?
  /// List moves and the rest of what the pane does with an action `act` left.
  static func move(_ s: inout AppState, _ action: Action)
  /// A click below the tabs.
  static func click(_ s: inout AppState, _ m: Mouse) -> [Effect]
  static func draw(_ s: AppState, _ buf: inout Buffer)
}

extension Room {
  static func act(_ s: inout AppState, _ action: Action) -> [Effect]? { nil }
  static func move(_ s: inout AppState, _ action: Action) {}
  static func click(_ s: inout AppState, _ m: Mouse) -> [Effect] { [] }
}

/// The cursor moved as the list keys say; `visible` rows make a page.
func moveCursor(_ c: inout ListCursor, _ action: Action, visible: Int) {
  switch action {
  case .down: c.move(by: 1, visible: visible)
  case .up: c.move(by: -1, visible: visible)
  case .top: c.jump(to: 0, visible: visible)
  case .bottom: c.jump(to: c.count - 1, visible: visible)
  case .pageDown: c.move(by: max(1, visible - 1), visible: visible)
  case .pageUp: c.move(by: -max(1, visible - 1), visible: visible)
  default: break
  }
}
