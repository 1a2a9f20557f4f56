import LiuliangModel
import LiuliangText

/// `liuliang customers`: the pool with each customer's segment and why.
public struct CustomersReport {
  let ds: Dataset
  let a: Analysis
  let w: Wording
  public let selection: [Int]

  public init(
    _ ds: Dataset, _ a: Analysis, wording: Wording, segment: Segment? = nil, tier: Tier? = nil,
    tag: String? = nil
  ) {
    self.ds = ds
    self.a = a
    w = wording
    selection = ds.customers.indices.filter { i in
      (segment.map { a.segment(i) == $0 } ?? true) && (tier.map { ds.customers[i].tier == $0 } ?? true)
        && (tag.map { ds.customers[i].tags.contains($0) } ?? true)
    }
  }

  public static let csvColumns = [
    "id", "name", "tier", "segment", "last_visit", "recency_days", "visits_365", "spend_365", "tags", "why",
  ]

  func row(_ i: Int, words: Bool) -> [String] {
    let c = ds.customers[i]
    let f = a.figures[i]
    return [
      c.id, c.name, words ? w.tier(c.tier) : c.tier.rawValue,
      words ? w.segment(a.segment(i)) : a.segment(i).rawValue,
      f.lastVisit?.description ?? "", f.recency.map(String.init) ?? "", "\(f.frequency)",
      f.monetary.description,
      c.tags.joined(separator: ";"), w.why(a.why(i, c)),
    ]
  }

  public func csv() -> String { csv(rows: selection) }

  /// The same columns for a chosen set of customers (the dashboard's marked or filtered rows);
  /// `spreadsheet` when a person opens the file (see `SpreadsheetCell`).
  public func csv(rows: [Int], spreadsheet: Bool = false) -> String {
    Tabular(headers: Self.csvColumns, rows: rows.map { row($0, words: false) }).csv(spreadsheet: spreadsheet)
  }

  public func json() -> JSON {
    .array(
      selection.map { i in
        let c = ds.customers[i]
        let f = a.figures[i]
        return .obj(
          ("id", .string(c.id)), ("name", .string(c.name)), ("tier", .string(c.tier.rawValue)),
          ("segment", .string(a.segment(i).rawValue)), ("last_visit", .str(f.lastVisit)),
          ("recency_days", f.recency.map { .int($0) } ?? .null), ("visits_365", .int(f.frequency)),
          ("spend_365", .number(f.monetary.yuan)), ("tags", .array(c.tags.map { .string($0) })),
          ("why", .string(w.why(a.why(i, c)))))
      })
  }

  public func text() -> String {
    let x = w.text
    let t = Tabular(
      headers: [
        x["col.id"], x["col.name"], x["col.tier"], x["col.segment"], x["col.last_visit"], x["col.visits_365"],
        x["col.spend_365"], x["col.tags"],
      ],
      rows: selection.map { i in
        let r = row(i, words: true)
        return [r[0], r[1], r[2], r[3], r[4], r[6], "¥" + r[7], r[8]]
      }, align: [.left, .left, .left, .left, .left, .right, .right, .left])
    return t.text() + x("customers.count", selection.count, ds.customers.count) + "\n"
  }
}
