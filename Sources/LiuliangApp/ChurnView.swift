import LiuliangModel
import LiuliangRender
import LiuliangReport

/// Pane 5: why customers left, the trend, who is about to, and what they complained about.
func drawChurn(_ s: AppState, _ buf: inout Buffer) {
  let l = Layouts.churn(s)
  drawChurnBars(s, &buf, l.reasons, compact: false)
  drawChurnTrend(s, &buf, l.trend)
  drawAtRisk(s, &buf, l.atRisk)
  drawComplaints(s, &buf, l.complaints)
}

func drawChurnTrend(_ s: AppState, _ buf: inout Buffer, _ rect: Rect) {
  let c = s.analysis.churn
  let inner = Block(title: s.text["churn.monthly"]).draw(into: &buf, in: rect)
  let months = ChurnReport(s.dataset, s.analysis, wording: s.wording).monthly()
  let rows: [(String, [Double], Style)] = [
    (s.text["col.churned"], months.map { Double($0.churned) }, .warn),
    (s.text["col.complaints"], months.map { Double($0.complaints) }, .bad),
  ]
  let labelWidth = rows.map { CellWidth.of($0.0) }.max() ?? 0
  for (k, r) in rows.enumerated() where k < inner.height {
    buf.put(r.0, x: inner.x, y: inner.y + k, style: .dim)
    let total = Int(r.1.reduce(0, +))
    Sparkline(values: r.1, style: r.2).draw(
      into: &buf, in: Rect(x: inner.x + labelWidth + 1, y: inner.y + k, width: 12, height: 1))
    buf.put(
      " \(total)", x: inner.x + labelWidth + 13, y: inner.y + k,
      maxWidth: max(0, inner.width - labelWidth - 13))
  }
  if inner.height > 2 {
    let line = s.text("churn.silent", c.complaints, c.silentEstimate)
    for (k, part) in wrap(line, width: inner.width).prefix(inner.height - 2).enumerated() {
      buf.put(part, x: inner.x, y: inner.y + 2 + k, style: .dim)
    }
  }
}

func drawAtRisk(_ s: AppState, _ buf: inout Buffer, _ rect: Rect) {
  let list = s.atRiskList
  let inner = Block(title: s.text("churn.at_risk", list.count)).draw(into: &buf, in: rect)
  let a = s.analysis
  Table(
    columns: [
      TableColumn(title: s.text["col.name"], width: .fixed(8)),
      TableColumn(title: s.text["col.spend_365"], width: .fixed(7), align: .right),
      TableColumn(title: s.text["col.why"], width: .flex(min: 10, weight: 1)),
    ],
    rowCount: list.count,
    row: { i in
      let c = list[i]
      return [
        s.dataset.customers[c].name, money(a.figures[c].monetary),
        shortReach(s, ReachOut(customer: c, reason: .atRisk(a.why[c]))),
      ]
    }, selected: s.atRisk.index, offset: s.atRisk.offset
  ).draw(into: &buf, in: inner)
}

func drawComplaints(_ s: AppState, _ buf: inout Buffer, _ rect: Rect) {
  let ds = s.dataset
  let order = ds.complaints.indices.sorted {
    (ds.complaints[$0].resolved ? 1 : 0, ds.complaints[$1].date) < (
      ds.complaints[$1].resolved ? 1 : 0, ds.complaints[$0].date
    )
  }
  let open = ds.complaints.filter { !$0.resolved }.count
  let inner = Block(title: s.text("churn.complaints_title", open, ds.complaints.count)).draw(
    into: &buf, in: rect)
  let index = ds.customerIndex()
  for (k, i) in order.prefix(inner.height).enumerated() {
    let c = ds.complaints[i]
    let who = index[c.customer].map { ds.customers[Int($0)].name } ?? "–"
    let line =
      (c.resolved ? "✓ " : "! ") + String(c.date.description.suffix(5)) + " " + who + " "
      + s.wording.reason(c.reason) + " " + c.text
    buf.put(
      fit(line, width: inner.width), x: inner.x, y: inner.y + k, style: c.resolved ? .dim : .bad,
      maxWidth: inner.width)
  }
}
