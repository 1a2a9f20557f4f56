import LiuliangRender

/// Forms, pickers, confirmations and the search line, drawn over the pane.
func drawOverlay(_ s: AppState, _ buf: inout Buffer) -> (x: Int, y: Int)? {
  let area = Rect(x: 0, y: 1, width: s.width, height: s.height - 2)
  switch s.overlay {
  case .form(let f): return drawForm(s, f, &buf, area)
  case .picker(let p): drawPicker(p, &buf, area)
  case .confirm(let purpose):
    switch purpose {
    case .deleteCustomer(let id):
      let name = s.dataset.customers.first { $0.id == id }?.name ?? id
      ConfirmDialog(
        title: s.text["confirm.delete_title"], message: s.text("confirm.delete", name),
        yes: s.text["confirm.yes"],
        no: s.text["confirm.no"]
      ).draw(into: &buf, in: area)
    case .deletePost(let id):
      let text = s.dataset.posts.first { $0.id == id }.map { firstLineOf($0.text) } ?? id
      ConfirmDialog(
        title: s.text["confirm.delete_title"], message: s.text("confirm.delete_post", id, text),
        yes: s.text["confirm.yes"], no: s.text["confirm.no"]
      ).draw(into: &buf, in: area)
    case .edit(let p):
      ConfirmDialog(
        title: s.text["confirm.edit_title"], message: p.question, yes: s.text["confirm.edit_yes"],
        no: s.text["confirm.edit_no"]
      ).draw(into: &buf, in: area)
    case .dropForm(let f, let quit):
      ConfirmDialog(
        title: s.text["confirm.drop_title"],
        message: s.text(quit ? "confirm.drop_form_quit" : "confirm.drop_form", f.title),
        yes: s.text["confirm.drop_yes"], no: s.text["confirm.drop_no"]
      ).draw(into: &buf, in: area)
    case .quitWhileWriting:
      ConfirmDialog(
        title: s.text["confirm.writing_title"], message: s.text["confirm.writing_quit"],
        yes: s.text["confirm.writing_yes"], no: s.text["confirm.writing_no"]
      ).draw(into: &buf, in: area)
    }
  case .importPreview(let p):
    let box = area.inset(dx: 2, dy: 1)
    let inner = Block(title: p.title, clearsInside: true).draw(into: &buf, in: box)
    let rows = max(0, inner.height - 1)
    let start = min(p.offset, max(0, p.lines.count - rows))
    for (k, l) in p.lines.dropFirst(start).prefix(rows).enumerated() {
      buf.put(fit(l, width: inner.width), x: inner.x, y: inner.y + k, maxWidth: inner.width)
    }
    buf.put(
      fit(s.text["import.preview_ask"], width: inner.width), x: inner.x, y: inner.maxY - 1, style: .title)
  case .search(let field):
    let row = Rect(x: 0, y: s.height - 1, width: s.width, height: 1)
    buf.fill(row, style: .plain)
    buf.put("/", x: 0, y: row.y, style: .accent)
    let count = searchCounter(s)
    let cw = CellWidth.of(count)
    buf.put(count, x: s.width - cw, y: row.y, style: .dim)
    return field.draw(
      into: &buf, in: Rect(x: 1, y: row.y, width: max(1, s.width - 2 - cw), height: 1), focused: true)
  default: break
  }
  return nil
}

/// Where a picker is drawn and its first item shown; a click is matched against the same.
func pickerBox(_ p: Picker, _ area: Rect) -> (box: Rect, offset: Int) {
  let w = min(area.width - 4, max(30, (p.items.map { CellWidth.of($0.label) }.max() ?? 0) + 4))
  let h = min(area.height - 2, p.items.count + 2)
  let box = area.centered(width: w, height: h)
  let visible = max(1, Block().inner(box).height)
  return (box, max(0, min(p.cursor - visible / 2, p.items.count - visible)))
}

func drawPicker(_ p: Picker, _ buf: inout Buffer, _ area: Rect) {
  let (box, offset) = pickerBox(p, area)
  let inner = Block(title: p.title, clearsInside: true).draw(into: &buf, in: box)
  ListView(items: p.items.map(\.label), selected: p.cursor, offset: offset).draw(into: &buf, in: inner)
}

/// The box a form is drawn in, and the width of its fields: key handling wraps text areas at
/// the same width the screen shows.
func formLayout(_ s: AppState, _ f: Form) -> (box: Rect, labelWidth: Int, fieldWidth: Int) {
  let area = Rect(x: 0, y: 1, width: s.width, height: s.height - 2)
  let lw = (f.fields.map { CellWidth.of(s.text[$0.label]) }.max() ?? 0) + 1
  let w = min(area.width - 2, 72)
  let h = min(area.height, f.fields.map(\.rows).reduce(0, +) + 4)
  let box = area.centered(width: w, height: h)
  return (box, lw, max(4, w - 2 - lw - 1))
}

func formFieldWidth(_ s: AppState, _ f: Form) -> Int { formLayout(s, f).fieldWidth }

func drawForm(_ s: AppState, _ f: Form, _ buf: inout Buffer, _ area: Rect) -> (x: Int, y: Int)? {
  let promos = s.validPromotions(f)
  let (box, lw, fieldWidth) = formLayout(s, f)
  let inner = Block(title: f.title, clearsInside: true).draw(into: &buf, in: box)
  var cursor: (x: Int, y: Int)?
  var y = inner.y
  for (i, field) in f.fields.enumerated() where y + field.rows <= inner.maxY - 2 {
    let focused = i == f.focus
    // A field that cannot be saved carries a mark that needs no colour.
    let bad = f.showAll && f.problem(i, promotions: promos) != nil
    let label = (bad ? "✗" : "") + s.text[field.label]
    buf.put(label, x: inner.x, y: y, style: bad ? .bad : focused ? .title : .dim, maxWidth: lw)
    let r = Rect(x: inner.x + lw, y: y, width: fieldWidth, height: field.rows)
    buf.fill(r, style: focused ? Style.plain.underlined : .plain)
    if field.isChoice || field.isToggle {
      let word = s.choiceWord(f, i)
      let shown = field.isToggle ? word : "‹" + word + "›"
      buf.put(shown, x: r.x, y: r.y, style: focused ? Style.plain.underlined : .plain, maxWidth: r.width)
      let at = min(r.maxX - 1, r.x + CellWidth.of(shown) + 1)
      if !field.query.isEmpty {
        buf.put(field.query, x: at, y: r.y, style: .dim, maxWidth: max(0, r.maxX - at))
      }
      if focused { cursor = (min(r.maxX - 1, at + CellWidth.of(field.query)), r.y) }
    } else {
      let c =
        field.area.map { $0.draw(into: &buf, in: r, focused: focused) }
        ?? field.input.draw(into: &buf, in: r, focused: focused)
      if focused { cursor = c }
    }
    y += field.rows
  }
  // The line under the fields: what is wrong with the focused field (or the first wrong one),
  // else what the focused choice offers, else how to save.
  let hintY = inner.maxY - 1
  let focusProblem = f.problem(f.focus, promotions: promos)
  let firstProblem =
    f.showAll ? f.fields.indices.lazy.compactMap { f.problem($0, promotions: promos) }.first : nil
  let hint: (String, Style) =
    if let p = focusProblem ?? firstProblem { (s.text[p], .bad) } else if f.fields[f.focus].isToggle {
      (s.text["form.hint_toggle"], .dim)
    } else if f.fields[f.focus].isChoice {
      (choiceHint(s, f), .dim)
    } else if f.fields[f.focus].area != nil {
      (s.text["form.hint_area"], .dim)
    } else { (s.text["form.hint"], .dim) }
  buf.put(fit(hint.0, width: inner.width), x: inner.x, y: hintY, style: hint.1, maxWidth: inner.width)
  _ = area
  return cursor
}

/// The focused choice's matches, the chosen one in brackets, after the keys that move it.
func choiceHint(_ s: AppState, _ f: Form) -> String {
  let list = s.narrowed(f, f.focus)
  let field = f.fields[f.focus]
  if list.isEmpty {
    return field.query.isEmpty && field.check == .customer
      ? s.text["form.hint_customer"] : s.text("form.no_match", field.query)
  }
  // From just before the chosen one, so that it shows on a narrow line.
  let at = list.firstIndex { $0.id == field.text } ?? 0
  let start = max(0, at - 1)
  let words = list[start...].prefix(30).map { $0.id == field.text ? "[" + $0.word + "]" : $0.word }
  return s.text["form.hint_choice"] + (start > 0 ? " … " : " ") + words.joined(separator: " ")
}
