import Foundation
import LiuliangTestSupport
import XCTest

/// Names that attack the terminal: what the commands write holds no control a terminal would
/// obey, and JSON escapes every one of them.
final class ControlOutputTests: XCTestCase {
  let day = "2026-11-16"

  /// Names holding: a window title (OSC 0), a clipboard write (OSC 52), clear screen, a
  /// cursor-position query the terminal would answer into the shell, a right-to-left override,
  /// a C1 CSI, DEL and a bell.
  static let names = [
    "A\u{1B}]0;pwned\u{07}B", "C\u{1B}]52;c;aGVsbG8=\u{07}", "D\u{1B}[2J", "Q\u{1B}[6n",
    "E\u{202E}gnp.exe", "F\u{9B}31m", "G\u{7F}x", "H\u{2066}i\u{2069}",
  ]

  static func hostileStore() throws -> URL {
    let store = try Repo.tempFolder()
    var csv =
      "id,name,wechat,phone,tags,source,joined,tier,birthday,churned_on,churn_reason,notes,welcomed_on\n"
    for (i, n) in names.enumerated() { csv += "C\(i + 1),\"\(n)\",w\(i),,,,2026-11-01,friend,,,,,\n" }
    // A problem whose text quotes the bad value.
    csv += "C99,x,w99,,,,,\u{1B}]0;pwned\u{07},,,,,\n"
    try Data(csv.utf8).write(to: store.appendingPathComponent("customers.csv"))
    return store
  }

  /// Bytes that make a terminal act: ESC, the C1 range as UTF-8 (C2 80–9F), and the UTF-8 of
  /// the bidi controls. Returns a description of the first one found.
  static func firstControl(_ b: [UInt8]) -> String? {
    for i in b.indices {
      if b[i] == 0x1B || b[i] == 0x07 || b[i] == 0x7F { return "byte \(b[i]) at \(i)" }
      if b[i] == 0xC2, i + 1 < b.count, (0x80...0x9F).contains(b[i + 1]) { return "C1 at \(i)" }
      if b[i] == 0xE2, i + 2 < b.count, b[i + 1] == 0x80, (0xAA...0xAE).contains(b[i + 2]) {
        return "bidi at \(i)"
      }
      if b[i] == 0xE2, i + 2 < b.count, b[i + 1] == 0x81, (0xA6...0xA9).contains(b[i + 2]) {
        return "isolate at \(i)"
      }
    }
    return nil
  }

  /// The bytes the terminal receives, captured by tmux from the pane: `customers`, `today`,
  /// `check`, `import` of a file whose name and header hold ESC, and an error on stderr.
  func testTerminalReceivesNoControlFromAnyCommand() throws {
    try XCTSkipUnless(TmuxSession.available, "tmux is not installed")
    let store = try Self.hostileStore()
    let dir = store.deletingLastPathComponent()
    let input = dir.appendingPathComponent("in\u{1B}]0;pwned\u{07}.csv")
    try Data("name\u{1B}[2J,wechat\n\"Z\u{1B}]0;pwned\u{07}\",wz\n".utf8).write(to: input)
    let go = dir.appendingPathComponent("go")
    let done = dir.appendingPathComponent("done")
    let bin = shellQuote(Repo.binary.path)
    let data = "--data \(shellQuote(store.path)) --today \(day) --lang en"
    let steps = [
      "\(bin) customers \(data)", "\(bin) customers \(data) --format csv", "\(bin) today \(data)",
      "\(bin) check \(data)", "\(bin) import \(shellQuote(input.path)) \(data)",
      "\(bin) check --data \(shellQuote(dir.path + "/no\u{1B}]0;pwned\u{07}"))",
    ]
    let script =
      "while [ ! -e \(shellQuote(go.path)) ]; do sleep 0.05; done; "
      + steps.map { "\($0) 2>&1" }.joined(separator: "; ")
      + "; echo END-OF-RUN; touch \(shellQuote(done.path))"
    // TmuxSession runs its command after `env`, which takes a program, not a loop.
    let t = try TmuxSession(command: "sh -c \(shellQuote(script))", width: 200, height: 50)
    let capture = dir.appendingPathComponent("capture")
    try t.tmux(["pipe-pane", "-o", "-t", t.name, "cat >> \(shellQuote(capture.path))"])
    try Data().write(to: go)
    let deadline = Date().addingTimeInterval(60)
    var bytes: [UInt8] = []
    while Date() < deadline {
      bytes = (try? [UInt8](Data(contentsOf: capture))) ?? []
      if String(decoding: bytes, as: UTF8.self).contains("END-OF-RUN") { break }
      usleep(100_000)
    }
    let text = String(decoding: bytes, as: UTF8.self)
    XCTAssertTrue(text.contains("END-OF-RUN"), "the commands ran:\n\(text)")
    XCTAssertNil(Self.firstControl(bytes), text.debugDescription)
    // Shown, not dropped: the owner sees that the name holds something.
    for shown in ["A␛]0;pwned␇B", "D␛[2J", "E\\u202Egnp.exe", "F\\u009B31m", "G␡x", "H\\u2066i\\u2069"] {
      XCTAssertTrue(text.contains(shown), "\(shown) in\n\(text)")
    }
    XCTAssertTrue(text.contains("in␛]0;pwned␇.csv"), "the file name, shown")
    XCTAssertTrue(text.contains("name␛[2J"), "the header, shown")
    XCTAssertTrue(text.contains("no␛]0;pwned␇"), "the error on stderr, shown")
    let title = try t.tmux(["display-message", "-p", "-t", t.name, "#{pane_title}"])
    XCTAssertFalse(title.contains("pwned"), "the window title was set: \(title)")
  }

  /// JSON as Python's json module reads it: the exact names back, and no raw control in the
  /// text (DEL, C1 and the bidi controls escaped as well as C0).
  func testJSONEscapesEveryControlAndParsesBack() throws {
    try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: "/usr/bin/python3"), "no python3")
    let store = try Self.hostileStore()
    let r = try runLiuliang(["customers", "--data", store.path, "--today", day, "--format", "json"])
    XCTAssertEqual(r.status, 0, r.stderr)
    XCTAssertNil(Self.firstControl(Array(r.stdout.utf8)), r.stdout)
    for escape in ["\\u001b", "\\u0007", "\\u007f", "\\u009b", "\\u202e", "\\u2066", "\\u2069"] {
      XCTAssertTrue(r.stdout.lowercased().contains(escape), escape)
    }
    let file = store.deletingLastPathComponent().appendingPathComponent("out.json")
    try Data(r.stdout.utf8).write(to: file)
    // Python prints each name as its code points, so the comparison needs no decoding here.
    let printed = try XCTUnwrap(
      try python(
        "import json,sys\nfor c in json.load(open(sys.argv[1])): print(' '.join('%x' % ord(ch) for ch in c['name']))",
        file.path), "python3 read the JSON")
    let expected = Self.names.map {
      $0.unicodeScalars.map { String($0.value, radix: 16) }.joined(separator: " ")
    }
    XCTAssertEqual(printed.split(separator: "\n").map(String.init), expected)
  }

  /// The store keeps what the file gave; the import says which names hold controls.
  func testImportKeepsControlsAndWarns() throws {
    let dir = try Repo.tempFolder("in")
    let input = dir.appendingPathComponent("friends.csv")
    try Data("name,wechat\n\"A\u{1B}]0;t\u{07}\",wa\nplain,wb\n".utf8).write(to: input)
    let store = try Repo.newStore(in: dir)
    let r = try runLiuliang(["import", input.path, "--data", store.path, "--lang", "en"])
    XCTAssertEqual(r.status, 0, r.stderr)
    XCTAssertTrue(r.stdout.contains("Warning: 1 names hold control characters"), r.stdout)
    XCTAssertTrue(r.stdout.contains("line 2: C0001 \"A␛]0;t␇\""), r.stdout)
    let saved = try Data(contentsOf: store.appendingPathComponent("customers.csv"))
    XCTAssertNotNil(saved.range(of: Data("A\u{1B}]0;t\u{07}".utf8)), "the bytes as given")
  }
}
