import LiuliangRender

extension Layouts {
  /// Moments: the week grid on top, the day's posts and the plan checks below.
  static func moments(_ s: AppState) -> (week: Rect, rest: Rect) {
    let body = body(s)
    let (week, rest) = body.splitTop(min(body.height - 6, 4 + max(s.dataset.shop.slots.count, 1) + 2))
    return (week, rest)
  }

  /// The week grid's slot column, then seven day columns sharing the rest.
  static func weekColumns(_ inner: Rect) -> (slot: Int, day: Int) {
    (6, max(4, (inner.width - 6) / 7))
  }
}

/// A click on a list row: the row is selected; a click on the row already selected is Enter.
/// `firstY` is the line of the list's first row on screen, `cursor` the list's cursor.
func clickRow(
  _ s: inout AppState, _ m: Mouse, firstY: Int, rows: Int, _ cursor: WritableKeyPath<AppState, ListCursor>,
  visible: Int
) -> [Effect] {
  let i = m.y - firstY
  guard i >= 0, i < rows else { return [] }
  let r = s[keyPath: cursor].offset + i
  guard r < s[keyPath: cursor].count else { return [] }
  if r == s[keyPath: cursor].index { return update(&s, .key(.enter)) }
  s[keyPath: cursor].jump(to: r, visible: visible)
  return []
}

/// Today: a row of the reach-out list (under its border, filter bar and header).
func clickToday(_ s: inout AppState, _ m: Mouse) -> [Effect] {
  let list = Layouts.today(s).list
  guard list.contains(x: m.x, y: m.y) else { return [] }
  return clickRow(
    &s, m, firstY: list.y + 3, rows: Layouts.todayListRows(s), \.todayPane.reach,
    visible: Layouts.todayListRows(s))
}

/// Churn: a row of the at-risk list (under its header) or of the complaint log; a click in
/// a box also gives it the focus, as Tab would.
func clickChurn(_ s: inout AppState, _ m: Mouse) -> [Effect] {
  let l = Layouts.churn(s)
  if l.atRisk.contains(x: m.x, y: m.y) {
    if s.churnPane.complaintFocus {
      s.churnPane.complaintFocus = false
      if m.y - (l.atRisk.y + 2) + s.churnPane.atRisk.offset == s.churnPane.atRisk.index { return [] }
    }
    return clickRow(
      &s, m, firstY: l.atRisk.y + 2, rows: Layouts.atRiskRows(s), \.churnPane.atRisk,
      visible: Layouts.atRiskRows(s))
  }
  if l.complaints.contains(x: m.x, y: m.y) {
    if !s.churnPane.complaintFocus {
      s.churnPane.complaintFocus = true
      if m.y - (l.complaints.y + 1) + s.churnPane.complaints.offset == s.churnPane.complaints.index {
        return []
      }
    }
    return clickRow(
      &s, m, firstY: l.complaints.y + 1, rows: Layouts.complaintRows(s), \.churnPane.complaints,
      visible: Layouts.complaintRows(s))
  }
  return []
}

/// Moments: a day's header selects the day; a slot cell selects that day and slot, and a
/// click on the slot already selected is Enter (edit its post).
func clickMoments(_ s: inout AppState, _ m: Mouse) -> [Effect] {
  let inner = Block().inner(Layouts.moments(s).week)
  let (slotWidth, dayWidth) = Layouts.weekColumns(inner)
  let d = (m.x - inner.x - slotWidth) / dayWidth
  guard m.x >= inner.x + slotWidth, d >= 0, d < 7, m.y >= inner.y, m.y < inner.maxY else { return [] }
  let k = m.y - inner.y - 1
  if k >= 0 && k < s.dataset.shop.slots.count {
    if d == s.momentsPane.day && k == s.momentsPane.slotRow { return update(&s, .key(.enter)) }
    s.momentsPane.slotRow = k
  }
  s.momentsPane.day = d
  return []
}

/// A picker: a click on an item moves to it, a click on the item already chosen picks it.
func clickPicker(_ s: inout AppState, _ m: Mouse, _ p: Picker) -> [Effect] {
  let box = pickerBox(p, Rect(x: 0, y: 1, width: s.width, height: s.height - 2))
  let inner = Block().inner(box.box)
  let i = m.y - inner.y
  guard inner.contains(x: m.x, y: m.y), i >= 0 else { return [] }
  let item = box.offset + i
  guard item < p.items.count else { return [] }
  if item == p.cursor { return update(&s, .key(.enter)) }
  var q = p
  q.cursor = item
  s.overlay = .picker(q)
  return []
}

/// A form: a click on a field's line gives it the focus, as Tab does, and nothing else.
func clickForm(_ s: inout AppState, _ m: Mouse, _ f: Form) -> [Effect] {
  let inner = Block().inner(formLayout(s, f).box)
  guard inner.contains(x: m.x, y: m.y) else { return [] }
  var y = inner.y
  for (i, field) in f.fields.enumerated() where y + field.rows <= inner.maxY - 2 {
    if m.y >= y && m.y < y + field.rows {
      // Through the Tab key, so that leaving a field does what it always does.
      var steps = 0
      while case .form(let now) = s.overlay, now.focus != i, steps < f.fields.count {
        _ = update(&s, .key(.tab))
        steps += 1
      }
      return []
    }
    y += field.rows
  }
  return []
}
