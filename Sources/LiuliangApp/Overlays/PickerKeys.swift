import LiuliangModel
import LiuliangRender

/// Any picker: j/k and the page keys move, Enter hands the entry to `picked`, Esc or q leaves.
func pickerKey(_ s: inout AppState, _ key: Key, _ picker: Picker) -> [Effect] {
  var p = picker
  switch key {
  case .escape, .char("q"):
    s.overlay = .none
  case .char("j"), .down: p.cursor = min(p.items.count - 1, p.cursor + 1)
  case .char("k"), .up: p.cursor = max(0, p.cursor - 1)
  case .char("g"), .home: p.cursor = 0
  case .char("G"), .end: p.cursor = p.items.count - 1
  case .pageDown: p.cursor = min(p.items.count - 1, p.cursor + 10)
  case .pageUp: p.cursor = max(0, p.cursor - 10)
  case .enter:
    s.overlay = .none
    return picked(&s, p.purpose, p.items[p.cursor].value)
  default: return []
  }
  if case .picker = s.overlay { s.overlay = .picker(p) }
  return []
}

/// A chosen entry goes to the pane whose picker it was.
func picked(_ s: inout AppState, _ purpose: PickerPurpose, _ value: PickValue) -> [Effect] {
  switch purpose {
  case .sort, .filter, .churnReason:
    return customersPicked(&s, purpose, value)
  case .template, .idea:
    return momentsPicked(&s, purpose, value)
  case .problems:
    guard case .problem(let k) = value, k < s.problems.count else { return [] }
    s.flash(s.text("msg.problem_fix", s.wording.problem(s.problems[k])), error: true)
  }
  return []
}
