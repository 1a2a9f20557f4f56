import LiuliangModel
import LiuliangRender
import LiuliangReport
import LiuliangSearch

/// Pane 2: the whole pool as a table; Enter shows one customer in full.
func drawCustomers(_ s: AppState, _ buf: inout Buffer) {
  let body = Layouts.body(s)
  if let d = s.customersPane.detail {
    drawCustomerDetail(s, &buf, body, d)
    return
  }
  let ds = s.dataset
  let a = s.analysis
  let order = s.customersPane.list.order
  var title = s.text(
    "customers.title", order.isEmpty ? 0 : s.customersPane.cursor.index + 1, order.count, ds.customers.count)
  if let sort = s.customersPane.list.sort {
    title += " · " + s.text[sort.titleKey] + (s.customersPane.list.descending ? "↓" : "↑")
  }
  for d in CustomerList.Dimension.allCases {
    if let v = s.customersPane.list.filters[d] { title += " · " + word(s, d, v) }
  }
  if !s.customersPane.list.query.isEmpty {
    title += " · /" + s.customersPane.list.query + " (\(s.customersPane.list.matchCount))"
  }
  if !s.customersPane.list.marked.isEmpty {
    title += " · " + s.text("customers.marked", s.customersPane.list.marked.count)
  }
  let inner = Block(title: title).draw(into: &buf, in: body)
  // Only the rows on screen are looked at: a million-row search or pool costs nothing per frame.
  let shown =
    s.customersPane.cursor.offset..<min(order.count, s.customersPane.cursor.offset + max(0, inner.height))
  let marked =
    s.customersPane.list.marked.isEmpty
    ? [] : Set(shown.filter { s.customersPane.list.marked.contains(ds.customers[order[$0]].id) })
  // While searching, a last column says in which field each row was found and shows the match.
  let found = searchShown(s, shown)
  // Names get the width the longest one on screen needs (up to 24 cells), no more: a wide
  // terminal's spare cells go to the tags and the match.
  let nameWidth = min(
    24, shown.reduce(CellWidth.of(s.text["col.name"])) { max($0, CellWidth.of(ds.customers[order[$1]].name)) }
  )
  var columns = [
    TableColumn(title: s.text["col.name"], width: .fixed(nameWidth)),
    TableColumn(title: s.text["col.tier"], width: .fixed(6)),
    TableColumn(title: s.text["col.segment"], width: .fixed(10)),
    TableColumn(title: s.text["col.last_visit"], width: .fixed(10)),
    TableColumn(title: s.text["col.visits_365"], width: .fixed(5), align: .right),
    TableColumn(title: s.text["col.spend_365"], width: .fixed(7), align: .right),
    TableColumn(title: s.text["col.tags"], width: .flex(min: found.isEmpty ? 6 : 4, weight: 3)),
  ]
  if !found.isEmpty {
    columns.append(TableColumn(title: s.text["col.match"], width: .flex(min: 14, weight: 4)))
  }
  var t = Table(
    columns: columns,
    rowCount: order.count,
    row: { r in
      let i = order[r]
      let c = ds.customers[i]
      let f = a.figures[i]
      var cells = [
        c.name, s.wording.tier(c.tier), s.wording.segment(a.segment(i)), f.lastVisit?.description ?? "–",
        "\(f.frequency)", money(f.monetary), c.tags.joined(separator: " "),
      ]
      if let m = found[r] { cells.append(m.label + " " + m.shown.text) }
      return cells
    }, selected: s.customersPane.cursor.index, offset: s.customersPane.cursor.offset,
    rowStyle: { r in segmentStyle(a.segment(order[r])) },
    marked: marked, showsMarks: true)
  if !found.isEmpty {
    t.highlight = { r, col in
      guard let m = found[r] else { return nil }
      switch col {
      case 0: return m.shown.nameChars
      case 6: return m.kind == .tags ? m.shown.part : nil
      case 7:
        let skip = m.label.count + 1
        return m.shown.part.map { $0.lowerBound + skip..<$0.upperBound + skip }
      default: return nil
      }
    }
  }
  t.draw(into: &buf, in: inner)
  if s.hasNoCustomers { drawFirstSteps(s, "empty.customers", &buf, in: inner, line: 1) }
}

/// For each row on screen, the field the search found it in, its word and what matched.
private func searchShown(_ s: AppState, _ rows: Range<Int>) -> [Int: (
  kind: SearchKind, label: String, shown: SearchRanking.Shown
)] {
  guard !s.customersPane.list.query.isEmpty else { return [:] }
  var out: [Int: (kind: SearchKind, label: String, shown: SearchRanking.Shown)] = [:]
  for r in rows {
    guard let k = s.customersPane.list.kind(row: r) else { continue }
    let c = s.dataset.customers[s.customersPane.list.order[r]]
    out[r] = (
      k, s.text["search.field." + String(describing: k)],
      SearchRanking.shown(c, k, s.customersPane.list.query, phone: s.phone)
    )
  }
  return out
}

func segmentStyle(_ seg: Segment) -> Style? {
  switch seg {
  case .churned: return .dim
  case .atRisk: return .warn
  case .superUser: return .good
  default: return nil
  }
}

/// Profile, why the segment rule fired, visits with a monthly spend sparkline, complaints, notes.
func drawCustomerDetail(_ s: AppState, _ buf: inout Buffer, _ rect: Rect, _ i: Int) {
  let ds = s.dataset
  let c = ds.customers[i]
  let f = s.analysis.figures[i]
  let w = s.wording
  let x = s.text
  let inner = Block(title: c.name + " · " + c.id).draw(into: &buf, in: rect)
  var lines: [(String, Style)] = []
  lines.append(
    (x("detail.segment", w.segment(s.analysis.segment(i)), w.why(s.analysis.why(i, c))), Style.title))
  lines.append((x("detail.tier", w.tier(c.tier), c.source.isEmpty ? "–" : c.source), .plain))
  lines.append(
    (x("detail.contact", c.wechat.isEmpty ? "–" : c.wechat, c.phone.isEmpty ? "–" : s.phone(c.phone)), .plain)
  )
  lines.append(
    (
      x(
        "detail.dates", c.joined?.description ?? "–", c.birthday?.description ?? "–",
        c.welcomedOn?.description ?? "–"), .plain
    ))
  if let on = c.churnedOn {
    lines.append((x("detail.churned", on, w.reason(c.churnReason ?? .unknown)), .bad))
  }
  lines.append((x("detail.tags", c.tags.isEmpty ? "–" : c.tags.joined(separator: "、")), .plain))
  lines.append(
    (
      x(
        "detail.figures", f.recency.map(String.init) ?? "–", f.frequency, f.monetary.description, f.allVisits,
        f.allSpend.description), .plain
    ))
  // Monthly spend over the last twelve months, oldest first.
  let visits = s.detailVisits.filter { ds.visits[$0].date <= s.today }
  var months = [Double](repeating: 0, count: 12)
  let last = s.today.monthIndex
  for k in visits {
    let m = last - ds.visits[k].date.monthIndex
    if m >= 0 && m < 12 { months[11 - m] += ds.visits[k].amount.yuan }
  }
  lines.append((x["detail.monthly"] + " " + Sparkline(values: months).text(), .accent))
  if !c.notes.isEmpty {
    lines.append((x["detail.notes"], .title))
    for n in c.notes.split(separator: "\n", omittingEmptySubsequences: false) {
      lines.append(("  " + n, .plain))
    }
  }
  let complaints = s.analysis.complaintLog.of(i).map { ds.complaints[$0] }
  if !complaints.isEmpty {
    lines.append((x("detail.complaints", complaints.count), .title))
    for k in complaints {
      let mark = k.resolved ? "✓" : "!"
      lines.append(("  \(mark) \(k.date) " + w.reason(k.reason) + " " + k.text, k.resolved ? .dim : .bad))
    }
  }
  lines.append((x("detail.visits", visits.count), .title))
  for k in visits.reversed() {
    let v = ds.visits[k]
    let promo = v.promotion >= 0 ? " " + ds.promotions[Int(v.promotion)].name : ""
    lines.append(
      (
        "  \(v.date) \(v.time) " + pad("¥\(v.amount)", width: 9, align: .right) + "  ×\(v.party)  "
          + w.channel(v.channel) + promo, .plain
      ))
  }
  let start = min(s.customersPane.detailScroll, max(0, lines.count - inner.height))
  for (row, l) in lines.dropFirst(start).prefix(inner.height).enumerated() {
    buf.put(fit(l.0, width: inner.width), x: inner.x, y: inner.y + row, style: l.1, maxWidth: inner.width)
  }
}
