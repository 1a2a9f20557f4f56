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
    _ = update(&s, .key(.char("E")))
    let effects = update(&s, .key(.enter))
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

  /// `E` asks where, offering the home folder; the file starts with a byte-order mark for Excel
  /// and WPS and has the WeChat id and phone columns, the phone masked while masking is on.
  func testExportGoesWhereTheOwnerSaysWithWeChatAndPhone() throws {
    var ds = Dataset()
    ds.shop = Shop(name: "店")
    ds.customers = [
      Customer(id: "C1", name: "王芳", wechat: "wf_88", phone: "13812345678", joined: Day("2026-01-01"))
    ]
    var s = AppState(
      dataset: ds, problems: [], today: Day("2026-11-16")!, folder: "~/shop", text: Demo.state().text)
    s.pane = .customers
    s.home = "/home/王 芳"
    _ = update(&s, .key(.char("E")))
    XCTAssertEqual(
      s.overlay, .command(TextField(text: "export '/home/王 芳'")), "the home folder, ready to change")
    var effects = update(&s, .key(.enter))
    guard case .export(let path, let text)? = effects.first else { return XCTFail("no export: \(effects)") }
    XCTAssertEqual(path, "/home/王 芳/liuliang-export-2026-11-16-1200.csv")
    XCTAssertTrue(s.message?.contains(path) ?? false, "the message shows the whole path")
    XCTAssertTrue(text.hasPrefix("\u{FEFF}id,name,"), text)
    let lines = text.dropFirst().split(separator: "\n")
    XCTAssertTrue(lines[0].hasSuffix(",wechat,phone"), String(lines[0]))
    XCTAssertTrue(lines[1].hasSuffix(",wf_88,13812345678"), String(lines[1]))
    // Masked, into a folder typed by hand, ~ standing for home.
    _ = update(&s, .key(.char("m")))
    _ = update(&s, .key(.char(":")))
    for c in "export ~/导出/" { _ = update(&s, .key(.char(c))) }
    effects = update(&s, .key(.enter))
    guard case .export(let path2, let text2)? = effects.first else { return XCTFail("no export: \(effects)") }
    XCTAssertEqual(path2, "/home/王 芳/导出/liuliang-export-2026-11-16-1200.csv")
    XCTAssertTrue(text2.contains(",wf_88,138****5678"), text2)
    XCTAssertFalse(text2.contains("13812345678"))
  }
}
