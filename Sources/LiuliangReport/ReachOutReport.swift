import LiuliangModel
import LiuliangText

/// `liuliang report reachout`: whether the messages brought anyone back. Every figure comes
/// from `ReachOutRates`, as on the Churn pane.
public struct ReachOutReport {
  let r: ReachOutRates
  let w: Wording

  public init(_ a: Analysis, wording: Wording) {
    r = a.rates
    w = wording
  }

  /// The rated kinds in the order the pane and the report show them.
  public static let kinds: [ContactKind] = [.winBack, .welcome, .birthday]

  var from: Day { r.today.adding(-(ReachOutRates.windowDays - 1)) }
  var to: Day { r.today.adding(-ReachOutRates.settleDays) }

  /// (id, outcome, days) for each row: the three kinds, then the uncontacted.
  var rows: [(id: String, o: ContactOutcome, days: Int)] {
    Self.kinds.map { ($0.rawValue, r.outcome($0)!, $0.followUpDays!) }
      + [("uncontacted", r.uncontacted, ReachOutRates.settleDays)]
  }

  public func json() -> JSON {
    func outcome(_ o: ContactOutcome, days: Int) -> JSON {
      .obj(
        ("contacts", .int(o.count)), ("followed", .int(o.followed)), ("rate", .opt(o.rate)),
        ("within_days", .int(days)))
    }
    let u = r.uncontacted
    return .obj(
      ("date", .string(r.today.description)),
      ("contacts_from", .string(from.description)), ("contacts_to", .string(to.description)),
      ("win_back", outcome(r.winBack, days: 30)), ("welcome", outcome(r.welcome, days: 30)),
      ("birthday", outcome(r.birthday, days: 14)),
      (
        "uncontacted",
        .obj(
          ("at_risk_on", .string(to.description)), ("at_risk", .int(u.count)),
          ("came_back", .int(u.followed)),
          ("rate", .opt(u.rate)))
      ))
  }

  public func csv() -> String {
    Tabular(
      headers: ["kind", "count", "followed", "rate", "within_days"],
      rows: rows.map { row in
        [
          row.id, "\(row.o.count)", "\(row.o.followed)",
          row.o.rate.map { Wording.number($0, digits: 4) } ?? "",
          "\(row.days)",
        ]
      }
    ).csv()
  }

  public func text() -> String {
    let x = w.text
    var out = x("rates.title", r.today, from, to) + "\n"
    out += Tabular(
      headers: [x["rates.col.kind"], x["rates.col.count"], x["rates.col.followed"], x["rates.col.rate"]],
      rows: rows.map { row in
        [
          x("rates.kind." + row.id, row.days), "\(row.o.count)", "\(row.o.followed)",
          Wording.percent(row.o.rate),
        ]
      }, align: [.left, .right, .right, .right]
    ).text(indent: "  ")
    return out
  }
}
