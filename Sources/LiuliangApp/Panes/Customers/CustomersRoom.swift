import LiuliangRender

enum CustomersRoom: Room {
  static let id = "customers"

  static var bindings: [Binding] {
    Keymap.listMoves + [
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
  }

  static func act(_ s: inout AppState, _ action: Action) -> [Effect]? { customersAction(&s, action) }

  static func move(_ s: inout AppState, _ action: Action) {
    if let _ = s.customersPane.detail {
      switch action {
      case .back: if !s.goBack() { s.customersPane.detail = nil }
      case .down: s.customersPane.detailScroll += 1
      case .up: s.customersPane.detailScroll = max(0, s.customersPane.detailScroll - 1)
      case .top: s.customersPane.detailScroll = 0
      case .pageDown: s.customersPane.detailScroll += max(1, s.height - 6)
      case .pageUp: s.customersPane.detailScroll = max(0, s.customersPane.detailScroll - max(1, s.height - 6))
      default: break
      }
      return
    }
    if action == .open, let c = s.currentCustomer {
      s.customersPane.detail = c
      s.customersPane.detailScroll = 0
    } else {
      moveCursor(&s.customersPane.cursor, action, visible: Layouts.customerRows(s))
    }
  }

  static func click(_ s: inout AppState, _ m: Mouse) -> [Effect] { clickCustomers(&s, m) }

  static func draw(_ s: AppState, _ buf: inout Buffer) { drawCustomers(s, &buf) }
}

/// A click on a row selects it; a click on the row already selected opens it.
func clickCustomers(_ s: inout AppState, _ m: Mouse) -> [Effect] {
  guard s.customersPane.detail == nil else { return [] }
  let rows = Layouts.customerTableRows(s)
  let i = m.y - rows.firstY
  guard i >= 0, i < rows.count else { return [] }
  let r = s.customersPane.cursor.offset + i
  guard r < s.customersPane.cursor.count else { return [] }
  if r == s.customersPane.cursor.index { return perform(&s, .open) }
  s.customersPane.cursor.jump(to: r, visible: Layouts.customerRows(s))
  return []
}
