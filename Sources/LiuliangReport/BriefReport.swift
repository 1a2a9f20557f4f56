import LiuliangModel
import LiuliangRender
import LiuliangText

/// `liuliang today --format brief`: the day in at most 40 columns, to read on a phone or send
/// by cron mail. Counts, the first ten to contact with their messages' first words, today's
/// posts, and the slow hours no promotion covers.
public struct BriefReport: ShopReport {
  public let inputs: ReportInputs
  public static let width = 40

  public init(inputs: ReportInputs) { self.inputs = inputs }

  public func text() -> String {
    let x = w.text
    let t = a.today
    var lines: [String] = []
    lines.append(
      (ds.shop.name.isEmpty ? "" : ds.shop.name + " ") + t.description + " " + w.weekday(t.weekday))
    lines.append(
      x("brief.counts", a.pool, a.active, Wording.percent(a.repurchaseRate)))
    let list = a.reachOut
    func count(_ id: String) -> Int { list.filter { $0.kindID == id }.count }
    lines.append(
      x("brief.reach_counts", count("at_risk"), count("birthday"), count("welcome"), count("complaint")))
    lines.append("")
    let order = Messages.queueOrder(list)
    lines.append(x("brief.reach", min(10, order.count), order.count))
    for (n, k) in order.prefix(10).enumerated() {
      let r = list[k]
      let head = "\(n + 1) " + x["reach.kind." + r.kindID] + " "
      guard let c = r.customer else {
        if case .complaint(let j) = r.reason { lines.append(head + "– " + ds.complaints[j].text) }
        continue
      }
      let name = ds.customers[c].name
      lines.append(head + name + " " + MessageText.make(c, Messages.kind(of: r.reason), ds, a, x))
    }
    lines.append("")
    let posts = ds.posts.filter { $0.date == t && $0.status.counts }
      .sorted { ($0.slot?.minutes ?? -1) < ($1.slot?.minutes ?? -1) }
    lines.append(x("brief.posts", posts.count))
    for p in posts {
      lines.append((p.slot?.description ?? "--:--") + " " + w.category(p.category) + " " + firstLine(p.text))
    }
    let uncovered = a.slots.offPeakWindows(weekday: t.weekday).flatMap(\.uncoveredHours)
    var out = lines.map { fit(firstLine($0), width: Self.width) }
    // The slow hours are wrapped rather than cut: none of them may go missing.
    let hours = uncovered.map { TodayReport.hour($0) + "–" + TodayReport.hour($0 + 1) }.joined(separator: " ")
    out += wrap(uncovered.isEmpty ? x["brief.all_covered"] : x("brief.uncovered", hours), width: Self.width)
    return out.map { l in String(l.reversed().drop { $0 == " " }.reversed()) }.joined(separator: "\n") + "\n"
  }
}
