import Foundation
import LiuliangTestSupport

/// 丁凯怡, the demo's customer that the dashboard tests find by her pinyin initials.
enum DingKaiyi {
  /// Her id in the store's customers.csv.
  static func id(in store: URL) throws -> String {
    let customers = try String(contentsOf: store.appendingPathComponent("customers.csv"), encoding: .utf8)
    let row = customers.split(separator: "\n").first { $0.split(separator: ",").dropFirst().first == "丁凯怡" }!
    return String(row.split(separator: ",")[0])
  }

  /// From any pane: the Customers pane's search for dky, her detail, then the visit form.
  static func openVisitForm(
    _ t: TmuxSession, id: String, file: StaticString = #filePath, line: UInt = #line
  ) throws {
    try t.send("2", "/")
    try t.type("dky")
    // dky also occurs inside the WeChat id of an earlier customer: 丁凯怡, found by her
    // initials, comes first.
    try t.waitFor("dky: 1 名字 · 1 微信号", file: file, line: line)
    try t.send("Enter", "Enter")
    try t.waitFor("丁凯怡 · " + id, file: file, line: line)
    try t.send("v")
    try t.waitFor("丁凯怡 的消费", file: file, line: line)
  }
}
