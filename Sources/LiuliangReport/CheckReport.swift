import LiuliangModel
import LiuliangStore
import LiuliangText

/// `liuliang check`: every problem as file:line and one sentence.
public struct CheckReport {
  let problems: [Problem]
  let w: Wording
  let folder: String

  public init(_ problems: [Problem], folder: String, wording: Wording) {
    self.problems = problems
    self.folder = folder
    w = wording
  }

  public func text() -> String {
    var out = problems.map { w.problem($0) + "\n" }.joined()
    out +=
      problems.isEmpty ? w.text("check.ok", folder) : w.text.counted("check.problems", problems.count, folder)
    return out + "\n"
  }

  public func csv() -> String {
    Tabular(
      headers: ["file", "line", "problem"],
      rows: problems.map { [$0.file, "\($0.line)", w.problemText($0.kind)] }
    ).csv()
  }

  public func json() -> JSON {
    .obj(("folder", .string(folder)), ("problems", .array(problems.map(TodayReport.problemJSON(w)))))
  }
}
