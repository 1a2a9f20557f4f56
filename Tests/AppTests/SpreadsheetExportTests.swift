import Foundation
import LiuliangApp
import LiuliangModel
import LiuliangRender
import XCTest

/// The Customers pane's `E` writes a file for Excel or WPS: no cell runs as a formula there.
final class SpreadsheetExportTests: XCTestCase {
  func testExportKeyDefusesFormulaNames() throws {
    let names = [
      "=HYPERLINK(\"http://evil.example\",\"x\")", "+cmd|' /C calc'!A0", "@SUM(1)", "-1+1", "\t=1", "王芳",
    ]
    var ds = Dataset()
    ds.shop = Shop(name: "店")
    ds.customers = ChunkedArray(
      names.enumerated().map {
        Customer(id: "C\($0.offset + 1)", name: $0.element, joined: Day("2026-01-01"))
      })
    var s = AppState(
      dataset: ds, problems: [], today: Day("2026-11-16")!, folder: "~/shop", text: Demo.state().text)
    s.pane = .customers
    let effects = update(&s, .key(.char("E")))
    guard case .export(_, let text)? = effects.first else { return XCTFail("no export: \(effects)") }
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("liuliang-E-\(getpid()).csv")
    defer { try? FileManager.default.removeItem(at: file) }
    try Data(text.utf8).write(to: file)
    // Python's csv module, as a spreadsheet-minded script reads the file.
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
    p.arguments = [
      "-c", "import csv,json,sys\nprint(json.dumps(list(csv.reader(open(sys.argv[1], newline='')))))",
      file.path,
    ]
    let out = Pipe()
    p.standardOutput = out
    guard (try? p.run()) != nil else { throw XCTSkip("no python3") }
    let rows = try JSONDecoder().decode([[String]].self, from: out.fileHandleForReading.readDataToEndOfFile())
    p.waitUntilExit()
    let name = rows[0].firstIndex(of: "name")!
    XCTAssertEqual(Set(rows.dropFirst().map { $0[name] }), Set(names.dropLast().map { "'" + $0 } + ["王芳"]))
  }
}
