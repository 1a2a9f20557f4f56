import LiuliangRender

enum MomentsRoom: Room {
  static let id = "moments"

  static var bindings: [Binding] {
    [
      Binding([.char("h"), .left], .previousDay, "key.previous_day"),
      Binding([.char("l"), .right], .nextDay, "key.next_day"),
      Binding([.char("j"), .down], .down, "key.next_slot"),
      Binding([.char("k"), .up], .up, "key.previous_slot"),
      Binding([.char("<"), .pageUp], .previousWeek, "key.previous_week"),
      Binding([.char(">"), .pageDown], .nextWeek, "key.next_week"),
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
  }

  static func act(_ s: inout AppState, _ action: Action) -> [Effect]? { momentsAction(&s, action) }

  static func move(_ s: inout AppState, _ action: Action) {
    switch action {
    case .previousWeek: s.momentsPane.weekOffset -= 1
    case .nextWeek: s.momentsPane.weekOffset += 1
    case .thisWeek:
      s.momentsPane.weekOffset = 0
      s.momentsPane.day = s.today.weekday - 1
    case .previousDay:
      if s.momentsPane.day == 0 {
        s.momentsPane.weekOffset -= 1
        s.momentsPane.day = 6
      } else {
        s.momentsPane.day -= 1
      }
    case .nextDay:
      if s.momentsPane.day == 6 {
        s.momentsPane.weekOffset += 1
        s.momentsPane.day = 0
      } else {
        s.momentsPane.day += 1
      }
    default: break
    }
  }

  static func draw(_ s: AppState, _ buf: inout Buffer) { drawMoments(s, &buf) }

  static func click(_ s: inout AppState, _ m: Mouse) -> [Effect] { clickMoments(&s, m) }
}
