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
  s.pane.room.draw(s, &buf)
  drawPrepared(s, &buf)
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
    var (h, area) = helpOverlay(s)
    h.offset = min(offset, h.lastOffset(in: area))
    h.draw(into: &buf, in: area)
  }
  return cursor
}

/// The help of the pane, and the area it is drawn in; keys scroll by the same measure.
func helpOverlay(_ s: AppState) -> (HelpOverlay, Rect) {
  let sections = Keymap.help(s.pane, text: { s.text($0, Pane.keyRange) }, unmet: { s.unmet($0) })
  var h = HelpOverlay(title: s.text("help.title", s.text[s.pane.titleKey]), sections: sections)
  h.moreBelow = s.text["help.more_below"]
  h.moreAbove = s.text["help.more_above"]
  return (h, Rect(x: 0, y: 1, width: s.width, height: s.height - 2))
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
    s.problems.first.map { s.text.counted("status.problems", s.problems.count, $0.place) }
    ?? s.text["status.no_problems"]
  let path = shortPath(s.folder, width: max(12, s.width / 4))
  // A problem's file:line matters more than the folder, so it comes first when there is one.
  let fields =
    [
      s.dataset.shop.name.isEmpty ? s.text["status.no_name"] : s.dataset.shop.name,
      s.today.description + " " + s.wording.weekday(s.today.weekday),
    ] + (s.problems.isEmpty ? [path, problems] : [problems, path])
  if let m = s.message {
    // A message is short-lived and says something just done: it gets the whole line.
    StatusLine(left: [m], style: s.messageIsError ? Style.bad.reversed : .status).draw(into: &buf, in: row)
    return
  }
  // The way to where the owner is (今日 › 杨军) comes first.
  let left = (s.trail.map { [$0] } ?? []) + fields
  let room = row.width - CellWidth.of(" " + left.joined(separator: StatusLine.separator)) - 2
  StatusLine(
    left: left, right: keyHints(s.text["hint." + String(describing: s.pane)], room: room), keepsRight: true
  )
  .draw(into: &buf, in: row)
}

/// The pane's key hints cut to `room` cells: hints go from the last (least important) back,
/// except `?` help, which always stays. Hints are parted by two spaces, or by one when none
/// holds a space (`/搜索 s排序 ?帮助`).
func keyHints(_ line: String, room: Int) -> String {
  let sep = line.contains("  ") ? "  " : " "
  var items = line.split(separator: sep).map(String.init)
  while CellWidth.of(items.joined(separator: sep)) > room,
    let k = items.lastIndex(where: { !$0.hasPrefix("?") })
  {
    items.remove(at: k)
  }
  return items.joined(separator: sep)
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
