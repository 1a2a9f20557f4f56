import LiuliangModel
import LiuliangText

/// `liuliang report promotions`: each promotion's audience, whether it runs on T, and whether
/// it works (visits per week in its hours before and since, and the lift over the rest of the
/// shop).
public struct PromotionsReport: ShopReport {
  public let inputs: ReportInputs

  public init(inputs: ReportInputs) { self.inputs = inputs }

  var rows: [(Promotion, PromotionEffect, Int)] {
    ds.promotions.indices.map { (ds.promotions[$0], a.effects[$0], a.audienceSizes[$0]) }
  }

  public static func promotionJSON(_ p: Promotion, _ e: PromotionEffect, audience: Int, today t: Day) -> JSON
  {
    .obj(
      ("promotion", .string(p.id)), ("name", .string(p.name)), ("kind", .string(p.kind.rawValue)),
      ("active", .bool(p.isActive(on: t))), ("audience", .string(p.audience.description)),
      ("audience_size", .int(audience)), ("effect", .string(stateID(e))),
      ("weeks_since", e.measured ? .int(e.weeksSince) : .null),
      ("before_per_week", .opt(e.beforePerWeek)), ("since_per_week", .opt(e.sincePerWeek)),
      ("lift", .opt(e.lift)),
      ("in_before", e.measured ? .int(e.inBefore) : .null),
      ("out_before", e.measured ? .int(e.outBefore) : .null),
      ("in_since", e.measured ? .int(e.inSince) : .null),
      ("out_since", e.measured ? .int(e.outSince) : .null))
  }

  /// `measured`, `too_early`, `no_window`, `no_start` or `not_started`.
  static func stateID(_ e: PromotionEffect) -> String { e.tooEarly ? "too_early" : e.state.rawValue }

  public func json() -> JSON {
    .obj(
      ("date", .string(a.today.description)),
      ("promotions", .array(rows.map { Self.promotionJSON($0.0, $0.1, audience: $0.2, today: a.today) })))
  }

  public func csv() -> String {
    func num(_ v: Double?) -> String { v.map { Wording.number($0, digits: 4) } ?? "" }
    return Tabular(
      headers: [
        "promotion", "name", "kind", "active", "audience_size", "effect", "weeks_since", "before_per_week",
        "since_per_week", "lift",
      ],
      rows: rows.map { p, e, n in
        [
          p.id, p.name, p.kind.rawValue, p.isActive(on: a.today) ? "1" : "0", "\(n)", Self.stateID(e),
          e.measured ? "\(e.weeksSince)" : "", num(e.beforePerWeek), num(e.sincePerWeek), num(e.lift),
        ]
      }
    ).csv()
  }

  public func text() -> String {
    let x = w.text
    var out = x("promotions_report.title", a.today) + "\n"
    if ds.promotions.isEmpty { return out + "  " + x["promotions_report.none"] + "\n" }
    let t = Tabular(
      headers: [
        x["col.promotion"], x["col.kind"], x["col.state"], x["col.audience"], x["col.before_per_week"],
        x["col.since_per_week"], x["col.lift"],
      ],
      rows: rows.map { p, e, n in
        [
          p.name, w.kind(p.kind), w.promotionState(p, today: a.today),
          "\(n)", e.beforePerWeek.map { Wording.number($0, digits: 1) } ?? "–",
          e.sincePerWeek.map {
            Wording.number($0, digits: 1) + " (" + x("promotions.weeks", e.weeksSince) + ")"
          }
            ?? "–",
          w.lift(e),
        ]
      }, align: [.left, .left, .left, .right, .right, .right, .left])
    out += t.text(indent: "  ")
    out += x["promotions_report.legend"] + "\n"
    return out
  }
}

extension Wording {
  /// Running on T, not started yet, or over.
  public func promotionState(_ p: Promotion, today t: Day) -> String {
    if p.isActive(on: t) { return text["promotions.active"] }
    return p.start.map { $0 > t } ?? false ? text["promotions.upcoming"] : text["promotions.inactive"]
  }

  /// The lift as a signed whole percentage, or why there is none.
  public func lift(_ e: PromotionEffect) -> String {
    if let l = e.lift {
      let n = Wording.number(l * 100, digits: 0)
      return (n.hasPrefix("-") ? "−" + n.dropFirst() : (n == "0" ? "±0" : "+" + n)) + "%"
    }
    switch e.state {
    case .measured: return text["effect.too_early"]
    case .noWindow: return text["effect.no_window"]
    case .noStart: return text["effect.no_start"]
    case .notStarted: return text["effect.not_started"]
    }
  }
}
