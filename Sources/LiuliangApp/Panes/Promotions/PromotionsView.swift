import LiuliangModel
import LiuliangRender
import LiuliangReport
import LiuliangText

/// Pane 4: traffic by weekday × hour with off-peak, peak and covered cells; the promotions.
func drawPromotions(_ s: AppState, _ buf: inout Buffer) {
  let l = Layouts.promotions(s)
  let slots = s.analysis.slots
  let hours = heatHours(s)
  let cursor =
    s.promotionsPane.heatFocus
    ? "  " + s.wording.weekday(s.promotionsPane.heatWeekday) + " " + hourText(s.promotionsPane.heatHour) : ""
  let heatInner = Block(
    title: s.text("promotions.heat", slots.weeks) + cursor,
    style: s.promotionsPane.heatFocus ? .accent : .plain
  )
  .draw(into: &buf, in: l.heat)
  let top = max(slots.slots.flatMap { $0 }.map(\.perWeek).max() ?? 1, 1)
  let cells: [[HeatCell?]] = (1...7).map { d in
    hours.map { h in
      let sl = slots.slot(weekday: d, hour: h)
      if sl.level == .closed { return nil }
      let level = sl.perWeek <= 0 ? 0 : min(4, 1 + Int(sl.perWeek / top * 3.999))
      var mark: Character?
      var style: Style = .plain
      switch sl.level {
      case .offPeak:
        mark = sl.coveredBy.isEmpty ? "-" : "✓"
        style = sl.coveredBy.isEmpty ? .bad : .good
      case .peak:
        mark = "+"
        style = .accent
      default: break
      }
      if s.promotionsPane.heatFocus && d == s.promotionsPane.heatWeekday && h == s.promotionsPane.heatHour {
        style = .selection
      }
      return HeatCell(value: sl.perWeek, level: level, mark: mark, style: style)
    }
  }
  let (map, legend) = heatInner.splitBottom(1)
  if s.hasNoHours {
    drawFirstSteps(s, "empty.hours", &buf, in: heatInner)
    drawPromotionList(s, &buf, l.list)
    drawPromotionSide(s, &buf, l.side)
    return
  }
  Heatmap(rowLabels: (1...7).map { s.wording.weekday($0) }, columnLabels: hours.map { "\($0)" }, cells: cells)
    .draw(into: &buf, in: map)
  // The legend shows the glyphs in use (see Glyphs: a CJK-width terminal gets another set).
  let levels = String(Heatmap.levels.dropFirst())
  let text = s.text("promotions.legend", levels, String(Heatmap.closed))
  buf.put(fit(text, width: legend.width), x: legend.x, y: legend.y, style: .dim)
  drawPromotionList(s, &buf, l.list)
  drawPromotionSide(s, &buf, l.side)
}

func drawPromotionList(_ s: AppState, _ buf: inout Buffer, _ rect: Rect) {
  let ps = s.dataset.promotions
  let inner = Block(
    title: s.text("promotions.list", ps.count), style: s.promotionsPane.heatFocus ? .plain : .accent
  )
  .draw(into: &buf, in: rect)
  let t = Table(
    columns: [
      TableColumn(title: s.text["col.promotion"], width: .flex(min: 8, weight: 2)),
      TableColumn(title: s.text["col.kind"], width: .fixed(8)),
      TableColumn(title: s.text["col.when"], width: .flex(min: 8, weight: 1)),
      TableColumn(title: s.text["col.audience"], width: .fixed(6), align: .right),
      TableColumn(title: s.text["col.state"], width: .fixed(6)),
    ],
    rowCount: ps.count,
    row: { i in
      let p = ps[i]
      let days = p.weekdays.isEmpty ? s.text["promotions.every_day"] : formatWeekdays(p.weekdays)
      let window =
        p.window.map {
          " " + $0.from.description + "–" + ($0.to.minutes == 1440 ? "24:00" : $0.to.description)
        } ?? ""
      let state = s.wording.promotionState(p, today: s.today)
      return [
        p.name, s.wording.kind(p.kind), days + window,
        i < s.analysis.audienceSizes.count ? "\(s.analysis.audienceSizes[i])" : "",
        state,
      ]
    }, selected: s.promotionsPane.heatFocus ? nil : s.promotionsPane.list.index,
    offset: s.promotionsPane.list.offset,
    rowStyle: { i in ps[i].isActive(on: s.today) ? nil : .dim })
  t.draw(into: &buf, in: inner)
  if ps.isEmpty { drawFirstSteps(s, "empty.promotions", &buf, in: inner, line: 1) }
}

/// The discount gauge on top; below it, whether the selected promotion works.
func drawPromotionSide(_ s: AppState, _ buf: inout Buffer, _ rect: Rect) {
  let (gauge, effect) = rect.splitTop(max(4, rect.height - 5))
  drawDiscountGauge(s, &buf, gauge)
  guard effect.height >= 3 else { return }
  let ps = s.dataset.promotions
  let inner = Block(title: s.text["effect.title"]).draw(into: &buf, in: effect)
  guard s.promotionsPane.list.index < ps.count else { return }
  let i = s.promotionsPane.list.index
  guard i < s.analysis.effects.count else { return }
  let e = s.analysis.effects[i]
  let lines: [(String, Style)]
  if e.measured {
    let lift = s.wording.lift(e)
    lines = [
      (s.text("effect.before", Wording.number(e.beforePerWeek ?? 0, digits: 1)), .plain),
      (
        e.sincePerWeek.map { s.text("effect.since", e.weeksSince, Wording.number($0, digits: 1)) }
          ?? s.text["effect.since_none"], .plain
      ),
      (
        s.text(e.lift == nil ? "effect.lift_none" : "effect.lift", lift),
        e.lift.map { $0 > 0 ? Style.good.bolded : ($0 < 0 ? Style.bad.bolded : .plain) } ?? .dim
      ),
    ]
  } else {
    lines = [(s.wording.lift(e), .dim)]
  }
  for (k, l) in lines.enumerated() where k < inner.height {
    buf.put(fit(l.0, width: inner.width), x: inner.x, y: inner.y + k, style: l.1, maxWidth: inner.width)
  }
}

func drawDiscountGauge(_ s: AppState, _ buf: inout Buffer, _ rect: Rect) {
  let d = s.analysis.discount
  let inner = Block(title: s.text["promotions.dependence"]).draw(into: &buf, in: rect)
  guard !inner.isEmpty else { return }
  let value = d.share ?? 0
  let warn = s.analysis.thresholds.discountWarning
  let barWidth = max(4, inner.width - 6)
  var y = inner.y
  buf.put(
    Wording.percent(d.share, digits: 0), x: inner.x, y: y,
    style: d.warning ? Style.bad.bolded : Style.good.bolded)
  y += 1
  if y < inner.maxY {
    buf.put(BarChart.bar(value, of: 1, width: barWidth), x: inner.x, y: y, style: d.warning ? .bad : .good)
    let tick = inner.x + min(barWidth - 1, Int(warn * Double(barWidth)))
    buf.put(String(Glyphs.current.marker), x: tick, y: y, style: .warn)
    y += 1
  }
  let notes = [
    s.text("promotions.warning_at", Wording.percent(warn, digits: 0)),
    s.text("promotions.only_discount", d.onlyOnDiscount.count),
    d.warning ? s.text["promotions.train"] : "",
  ]
  for n in notes where !n.isEmpty {
    for line in wrap(n, width: inner.width) where y < inner.maxY {
      buf.put(line, x: inner.x, y: y, style: d.warning && n == notes[2] ? .bad : .dim)
      y += 1
    }
  }
}
