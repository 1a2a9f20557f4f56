import LiuliangModel
import LiuliangRender
import LiuliangReport

/// Pane 3: the week as days × posting slots, the selected day's posts, the plan checks.
func drawMoments(_ s: AppState, _ buf: inout Buffer) {
  let ds = s.dataset
  let monday = s.shownWeek
  let (top, bottom) = Layouts.moments(s)
  let inner = Block(title: s.text("moments.week", monday, monday.adding(6))).draw(into: &buf, in: top)
  let (slotWidth, dayWidth) = Layouts.weekColumns(inner)
  for d in 0..<7 {
    let day = monday.adding(d)
    let label = s.wording.weekday(d + 1) + " " + String(day.description.suffix(2))
    var style: Style = d == s.momentsPane.day ? .selection : .header
    if day == s.today && d != s.momentsPane.day { style = Style.accent.bolded }
    buf.put(
      pad(fit(label, width: dayWidth - 1), width: dayWidth - 1), x: inner.x + slotWidth + d * dayWidth,
      y: inner.y, style: style)
  }
  let slots = ds.shop.slots
  for (k, slot) in slots.enumerated() where k + 1 < inner.height {
    let y = inner.y + 1 + k
    buf.put(slot.description, x: inner.x, y: y, style: .dim)
    for d in 0..<7 {
      let day = monday.adding(d)
      let here = s.analysis.postCalendar.on(day).map { ds.posts[$0] }.filter { $0.slot == slot }
      let cx = inner.x + slotWidth + d * dayWidth
      let isCursor = d == s.momentsPane.day && k == s.momentsPane.slotRow
      guard let p = here.first else {
        buf.put(
          isCursor ? pad("·", width: dayWidth - 1) : "·", x: cx, y: y, style: isCursor ? .selection : .dim)
        continue
      }
      // Wider terminals show the start of the text after the category.
      let text =
        s.wording.category(p.category) + (here.count > 1 ? "+\(here.count - 1)" : "") + " "
        + firstLineOf(p.text)
      var style: Style = p.status == .posted ? .good : (p.status == .skipped ? .dim : .plain)
      if isCursor { style = .selection }
      buf.put(pad(fit(text, width: dayWidth - 1), width: dayWidth - 1), x: cx, y: y, style: style)
    }
  }
  if slots.count + 1 < inner.height {
    // Posts at a time that is not one of the shop's slots still show, counted per day.
    let y = inner.y + 1 + slots.count
    buf.put(s.text["moments.other"], x: inner.x, y: y, style: .dim, maxWidth: slotWidth - 1)
    for d in 0..<7 {
      let day = monday.adding(d)
      let n = s.analysis.postCalendar.on(day).filter { !(ds.posts[$0].slot.map(slots.contains) ?? false) }
        .count
      if n > 0 { buf.put("+\(n)", x: inner.x + slotWidth + d * dayWidth, y: y, style: .dim) }
    }
  }
  let (list, side) = bottom.splitLeft(bottom.width * 3 / 5)
  drawDayPosts(s, &buf, list)
  drawContentChecks(s, &buf, side)
}

func drawDayPosts(_ s: AppState, _ buf: inout Buffer, _ rect: Rect) {
  let posts = s.postsOfSelectedDay
  let day = s.selectedDay
  let inner = Block(title: s.text("moments.day", s.wording.weekday(day.weekday), day, posts.count)).draw(
    into: &buf, in: rect)
  if posts.isEmpty {
    if s.dataset.posts.isEmpty {
      drawFirstSteps(s, "empty.moments", &buf, in: inner)
      return
    }
    buf.put(fit(s.text["moments.no_posts"], width: inner.width), x: inner.x, y: inner.y, style: .dim)
    return
  }
  var y = inner.y
  for k in posts where y < inner.maxY {
    let p = s.dataset.posts[k]
    let tests = [(p.benefit, "test.benefit"), (p.meaning, "test.meaning"), (p.fun, "test.fun")]
      .filter(\.0).map { s.text[$0.1] }.joined(separator: "·")
    let head =
      (p.slot?.description ?? "--:--") + " " + s.wording.category(p.category) + " · "
      + s.wording.status(p.status)
      + (tests.isEmpty ? " · " + s.text["moments.no_test"] : " · " + tests)
      + (p.status == .posted ? " · ♥\(p.likes) 💬\(p.comments)" : "")
    buf.put(
      fit(head, width: inner.width), x: inner.x, y: y, style: p.slot == s.selectedSlot ? .selection : .title,
      maxWidth: inner.width)
    y += 1
    for line in wrap(p.text, width: max(1, inner.width - 2)) where y < inner.maxY {
      buf.put(line, x: inner.x + 2, y: y, maxWidth: inner.width - 2)
      y += 1
    }
  }
}

func drawContentChecks(_ s: AppState, _ buf: inout Buffer, _ whole: Rect) {
  let c = s.checks
  // The checks on top; what works (likes and comments by category) below, as room allows.
  let checkRows = min(whole.height - 5, max(3, c.count * 2 + 2))
  let (rect, works) = whole.splitTop(max(3, checkRows))
  drawWhatWorks(s, &buf, works)
  let inner = Block(title: s.text("moments.checks", c.count)).draw(into: &buf, in: rect)
  var lines: [(String, Style)] = []
  for d in c.emptyDays { lines.append((s.text("content.empty_day", s.wording.weekday(d.weekday), d), .warn)) }
  for d in c.crowdedDays { lines.append((s.text("content.crowded_day", d.day, d.posts), .warn)) }
  for p in c.promotionHeavyWeeks {
    lines.append((s.text("content.promo_week", p.week, p.promotion, p.posts), .warn))
  }
  for i in c.noTestPosts {
    let p = s.dataset.posts[i]
    lines.append((s.text("content.no_test", p.id, p.date.map { "\($0)" } ?? "–"), .warn))
  }
  if lines.isEmpty { lines.append((s.text["content.all_good"], .good)) }
  var y = inner.y
  for l in lines {
    for (k, part) in wrap(l.0, width: max(1, inner.width - 2)).enumerated() where y < inner.maxY {
      buf.put((k == 0 ? "• " : "  ") + part, x: inner.x, y: y, style: l.1, maxWidth: inner.width)
      y += 1
    }
  }
}

/// Likes and comments per category, posted in the last eight weeks, as bars.
func drawWhatWorks(_ s: AppState, _ buf: inout Buffer, _ rect: Rect) {
  guard rect.height >= 3 else { return }
  let inner = Block(title: s.text["moments.works"]).draw(into: &buf, in: rect)
  // Drawn, sorted and labelled by the same figure: likes and comments per post, the most
  // posts first among equals; the count beside it says how much that rests on.
  func perPost(_ p: CategoryPerformance) -> Double {
    Double(p.likes + p.comments) / Double(p.posts)
  }
  let perf = s.analysis.contentPerformance
    .filter { $0.posts > 0 }.sorted { (perPost($0), $0.posts) > (perPost($1), $1.posts) }
  if perf.isEmpty {
    buf.put(fit(s.text["moments.works_none"], width: inner.width), x: inner.x, y: inner.y, style: .dim)
    return
  }
  let rows = perf.prefix(inner.height).map { p in
    BarRow(
      label: s.wording.category(p.category), value: perPost(p),
      text: s.text(
        "moments.works_row", oneDecimal(p.likes, p.posts), oneDecimal(p.comments, p.posts), p.posts),
      style: .accent)
  }
  BarChart(rows: Array(rows)).draw(into: &buf, in: inner)
}

/// `n ÷ d` as a per-post figure reads in a narrow box: whole from 10 up or when whole, else one
/// decimal.
func oneDecimal(_ n: Int, _ d: Int) -> String {
  let tenths = (n * 10 + d / 2) / d
  return tenths >= 100 || tenths % 10 == 0 ? "\((tenths + 5) / 10)" : "\(tenths / 10).\(tenths % 10)"
}
