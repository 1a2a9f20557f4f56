import LiuliangModel
import LiuliangRender

/// The Customers table's search line: each key narrows the table to the matches, best first, and
/// moves to the first.
func searchKey(_ s: inout AppState, _ key: Key, _ field: TextField) -> [Effect] {
  var f = field
  switch key {
  case .escape:
    s.overlay = .none
    endSearch(&s)
    return []
  case .enter:
    s.overlay = .none
    return []
  default:
    _ = f.handle(key)
    s.overlay = .search(f)
    s.ensureSearchIndex()
    s.customersPane.list.query = f.text
    if let idx = s.customersPane.search { s.customersPane.list.rematch(idx) }
    s.customersPane.cursor.setCount(s.customersPane.list.order.count, visible: Layouts.customerRows(s))
    s.customersPane.cursor.jump(to: 0, visible: Layouts.customerRows(s))
    jumpToMatch(&s, forward: true, includeCurrent: true)
    return []
  }
}
