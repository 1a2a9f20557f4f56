import LiuliangModel
import LiuliangRender
import LiuliangReport
import LiuliangText

/// Pane 1: what the owner needs at the counter in the morning.
func drawToday(_ s: AppState, _ buf: inout Buffer) {
  let l = Layouts.today(s)
  let a = s.analysis
  let x = s.text
  let target = a.thresholds.repurchaseTarget
  let rate = a.repurchaseRate
  let tiles: [KPITile] = [
    KPITile(
      title: x["kpi.pool"], value: "\(a.pool)", detail: x("tile.new", a.new30d), sparkline: s.trends.pool,
      style: .accent),
    KPITile(
      title: x["kpi.active"], value: "\(a.active)",
      detail: x(
        "tile.share", Wording.percent(a.pool == 0 ? nil : Double(a.active) / Double(a.pool), digits: 0)),
      sparkline: s.trends.active, style: .accent),
    KPITile(
      title: x["kpi.repurchase_rate"], value: Wording.percent(rate),
      detail: x("tile.target", Wording.percent(target, digits: 0)) + ((rate ?? 0) >= target ? " ✓" : " ✗"),
      sparkline: s.trends.repurchaseRate, style: (rate ?? 0) >= target ? .good : .bad),
    KPITile(
      title: s.wording.segment(.superUser), value: "\(a.segmentCounts[.superUser] ?? 0)",
      detail: x("tile.share", Wording.percent(share(a.segmentCounts[.superUser], a.pool), digits: 0)),
      sparkline: s.trends.superUsers, style: .good),
    KPITile(
      title: s.wording.segment(.atRisk), value: "\(a.segmentCounts[.atRisk] ?? 0)",
      detail: x("tile.share", Wording.percent(share(a.segmentCounts[.atRisk], a.pool), digits: 0)),
      sparkline: s.trends.atRisk, style: .warn),
  ]
  let cells = Layout.split(l.tiles, .horizontal, tiles.map { _ in .flex(1) })
  for (t, r) in zip(tiles, cells) { t.draw(into: &buf, in: r) }
  drawReach(s, &buf, l.list)
  let side = l.side
  let posts = a.postCalendar.on(s.today)
  let windows = a.slots.offPeakWindows(weekday: s.today.weekday)
  let postRows = max(1, min(posts.count, 4))
  let offRows = max(1, min(windows.count + 1, 5))
  let (postBox, rest) = side.splitTop(postRows + 2)
  let (offBox, churnBox) = rest.splitTop(offRows + 2)
  drawTodayPosts(s, &buf, postBox, posts)
  drawTodayOffPeak(s, &buf, offBox, windows)
  drawChurnBars(s, &buf, churnBox, compact: true)
}

func share(_ n: Int?, _ d: Int) -> Double? { d == 0 ? nil : Double(n ?? 0) / Double(d) }

func drawReach(_ s: AppState, _ buf: inout Buffer, _ rect: Rect) {
  let list = s.analysis.reachOut
  let q = s.todayPane.queue
  let inner = Block(title: s.text("today.reach", list.count)).draw(into: &buf, in: rect)
  if list.isEmpty {
    if s.hasNoCustomers {
      drawFirstSteps(s, "empty.today", &buf, in: inner)
      return
    }
    buf.put(fit(s.text["today.reach_empty"], width: inner.width), x: inner.x, y: inner.y, style: .dim)
    return
  }
  drawReachFilters(s, &buf, Rect(x: inner.x, y: inner.y, width: inner.width, height: 1))
  let rows = Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: max(0, inner.height - 1))
  let t = Table(
    columns: [
      TableColumn(title: s.text["col.reach_kind"], width: .fixed(4)),
      TableColumn(title: s.text["col.name"], width: .fixed(8)),
      TableColumn(title: s.text["col.wechat"], width: .fixed(9)),
      TableColumn(title: s.text["col.spend_365"], width: .fixed(5), align: .right),
      TableColumn(title: s.text["col.why"], width: .flex(min: 8, weight: 1)),
    ],
    rowCount: q.entries.count,
    row: { i in
      let r = list[q.entries[i]]
      let c = r.customer.map { s.dataset.customers[$0] }
      return [
        s.text["reach.kind." + r.kindID],
        (s.doneToday(r) ? "✓" : "") + (c?.name ?? "–"),
        c?.wechat ?? "",
        r.customer.map { money(s.analysis.figures[$0].monetary) } ?? "",
        shortReach(s, r),
      ]
    }, selected: s.pane == .today ? s.todayPane.reach.index : nil, offset: s.todayPane.reach.offset,
    rowStyle: { i in
      let r = list[q.entries[i]]
      if s.doneToday(r) { return .dim }
      switch r.reason {
      case .atRisk: return .warn
      case .complaint: return .bad
      default: return nil
      }
    })
  t.draw(into: &buf, in: rows)
}

/// all 507 · at risk 480 · birthdays 12 · welcome 10 · complaints 5, the chosen one marked.
func drawReachFilters(_ s: AppState, _ buf: inout Buffer, _ row: Rect) {
  var x = row.x
  for f in ReachFilter.allCases {
    let label = s.text["queue.filter." + (f.kindID ?? "all")] + " \(s.todayPane.queue.counts[f] ?? 0)"
    let w = CellWidth.of(label)
    guard x + w <= row.maxX else { break }
    buf.put(label, x: x, y: row.y, style: f == s.todayPane.queue.filter ? .selection : .dim)
    x += w + 1
  }
}

/// The message templates (`:messages`): each kind's, from messages.toml or Resources.
func drawTemplates(_ s: AppState, _ buf: inout Buffer) {
  guard s.todayPane.queue.showsTemplates else { return }
  let box = Rect(x: 0, y: 1, width: s.width, height: s.height - 2).inset(dx: 2, dy: 1)
  let inner = Block(title: s.text["messages.title"], clearsInside: true).draw(into: &buf, in: box)
  var lines: [(String, Style)] = []
  for k in ContactKind.allCases {
    let own = s.dataset.shop.messages[k]
    lines.append(
      (
        s.text["messages.kind." + k.rawValue] + " · "
          + s.text[own == nil ? "messages.builtin" : "messages.own"], .accent
      ))
    lines += wrap(own ?? s.text["message." + k.rawValue], width: inner.width).map { ($0, .plain) }
  }
  lines.append((s.text["messages.hint"], .dim))
  for (k, l) in lines.prefix(inner.height).enumerated() {
    buf.put(fit(l.0, width: inner.width), x: inner.x, y: inner.y + k, style: l.1, maxWidth: inner.width)
  }
}

/// The message prepared with `y`, over the lower part of the pane until the next key.
func drawPrepared(_ s: AppState, _ buf: inout Buffer) {
  drawTemplates(s, &buf)
  guard let m = s.todayPane.queue.prepared else { return }
  let width = min(s.width - 4, 76)
  let lines = wrap(m.text, width: width - 2)
  let height = min(lines.count + 2, max(3, s.height / 2))
  let rect = Rect(x: (s.width - width) / 2, y: s.height - 2 - height, width: width, height: height)
  buf.fill(rect, style: .plain)
  let wechat = m.wechat.isEmpty ? s.text["queue.no_wechat"] : m.wechat
  let inner = Block(title: s.text("queue.message_title", m.name, wechat), style: .accent).draw(
    into: &buf, in: rect)
  for (k, l) in lines.prefix(inner.height).enumerated() {
    buf.put(l, x: inner.x, y: inner.y + k, maxWidth: inner.width)
  }
}

/// Whole yuan for tables: the fen matter in the detail view, not in a column.
func money(_ m: Money) -> String { String(m.fen / 100) }

func drawTodayPosts(_ s: AppState, _ buf: inout Buffer, _ rect: Rect, _ posts: [Int]) {
  let inner = Block(title: s.text("today.posts_title", posts.count)).draw(into: &buf, in: rect)
  if posts.isEmpty {
    buf.put(fit(s.text["today.no_posts"], width: inner.width), x: inner.x, y: inner.y, style: .warn)
    return
  }
  for (i, k) in posts.prefix(inner.height).enumerated() {
    let p = s.dataset.posts[k]
    let head = (p.slot?.description ?? "--:--") + " " + s.wording.category(p.category) + " "
    let w = buf.put(
      head, x: inner.x, y: inner.y + i, style: p.status == .posted ? .good : .accent, maxWidth: inner.width)
    buf.put(
      fit(firstLineOf(p.text), width: inner.width - w), x: inner.x + w, y: inner.y + i,
      maxWidth: inner.width - w)
  }
}

func firstLineOf(_ s: String) -> String {
  String(s.split(separator: "\n", omittingEmptySubsequences: false).first ?? "")
}

func hourText(_ h: Int) -> String { (h < 10 ? "0" : "") + "\(h):00" }

func drawTodayOffPeak(
  _ s: AppState, _ buf: inout Buffer, _ rect: Rect,
  _ windows: [(from: Int, to: Int, coveredBy: [String], uncoveredHours: [Int])]
) {
  let inner = Block(title: s.text["today.offpeak"]).draw(into: &buf, in: rect)
  var y = inner.y
  if windows.isEmpty {
    buf.put(fit(s.text["today.no_offpeak"], width: inner.width), x: inner.x, y: y, style: .dim)
    y += 1
  }
  for w in windows.prefix(max(0, inner.height - 1)) {
    let span = hourText(w.from) + "–" + hourText(w.to) + " "
    let n = buf.put(span, x: inner.x, y: y, maxWidth: inner.width)
    let names = w.coveredBy.compactMap { id in s.dataset.promotions.first { $0.id == id }?.name }
    let whole = w.uncoveredHours.count == w.to - w.from
    let (textValue, style): (String, Style) =
      w.uncoveredHours.isEmpty
      ? ("✓ " + names.joined(separator: "、"), .good)
      : whole
        ? ("✗ " + s.text["today.no_cover"], .bad)
        : (
          "✗ " + s.text("today.uncovered_short", w.uncoveredHours.map(hourText).joined(separator: ",")), .bad
        )
    buf.put(
      fit(textValue, width: inner.width - n), x: inner.x + n, y: y, style: style, maxWidth: inner.width - n)
    y += 1
  }
  if y < inner.maxY {
    let d = s.analysis.discount
    let line = s.text("today.discount_short", Wording.percent(d.share, digits: 0)) + (d.warning ? " ⚠" : "")
    buf.put(fit(line, width: inner.width), x: inner.x, y: y, style: d.warning ? Style.bad.bolded : .dim)
  }
}

/// Churn reasons against the benchmark of the first source text.
func drawChurnBars(_ s: AppState, _ buf: inout Buffer, _ rect: Rect, compact: Bool) {
  let c = s.analysis.churn
  let inner = Block(title: s.text("today.churn_title", c.total)).draw(into: &buf, in: rect)
  var reasons = Reason.allCases.filter { (c.counts[$0] ?? 0) > 0 || (!compact && $0.benchmarkShare != nil) }
  let order = Dictionary(uniqueKeysWithValues: Reason.allCases.enumerated().map { ($1, $0) })
  reasons.sort { (c.counts[$0] ?? 0, -order[$0]!) > (c.counts[$1] ?? 0, -order[$1]!) }
  if compact { reasons = Array(reasons.prefix(max(0, inner.height))) }
  if reasons.isEmpty {
    buf.put(fit(s.text["churn.none"], width: inner.width), x: inner.x, y: inner.y, style: .dim)
    return
  }
  let top = max(reasons.map { max(c.share($0) ?? 0, $0.benchmarkShare ?? 0) }.max() ?? 1, 0.01)
  let rows = reasons.map { r in
    BarRow(
      label: s.wording.reason(r), value: c.share(r) ?? 0,
      text: Wording.percent(c.share(r), digits: 0)
        + (r.benchmarkShare.map { "/" + Wording.percent($0, digits: 0) } ?? ""),
      marker: r.benchmarkShare,
      style: (c.share(r) ?? 0) > (r.benchmarkShare ?? 1) ? .bad : .accent)
  }
  BarChart(rows: rows, maxValue: top).draw(into: &buf, in: inner)
}

/// The reach-out reason without its kind, which has its own column.
func shortReach(_ s: AppState, _ r: ReachOut) -> String {
  switch r.reason {
  case .atRisk(let w):
    switch w {
    case .overdue(let rec, let gap): return s.text("reach.short.overdue", rec, Wording.number(gap, digits: 1))
    case .singleVisit(let rec): return s.text("reach.short.single", rec)
    default: return s.wording.why(w)
    }
  case .birthday(let d): return d == 0 ? s.text["reach.birthday"] : s.text("reach.birthday_in", d)
  case .welcome(let d): return s.text("reach.short.welcome", d)
  case .complaint(let k):
    let c = s.dataset.complaints[k]
    return String(c.date.description.suffix(5)) + " " + (c.text.isEmpty ? s.wording.reason(c.reason) : c.text)
  }
}
