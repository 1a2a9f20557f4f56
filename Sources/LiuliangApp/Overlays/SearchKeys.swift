import LiuliangModel
import LiuliangRender

/// The Customers table's search line: each key narrows the table and moves to the first match.
func searchKey(_ s: inout AppState, _ key: Key, _ field: TextField) -> [Effect] {
  var f = field
  switch key {
  case .escape:
    s.overlay = .none
    s.list.query = ""
    s.refreshList()
    return []
  case .enter:
    s.overlay = .none
    return []
  default:
    _ = f.handle(key)
    s.overlay = .search(f)
    s.ensureSearchIndex()
    s.list.query = f.text
    if let idx = s.search { s.list.rematch(idx) }
    jumpToMatch(&s, forward: true, includeCurrent: true)
    return []
  }
}
