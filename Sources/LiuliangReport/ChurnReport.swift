import LiuliangModel
import LiuliangText

/// `liuliang report churn`: reasons against the benchmark, the monthly trend, complaints.
public struct ChurnReport: ShopReport {
  public let inputs: ReportInputs

  public init(inputs: ReportInputs) { self.inputs = inputs }

  /// Reasons with a count or a benchmark share, in taxonomy order.
  var reasons: [Reason] {
    Reason.allCases.filter { (a.churn.counts[$0] ?? 0) > 0 || $0.benchmarkShare != nil }
  }

  public func reasonsTable() -> Tabular {
    let x = w.text
    return Tabular(
      headers: [x["col.reason"], x["col.count"], x["col.share"], x["col.benchmark"]],
      rows: reasons.map { r in
        [
          w.reason(r), "\(a.churn.counts[r] ?? 0)", Wording.percent(a.churn.share(r), digits: 0),
          r.benchmarkShare.map { Wording.percent($0, digits: 0) } ?? "–",
        ]
      }, align: [.left, .right, .right, .right])
  }

  static func monthName(_ m: Int) -> String { Cohort.name(m) }

  public func json() -> JSON {
    .obj(
      ("date", .string(a.today.description)),
      ("window_days", .int(a.thresholds.churnWindowDays)),
      ("churned", .int(a.churn.total)),
      (
        "reasons",
        .array(
          Reason.allCases.map { r in
            .obj(
              ("reason", .string(r.rawValue)), ("count", .int(a.churn.counts[r] ?? 0)),
              ("share", .opt(a.churn.share(r))),
              ("benchmark", .opt(r.benchmarkShare)))
          })
      ),
      ("complaints", .int(a.churn.complaints)),
      ("silent_estimate", .int(a.churn.silentEstimate)),
      (
        "monthly",
        .array(
          a.churn.monthly.map { m in
            .obj(
              ("month", .string(Self.monthName(m.month))), ("churned", .int(m.churned)),
              ("complaints", .int(m.complaints)))
          })
      ),
      ("at_risk", .int(a.segmentCounts[.atRisk] ?? 0)),
      ("complaints_open", .int(a.complaintLog.open)),
      ("complaints_total", .int(ds.complaints.count)),
      ("cohorts", RetentionReport.cohortsJSON(a)))
  }

  public func csv() -> String {
    Tabular(
      headers: ["reason", "count", "share", "benchmark"],
      rows: Reason.allCases.map { r in
        [
          r.rawValue, "\(a.churn.counts[r] ?? 0)",
          a.churn.share(r).map { Wording.number($0, digits: 4) } ?? "",
          r.benchmarkShare.map { Wording.number($0, digits: 2) } ?? "",
        ]
      }
    ).csv()
  }

  public func text() -> String {
    let x = w.text
    var out = x("churn.title", a.today, a.thresholds.churnWindowDays, a.churn.total) + "\n"
    out += reasonsTable().text(indent: "  ") + "\n"
    out += x("churn.complaints", a.churn.complaints, a.churn.silentEstimate) + "\n\n"
    out += x["churn.monthly"] + "\n"
    out += Tabular(
      headers: [x["col.month"], x["col.churned"], x["col.complaints"]],
      rows: a.churn.monthly.map { [Self.monthName($0.month), "\($0.churned)", "\($0.complaints)"] },
      align: [.left, .right, .right]
    ).text(indent: "  ")
    return out
  }
}
