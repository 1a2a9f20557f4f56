import LiuliangModel
import LiuliangRender
import LiuliangReport
import LiuliangText

/// Pane 5: why customers left, the trend, who is about to, and what they complained about.
func drawChurn(_ s: AppState, _ buf: inout Buffer) {
  let l = Layouts.churn(s)
  let (reasons, rates) = l.reasons.splitTop(max(0, l.reasons.height - ReachOutRatesBox.height))
  drawChurnBars(s, &buf, reasons, compact: false)
  ReachOutRatesBox.draw(s, &buf, rates)
  drawChurnTrend(s, &buf, l.trend)
  drawAtRisk(s, &buf, l.atRisk)
  drawComplaints(s, &buf, l.complaints)
  drawRetention(s, &buf, l.retention)
}

func drawChurnTrend(_ s: AppState, _ buf: inout Buffer, _ rect: Rect) {
  let c = s.analysis.churn
  let inner = Block(title: s.text["churn.monthly"]).draw(into: &buf, in: rect)
  let months = c.monthly
  let rows: [(String, [Double], Style)] = [
    (s.text["col.churned"], months.map { Double($0.churned) }, .warn),
    (s.text["col.complaints"], months.map { Double($0.complaints) }, .bad),
  ]
  let labelWidth = rows.map { CellWidth.of($0.0) }.max() ?? 0
  // Beside the retention triangle at 80 columns the box is narrow: each label goes above its line.
  let stacked = inner.width < labelWidth + 13 + 4
  var y = inner.y
  for r in rows where y < inner.maxY {
    let total = Int(r.1.reduce(0, +))
    var x = inner.x
    if stacked {
      buf.put(fit(r.0 + " \(total)", width: inner.width), x: x, y: y, style: .dim)
      y += 1
      if y >= inner.maxY { break }
    } else {
      buf.put(r.0, x: x, y: y, style: .dim)
      x += labelWidth + 1
    }
    Sparkline(values: r.1, style: r.2).draw(
      into: &buf, in: Rect(x: x, y: y, width: min(12, inner.maxX - x), height: 1))
    if !stacked { buf.put(" \(total)", x: x + 12, y: y, maxWidth: max(0, inner.maxX - x - 12)) }
    y += 1
  }
  if y < inner.maxY {
    let out = c.standsOut().prefix(2).map { r in
      s.wording.reason(r) + " " + Wording.percent(c.share(r), digits: 0)
        + (r.benchmarkShare.map { "/" + Wording.percent($0, digits: 0) } ?? "")
    }
    let line =
      (out.isEmpty ? "" : s.text("churn.stands_out", out.joined(separator: s.text["list.separator"])) + " ")
      + s.text("churn.silent", c.complaints, c.silentEstimate)
    for (k, part) in wrap(line, width: inner.width).prefix(inner.maxY - y).enumerated() {
      buf.put(part, x: inner.x, y: y + k, style: .dim)
    }
  }
}

func drawAtRisk(_ s: AppState, _ buf: inout Buffer, _ rect: Rect) {
  let list = s.atRiskList
  let inner = Block(
    title: s.text("churn.at_risk", list.count), style: s.churnPane.complaintFocus ? .plain : .accent
  )
  .draw(into: &buf, in: rect)
  if s.hasNoCustomers {
    drawFirstSteps(s, "empty.churn", &buf, in: inner)
    return
  }
  let tried = s.analysis.triedLately
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
      let cust = s.dataset.customers[c]
      let back = tried.contains(c)
      return [
        (back ? "↺" : "") + cust.name, money(a.figures[c].monetary),
        shortReach(s, ReachOut(customer: c, reason: .atRisk(a.why(c, s.dataset.customers[c])))),
      ]
    }, selected: s.churnPane.complaintFocus ? nil : s.churnPane.atRisk.index,
    offset: s.churnPane.atRisk.offset
  ).draw(into: &buf, in: inner)
}

func drawComplaints(_ s: AppState, _ buf: inout Buffer, _ rect: Rect) {
  let ds = s.dataset
  let order = complaintOrder(s)
  let open = s.analysis.complaintLog.open
  let title = s.text("churn.complaints_title", open, ds.complaints.count)
  let inner = Block(title: title, style: s.churnPane.complaintFocus ? .accent : .plain).draw(
    into: &buf, in: rect)
  let c = s.churnPane.complaints
  for row in 0..<inner.height {
    let k = c.offset + row
    guard k < order.count else { break }
    let cm = ds.complaints[order[k]]
    let who = s.complaintCustomers[order[k]].map { ds.customers[$0].name } ?? "–"
    let line =
      (cm.resolved ? "✓ " : "! ") + String(cm.date.description.suffix(5)) + " " + who + " "
      + s.wording.reason(cm.reason) + " " + cm.text
    let style: Style = s.churnPane.complaintFocus && k == c.index ? .selection : (cm.resolved ? .dim : .bad)
    buf.put(
      pad(fit(line, width: inner.width), width: inner.width), x: inner.x, y: inner.y + row, style: style)
  }
}
