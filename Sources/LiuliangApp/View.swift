import LiuliangModel
import LiuliangRender

/// Draws the whole screen for a state. Returns where the terminal cursor goes (the command line
/// being typed), or nil to hide it.
@discardableResult
public func view(_ s: AppState, into buf: inout Buffer) -> (x: Int, y: Int)? {
  buf.clear()
  if s.width < Layouts.minWidth || s.height < Layouts.minHeight {
    // The message too: `q` with changes not yet on disk answers here.
    let lines =
      [s.text("small.title"), s.text("small.need", Layouts.minWidth, Layouts.minHeight, s.width, s.height)]
      + (s.message.map { [$0] } ?? [])
    for (i, l) in lines.enumerated() {
      let w = min(s.width, CellWidth.of(l))
      buf.put(
        fit(l, width: s.width), x: max(0, (s.width - w) / 2), y: max(0, s.height / 2 - 1 + i),
        style: i == 0 ? .bold : .plain)
    }
    return nil
  }
  drawTabs(s, &buf)
  switch s.pane {
  case .today: drawToday(s, &buf)
  case .customers: drawCustomers(s, &buf)
  case .moments: drawMoments(s, &buf)
  case .promotions: drawPromotions(s, &buf)
  case .churn: drawChurn(s, &buf)
  }
  var cursor: (x: Int, y: Int)?
  let bottom = Rect(x: 0, y: s.height - 1, width: s.width, height: 1)
  switch s.overlay {
  case .command(let field):
    buf.fill(bottom, style: .plain)
    buf.put(":", x: 0, y: bottom.y)
    cursor = field.draw(into: &buf, in: Rect(x: 1, y: bottom.y, width: s.width - 1, height: 1), focused: true)
  default:
    drawStatus(s, &buf, bottom)
  }
  if let c = drawOverlay(s, &buf) { cursor = c }
  if case .help(let offset) = s.overlay {
    let sections = Keymap.help(s.pane, text: { s.text[$0] }, unmet: { s.unmet($0) })
    var h = HelpOverlay(title: s.text("help.title", s.text[s.pane.titleKey]), sections: sections)
    let area = Rect(x: 0, y: 1, width: s.width, height: s.height - 2)
    h.offset = min(offset, max(0, h.lineCount - h.visibleLines(in: area)))
    h.draw(into: &buf, in: area)
  }
  return cursor
}

func drawTabs(_ s: AppState, _ buf: inout Buffer) {
  buf.fill(Rect(x: 0, y: 0, width: s.width, height: 1), style: .plain)
  buf.put(" " + s.text["app.name"] + " ", x: 0, y: 0, style: Style.title.reversed)
  var x = 0
  for (p, label, at) in Layouts.tabs(s) {
    x = at + buf.put(label, x: at, y: 0, style: p == s.pane ? .selection : .dim)
  }
  if let r = s.readOnly {
    let tag = " " + s.text["tab.read_only"] + " "
    let w = CellWidth.of(tag)
    if x + w < s.width { buf.put(tag, x: s.width - w, y: 0, style: Style.warn.bolded) }
    _ = r
  }
}

func drawStatus(_ s: AppState, _ buf: inout Buffer, _ row: Rect) {
  let problems =
    s.problems.isEmpty ? s.text["status.no_problems"] : s.text("status.problems", s.problems.count)
  let left = [
    s.dataset.shop.name.isEmpty ? s.text["status.no_name"] : s.dataset.shop.name,
    s.today.description + " " + s.wording.weekday(s.today.weekday),
    shortPath(s.folder, width: max(12, s.width / 4)), problems,
  ]
  if let m = s.message {
    // A message is short-lived and says something just done: it gets the whole line.
    StatusLine(left: [m], style: s.messageIsError ? Style.bad.reversed : .status).draw(into: &buf, in: row)
    return
  }
  StatusLine(left: (s.trail.map { [$0] } ?? []) + left, right: s.text["hint." + String(describing: s.pane)])
    .draw(into: &buf, in: row)
}

/// A path cut at the left to `width` cells, so its last, telling part stays.
func shortPath(_ p: String, width: Int) -> String {
  guard CellWidth.of(p) > width else { return p }
  var tail = ""
  for ch in p.reversed() {
    if CellWidth.of(tail) + CellWidth.of(ch) + CellWidth.of(ellipsis) > width { break }
    tail = String(ch) + tail
  }
  return String(ellipsis) + tail
}
