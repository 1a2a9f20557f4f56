import Foundation
import LiuliangTestSupport
import XCTest

/// The dashboard on a terminal that draws East Asian "Ambiguous" characters two cells wide
/// (`xterm -cjk_width`, PuTTY's CJK mode, CJK Windows consoles), found out at start-up with
/// no option: every pane keeps its tab row on top, its status line at the bottom and each box
/// border where it is on an ordinary terminal.
final class AmbiguousWidthTests: XCTestCase {
  /// Where the boxes are: their corners and vertical edges, each glyph set mapped to one. A
  /// corner or an edge has an edge above or below it, which tells a border from a "+" or "|"
  /// in text. (Horizontal lines are left out: a title with ambiguous characters is rightly
  /// wider on a wide terminal, so its line starts later.)
  struct Shape: Equatable {
    var corners: [[Int]] = []
    var verticals: [[Int]] = []

    init(_ e: TerminalEmulator) {
      let cornerGlyphs: Set<String> = ["┌", "┐", "└", "┘", "+"]
      let verticalGlyphs: Set<String> = ["│", "┃", "|"]
      func at(_ x: Int, _ y: Int) -> String { y >= 0 && y < e.height ? e.cells[y][x] : " " }
      for y in 0..<e.height {
        var c: [Int] = []
        var v: [Int] = []
        for x in 0..<e.width {
          let cell = at(x, y)
          let nearEdge = verticalGlyphs.contains(at(x, y - 1)) || verticalGlyphs.contains(at(x, y + 1))
          if cornerGlyphs.contains(cell) && nearEdge { c.append(x) }
          let nearBorder =
            nearEdge || cornerGlyphs.contains(at(x, y - 1)) || cornerGlyphs.contains(at(x, y + 1))
          if verticalGlyphs.contains(cell) && nearBorder { v.append(x) }
        }
        corners.append(c)
        verticals.append(v)
      }
    }
  }

  static let panes: [(key: String, title: String)] = [
    ("1", "今日联系"), ("2", "客户 1/"), ("3", "这一周"), ("4", "每周客流"), ("5", "流失原因"), ("a", "新增客户"),
  ]

  /// Every pane, then the add-customer form over Customers, on one emulator.
  func screens(
    _ answers: TerminalEmulator.Answers, width: Int, height: Int, args: [String] = [],
    env: [String: String] = [:]
  ) throws -> (session: PtySession, shapes: [String: Shape], lines: [String: [String]]) {
    let s = try PtySession(
      ["demo", "--lang", "zh-Hans"] + args, width: width, height: height, answers: answers, env: env)
    var shapes: [String: Shape] = [:]
    var lines: [String: [String]] = [:]
    for (key, title) in Self.panes {
      if key == "a" { s.send("2") }
      if key != "1" { s.send(key) }
      let shown = s.pump { e in e.lines.contains { $0.contains(title) } && e.lines[0].contains("留量") }
      XCTAssertTrue(
        shown, "\(answers) \(width)×\(height) pane \(key):\n\(s.screen.lines.joined(separator: "\n"))")
      shapes[key] = Shape(s.screen)
      lines[key] = s.screen.lines
      if key == "a" { s.send("\u{1B}") }
    }
    XCTAssertEqual(s.screen.wraps, 0, "a row was wider than the terminal")
    XCTAssertEqual(s.screen.scrolls, 0, "the screen scrolled")
    return (s, shapes, lines)
  }

  func check(width: Int, height: Int) throws {
    let narrow = try screens(.narrow, width: width, height: height)
    let wide = try screens(.wide, width: width, height: height)
    for (key, _) in Self.panes {
      let n = try XCTUnwrap(narrow.lines[key])
      let w = try XCTUnwrap(wide.lines[key])
      XCTAssertTrue(n[1].hasPrefix("┌") || key == "a", "pane \(key) narrow: \(n[1])")
      XCTAssertTrue(w[1].hasPrefix("+") || key == "a", "pane \(key) wide: \(w[1])")
      XCTAssertTrue(w[0].hasPrefix(" 留量"), "pane \(key): the tab row is on the first row: \(w[0])")
      XCTAssertTrue(w[height - 1].contains("老王家常菜"), "pane \(key): status line last: \(w[height - 1])")
      let ns = try XCTUnwrap(narrow.shapes[key])
      let ws = try XCTUnwrap(wide.shapes[key])
      for y in 0..<height {
        let a = [ns.corners[y], ns.verticals[y]]
        let b = [ws.corners[y], ws.verticals[y]]
        XCTAssertEqual(a, b, "\(width)×\(height) pane \(key) row \(y):\n\(n[y])\n\(w[y])")
      }
    }
    // The narrow terminal keeps today's screen: the Today pane as its snapshot (less the status
    // line, which names the demo's temporary folder).
    let snapshot = Repo.root.appendingPathComponent(
      "Tests/AppTests/Snapshots/today-zh-Hans-\(width)x\(height).txt")
    let expected = try String(contentsOf: snapshot, encoding: .utf8).split(
      separator: "\n", omittingEmptySubsequences: false
    )
    .map(String.init)
    XCTAssertEqual(Array(narrow.lines["1"]!.prefix(height - 1)), Array(expected.prefix(height - 1)))
  }

  func testEveryPaneIsWholeAt80x24() throws { try check(width: 80, height: 24) }

  func testEveryPaneIsWholeAt120x40() throws { try check(width: 120, height: 40) }

  func testTheOptionAndTheVariableOverrideTheTerminalsAnswer() throws {
    // Told narrow, a wide terminal gets the ordinary glyphs (and, being wide, breaks them):
    // the answer is not asked for.
    let told = try PtySession(
      ["demo", "--lang", "zh-Hans", "--ambiguous", "narrow"], width: 80, height: 24, answers: .wide)
    XCTAssertTrue(told.pump { $0.lines.joined().contains("┌") }, told.screen.lines.joined(separator: "\n"))
    XCTAssertFalse(told.screen.lines.joined().contains("+-"))
    // Told wide by the variable, a narrow terminal gets the unambiguous set, still whole.
    let env = try PtySession(
      ["demo", "--lang", "zh-Hans"], width: 80, height: 24, answers: .narrow,
      env: ["LIULIANG_AMBIGUOUS": "wide"])
    XCTAssertTrue(env.pump { $0.lines[1].hasPrefix("+") }, env.screen.lines.joined(separator: "\n"))
    XCTAssertEqual(env.screen.wraps, 0)
    XCTAssertTrue(env.screen.lines[23].contains("老王家常菜"))
    let bad = try runLiuliang(["demo", "--ambiguous", "maybe", "--lang", "en"])
    XCTAssertEqual(bad.status, 1)
    XCTAssertTrue(bad.stderr.contains("--ambiguous must be narrow, wide or auto, not \"maybe\""), bad.stderr)
  }

  func testATerminalThatNeverAnswersCountsAsNarrowAndWaitsLittle() throws {
    // The same start-up on a terminal that answers at once and on one that never does: the
    // difference is the probe's wait, about 150 ms.
    func firstFrame(_ answers: TerminalEmulator.Answers) throws -> (Double, PtySession) {
      let log = FileManager.default.temporaryDirectory.appendingPathComponent("ff-\(UUID().uuidString)")
      let s = try PtySession(
        ["demo", "--lang", "zh-Hans"], width: 80, height: 24, answers: answers,
        env: ["LIULIANG_FIRST_FRAME_LOG": log.path])
      XCTAssertTrue(s.pump(quiet: 0.1) { _ in FileManager.default.fileExists(atPath: log.path) })
      let attrs = try FileManager.default.attributesOfItem(atPath: log.path)
      let done = try XCTUnwrap(attrs[.modificationDate] as? Date)
      return (done.timeIntervalSince(s.started), s)
    }
    let (answered, _) = try firstFrame(.narrow)
    let (silent, s) = try firstFrame(.never)
    // The first frame may be the loading screen on a busy machine; the dashboard follows.
    XCTAssertTrue(s.pump { $0.lines[1].hasPrefix("┌") }, s.screen.lines.joined(separator: "\n"))
    XCTAssertLessThan(silent - answered, 0.5, "answered in \(answered) s, silent in \(silent) s")
  }

  func testAnAnswerThatComesTooLateIsNotTakenForKeys() throws {
    // Read as keys, "ESC [ 1 ; 2 R" is Shift-F3 to curses and the status line would say the
    // key does nothing here; any change of the screen means it was taken for a key.
    // From further down ("ESC [ 10 ; 2 R") it is no key curses knows, and comes as Escape, "[",
    // "1", "0" …, where "1" would switch panes.
    for row in [0, 9] {
      let s = try PtySession(["demo", "--lang", "zh-Hans"], width: 80, height: 24, answers: .late, row: row)
      XCTAssertTrue(s.pump { $0.lines.joined().contains("今日联系") })
      s.send("2")
      XCTAssertTrue(s.pump { $0.lines.joined().contains("客户 1/") })
      let before = s.screen.lines
      let until = s.started.addingTimeInterval(3)
      s.pump(timeout: 5, quiet: 0.1) { _ in Date() > until }
      XCTAssertEqual(s.screen.lines, before, "row \(row)")
      s.send("5")
      XCTAssertTrue(s.pump { $0.lines.joined().contains("流失原因") }, s.screen.lines.joined(separator: "\n"))
    }
  }

  func testADumbTerminalIsNamedInOneSentence() throws {
    for term in ["dumb", "no-such-terminal"] {
      let s = try PtySession(
        ["demo", "--lang", "en"], width: 80, height: 24, answers: .narrow, env: ["TERM": term])
      XCTAssertTrue(
        s.pump { $0.lines.joined().contains("TERM=\"\(term)\"") }, s.screen.lines.joined(separator: "\n"))
      XCTAssertTrue(s.screen.lines.joined().contains("cannot draw on the terminal"))
    }
  }
}
