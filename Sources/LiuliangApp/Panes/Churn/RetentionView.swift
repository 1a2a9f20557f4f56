import LiuliangModel
import LiuliangRender
import LiuliangReport
import LiuliangText

/// What the retention triangle shows, worked out from the model's cohorts: the views and the
/// layout read the same labels and widths.
struct RetentionGrid {
  /// Cells per month: a share of up to "100" and a shade (or "~" for T's month, not over yet).
  static let cell = 4
  static let months = 12

  let cohorts: ArraySlice<Cohort>
  let sizeTitle: String
  let longLabels: Bool

  init(_ s: AppState) {
    cohorts = s.analysis.cohorts.suffix(Self.months)
    sizeTitle = s.text["churn.retention_size"]
    // `2026-05` when the band is wide enough for it, else `26-05`.
    longLabels = s.width >= 100
  }

  var labelWidth: Int { longLabels ? 7 : 5 }
  var sizeWidth: Int { max(CellWidth.of(sizeTitle), cohorts.map { String($0.size).count }.max() ?? 0) }

  func label(_ c: Cohort) -> String { longLabels ? c.name : String(c.name.dropFirst(2)) }

  /// The largest share shown for a whole month, which the darkest shade stands for.
  var top: Double {
    var t = 0.0
    for c in cohorts {
      for k in 0..<max(0, min(Self.months, c.returned.count - 1)) { t = max(t, c.share(k) ?? 0) }
    }
    return t
  }

  /// 0 (none came back) … 4, like the heatmap.
  static func level(_ share: Double, top: Double) -> Int {
    share <= 0 || top <= 0 ? 0 : min(4, 1 + Int(share / top * 3.999))
  }

  static let styles: [Style] = [.dim, .plain, .accent, .good, Style.good.bolded]
}

/// Churn pane: for each of the last joining months, the share of its customers who came back in
/// each month after, shaded, with the cohort's size at the row's end.
func drawRetention(_ s: AppState, _ buf: inout Buffer, _ rect: Rect) {
  let inner = Block(title: s.text["churn.retention"]).draw(into: &buf, in: rect)
  guard !inner.isEmpty else { return }
  let g = RetentionGrid(s)
  if g.cohorts.isEmpty {
    for (k, line) in wrap(s.text["churn.retention_none"], width: inner.width).prefix(inner.height)
      .enumerated()
    {
      buf.put(line, x: inner.x, y: inner.y + k, style: .dim)
    }
    return
  }
  let cw = RetentionGrid.cell
  let gridX = inner.x + g.labelWidth
  let sizeX = gridX + RetentionGrid.months * cw + 1
  for m in 1...RetentionGrid.months {
    buf.put("+\(m)", x: gridX + (m - 1) * cw, y: inner.y, width: cw - 1, align: .right, style: .dim)
  }
  buf.put(g.sizeTitle, x: sizeX, y: inner.y, width: g.sizeWidth, align: .right, style: .dim)
  let rows = g.cohorts.suffix(max(0, inner.height - 1))
  let top = g.top
  for (r, c) in rows.enumerated() {
    let y = inner.y + 1 + r
    buf.put(g.label(c), x: inner.x, y: y, style: .dim, maxWidth: g.labelWidth)
    for k in 0..<min(RetentionGrid.months, c.returned.count) {
      let share = c.share(k) ?? 0
      let partial = k == c.returned.count - 1
      let level = RetentionGrid.level(share, top: top)
      let mark = partial ? "~" : String(Heatmap.levels[level])
      let text = pad(Wording.number(share * 100, digits: 0), width: cw - 1, align: .right) + mark
      buf.put(
        text, x: gridX + k * cw, y: y, style: partial ? .dim : RetentionGrid.styles[level], maxWidth: cw)
    }
    buf.put("\(c.size)", x: sizeX, y: y, width: g.sizeWidth, align: .right)
  }
}
