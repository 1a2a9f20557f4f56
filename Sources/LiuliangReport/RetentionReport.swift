import LiuliangModel
import LiuliangText

/// `liuliang report retention`: one row per joining month, and for each month after it up to
/// T's the customers who came back and their share.
public struct RetentionReport {
  let a: Analysis
  let w: Wording

  public init(_ a: Analysis, wording: Wording) {
    self.a = a
    w = wording
  }

  /// The cohorts as `today --format json` and `report retention` both give them.
  public static func cohortsJSON(_ a: Analysis) -> JSON {
    .array(
      a.cohorts.map { c in
        .obj(
          ("cohort", .string(c.name)), ("size", .int(c.size)),
          ("returned", .array(c.returned.map { .int($0) })),
          ("retention", .array(c.returned.indices.map { .opt(c.share($0)) })))
      })
  }

  public func json() -> JSON {
    .obj(("date", .string(a.today.description)), ("cohorts", Self.cohortsJSON(a)))
  }

  /// The counts and shares of the following months, `;`-separated, so that a row stays one
  /// cohort however many months follow it.
  public func csv() -> String {
    Tabular(
      headers: ["cohort", "size", "returned", "retention"],
      rows: a.cohorts.map { c in
        [
          c.name, "\(c.size)", c.returned.map { "\($0)" }.joined(separator: ";"),
          c.returned.indices.map { c.share($0).map { Wording.number($0, digits: 4) } ?? "" }
            .joined(separator: ";"),
        ]
      }
    ).csv()
  }

  /// Months +1 … +12 in whole percent, the month of T marked as not over yet.
  public func text() -> String {
    let x = w.text
    var out = x("retention.title", a.today) + "\n"
    if a.cohorts.isEmpty { return out + "  " + x["retention.none"] + "\n" }
    let months = 12
    var t = Tabular(
      headers: [x["col.cohort"], x["col.size"]] + (1...months).map { "+\($0)" },
      align: [.left, .right] + (1...months).map { _ in .right })
    for c in a.cohorts {
      t.rows.append(
        [c.name, "\(c.size)"]
          + (0..<months).map { k in
            guard let s = c.share(k) else { return "" }
            return Wording.number(s * 100, digits: 0) + (k == c.returned.count - 1 ? "~" : "")
          })
    }
    out += t.text(indent: "  ")
    out += x["retention.legend"] + "\n"
    return out
  }
}
