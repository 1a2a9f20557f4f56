import LiuliangModel
import LiuliangText

/// `liuliang report offpeak`: traffic per weekday × hour, off-peak and peak slots, coverage.
public struct OffpeakReport: ShopReport {
  public let inputs: ReportInputs

  public init(inputs: ReportInputs) { self.inputs = inputs }

  static func levelID(_ l: SlotTable.Level) -> String {
    switch l {
    case .closed: return "closed"
    case .offPeak: return "offpeak"
    case .normal: return "normal"
    case .peak: return "peak"
    }
  }

  var openSlots: [SlotTable.Slot] { a.slots.slots.flatMap { $0.filter { $0.level != .closed } } }

  public func json() -> JSON {
    .obj(
      ("date", .string(a.today.description)),
      ("weeks", .int(a.slots.weeks)),
      ("median_visits_per_week", .opt(a.slots.median)),
      (
        "slots",
        .array(
          openSlots.map { s in
            .obj(
              ("weekday", .int(s.weekday)), ("hour", .int(s.hour)), ("visits_per_week", .number(s.perWeek)),
              ("level", .string(Self.levelID(s.level))),
              ("covered_by", .array(s.coveredBy.map { .string($0) })))
          })
      ),
      ("offpeak", .array(a.slots.offPeak.map(TodayReport.slotJSON))),
      ("uncovered_offpeak", .int(a.slots.offPeak.filter { $0.coveredBy.isEmpty }.count)),
      ("discount_dependence", .opt(a.discount.share)),
      ("discount_warning", .bool(a.discount.warning)),
      ("only_on_discount", .array(a.discount.onlyOnDiscount.map { .string(ds.customers[$0].id) })))
  }

  public func csv() -> String {
    Tabular(
      headers: ["weekday", "hour", "visits_per_week", "level", "covered_by"],
      rows: openSlots.map {
        [
          "\($0.weekday)", "\($0.hour)", Wording.number($0.perWeek, digits: 3), Self.levelID($0.level),
          $0.coveredBy.joined(separator: ";"),
        ]
      }
    ).csv()
  }

  public func text() -> String {
    let x = w.text
    var out =
      x("offpeak.title", a.today, a.slots.weeks, Wording.number(a.slots.median ?? 0, digits: 1)) + "\n"
    let hours = (0..<24).filter { h in
      (1...7).contains { a.slots.slot(weekday: $0, hour: h).level != .closed }
    }
    var t = Tabular(headers: [""] + hours.map { "\($0)" }, align: [.left] + hours.map { _ in .right })
    for d in 1...7 {
      t.rows.append(
        [w.weekday(d)]
          + hours.map { h in
            let s = a.slots.slot(weekday: d, hour: h)
            let mark: String
            switch s.level {
            case .closed: mark = "·"
            case .offPeak: mark = s.coveredBy.isEmpty ? "-" : "✓"
            case .peak: mark = "+"
            case .normal: mark = ""
            }
            return s.level == .closed ? mark : Wording.number(s.perWeek, digits: 0) + mark
          })
    }
    out += t.text(indent: "  ") + x["offpeak.legend"] + "\n\n"
    out +=
      x("offpeak.uncovered", a.slots.offPeak.filter { $0.coveredBy.isEmpty }.count, a.slots.offPeak.count)
      + "\n"
    out += x(
      "today.discount", Wording.percent(a.discount.share),
      Wording.percent(a.thresholds.discountWarning, digits: 0))
    out += (a.discount.warning ? "  " + x["today.discount_warning"] : "") + "\n"
    out += x("offpeak.only_on_discount", a.discount.onlyOnDiscount.count) + "\n"
    return out
  }
}
