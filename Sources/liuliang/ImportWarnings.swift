import LiuliangCLI
import LiuliangRender
import LiuliangReport

extension ImportReport {
  /// Added or merged customers whose name holds a control character. The store keeps the name
  /// as the file gave it (it is the owner's data); the report says so, and shows the controls.
  var controlNames: [(line: Int, id: String, name: String)] {
    guard result.kind == .customers else { return [] }
    var lines: [String: Int] = [:]
    for c in result.added + result.merged { lines[c.id] = c.line }
    var out: [(line: Int, id: String, name: String)] = []
    for c in result.dataset.customers {
      if let line = lines[c.id], Visible.holdsControl(c.name) { out.append((line, c.id, c.name)) }
    }
    return out.sorted { $0.line < $1.line }
  }

  func controlNameLines() -> [String] {
    let names = controlNames
    if names.isEmpty { return [] }
    return [cliText("import.report.control_names", names.count)]
      + names.map { "  " + cliText("import.report.control_name", $0.line, $0.id, $0.name) }
  }

  func controlNameJSON() -> JSON {
    .array(
      controlNames.map {
        .object([("line", .int($0.line)), ("id", .string($0.id)), ("name", .string($0.name))])
      })
  }
}
