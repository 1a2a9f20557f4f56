import LiuliangRender

enum PromotionsRoom: Room {
  static let id = "promotions"

  static var bindings: [Binding] {
    Keymap.listMoves + [
      Binding([.char("h"), .left], .left, "key.heat_left"),
      Binding([.char("l"), .right], .right, "key.heat_right"),
      Binding([.tab, .backTab], .switchBox, "key.switch_heat"),
      Binding.edit([.char("a")], .add, "key.add_promotion"),
      Binding.edit([.char("e"), .enter], .edit, "key.edit_promotion"),
      Binding.edit([.char("x")], .endPromotion, "key.end_promotion"),
      Binding([.char("o")], .onlyOnDiscount, "key.only_on_discount"),
    ]
  }

  static func act(_ s: inout AppState, _ action: Action) -> [Effect]? { promotionsAction(&s, action) }

  static func move(_ s: inout AppState, _ action: Action) {
    moveCursor(&s.promotionsPane.list, action, visible: Layouts.promotionRows(s))
  }

  static func click(_ s: inout AppState, _ m: Mouse) -> [Effect] {
    clickHeatmap(&s, m)
    return []
  }

  static func draw(_ s: AppState, _ buf: inout Buffer) { drawPromotions(s, &buf) }
}

/// A click on a heatmap cell selects it, as `w` and the arrows would.
func clickHeatmap(_ s: inout AppState, _ m: Mouse) {
  let (map, area) = Layouts.heatmap(s)
  guard let cell = map.cell(atX: m.x, y: m.y, in: area) else { return }
  s.promotionsPane.heatFocus = true
  s.promotionsPane.heatWeekday = cell.row + 1
  s.promotionsPane.heatHour = heatHours(s)[cell.column]
}
