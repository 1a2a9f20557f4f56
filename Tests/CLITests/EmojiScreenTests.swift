import Foundation
import LiuliangTestSupport
import XCTest

/// WeChat nicknames with emoji, drawn by tmux: the dashboard's box borders and the text
/// output's columns stay where they are on rows of plain names. The column of each character
/// is counted with the widths this very tmux gives each grapheme (measured, not assumed), so
/// the test holds for a tmux that draws VS16 or skin tones one way or the other.
final class EmojiScreenTests: XCTestCase {
  static let names = [
    ("杨军", "Lily✨"), ("顾静", "阿强⭐"), ("覃静亮", "⌚"), ("曹琳", "小美❤️"), ("丁凯怡", "🇨🇳王"),
    ("刘一", "👍🏽李"), ("孟晨", "👨‍👩‍👧家"), ("冯杰", "“老”·王"),
  ]

  override func setUpWithError() throws {
    try XCTSkipUnless(TmuxSession.available, "tmux is not installed (scripts/deps --test installs it)")
  }

  func store() throws -> URL {
    let dir = try Repo.demoCopy()
    let file = dir.appendingPathComponent("customers.csv")
    var text = try String(contentsOf: file, encoding: .utf8)
    for (old, new) in Self.names {
      let range = try XCTUnwrap(text.range(of: "," + old + ","), old)
      text.replaceSubrange(range, with: "," + new + ",")
    }
    try text.write(to: file, atomically: true, encoding: .utf8)
    return dir
  }

  func testTodayPaneKeepsItsBordersWithEmojiNames() throws {
    let dir = try store()
    let t = try TmuxSession.dashboard(dir, lang: "en")
    _ = try t.waitFor("Lily")
    // The queue shows open complaints first: its at-risk filter shows only the at-risk rows.
    try t.send("f")
    var screen = ""
    XCTAssertTrue(
      try waitUntil {
        screen = try t.screen()
        return screen.split(separator: "\n").filter { $0.hasPrefix("│risk ") }.count >= 10
      })
    try t.send("q")
    let lines = screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let widths = try TmuxWidths.measure(lines.joined())
    // The reach-out box's right edge is the second "│" of each of its rows.
    let rows = lines.filter { $0.hasPrefix("│risk ") }
    XCTAssertGreaterThanOrEqual(rows.count, 10, screen)
    let plain = try XCTUnwrap(rows.first { $0.contains("魏敏华") }, screen)
    let edge = TmuxWidths.column(of: "│", in: String(plain.dropFirst()), widths) + 1
    XCTAssertEqual(edge, 43, plain)
    // Found by their spend: tmux 3.3a shows 👍🏽 as its base alone once the next cells are drawn.
    let spends = ["4658", "4132", "3981", "3858", "3743", "3401", "2987", "2836"]
    for ((_, name), spend) in zip(Self.names, spends) {
      let row = try XCTUnwrap(rows.first { $0.contains(" \(spend) ") }, "\(name) not on screen:\n\(screen)")
      XCTAssertTrue(row.contains(String(name.unicodeScalars.first!)), row)
      XCTAssertEqual(
        TmuxWidths.column(of: "│", in: String(row.dropFirst()), widths) + 1, edge, "\(name): \(row)")
      XCTAssertEqual(TmuxWidths.width(of: row, widths), 80, "\(name): \(row)")
    }
  }

  // Plain text cannot place a grapheme by position, so its columns follow Unicode's rules
  // alone; names with VS16 or a skin tone are left out here because tmux before 3.4 draws
  // them one and four cells wide, where the rules (and newer terminals) say two.
  func testTextOutputColumnsLineUpWithEmojiNames() throws {
    let dir = try store()
    let t = try TmuxSession(
      command: "\(shellQuote(Repo.binary.path)) customers --data \(shellQuote(dir.path)) --segment at_risk "
        + "--lang en --today 2026-11-16 | grep -e '^id' -e Lily -e 阿强 -e 🇨🇳 -e 👨 -e '“老”'; echo END",
      width: 120, height: 30)
    let screen = try t.waitFor("END")
    let lines = screen.split(separator: "\n").map(String.init).filter {
      $0.hasPrefix("C") || $0.hasPrefix("id")
    }
    XCTAssertGreaterThanOrEqual(lines.count, 5, screen)
    let widths = try TmuxWidths.measure(lines.joined())
    // The tier column follows the name column: it starts at the same cell on every line.
    let header = try XCTUnwrap(lines.first { $0.hasPrefix("id") })
    let tier = TmuxWidths.column(of: "tier", in: header, widths)
    for line in lines where line.hasPrefix("C") {
      let col = [" friend ", " VIP ", " super ", " regular "].compactMap { w -> Int? in
        line.contains(w) ? TmuxWidths.column(of: String(w.dropFirst()), in: line, widths) : nil
      }.min()
      XCTAssertEqual(col, tier, line)
    }
  }
}

extension EmojiScreenTests {
  // “ ” · are Ambiguous: “老”·王 is 1+2+1+1+2 = 7 cells, or 2+2+2+2+2 = 10 on a CJK-width
  // terminal; the longest other name, 欧阳丽涵, is 8. Columns are two spaces apart.
  func testTextOutputCountsAmbiguousWideWhenTold() throws {
    let dir = try store()
    let args = [
      "customers", "--data", dir.path, "--segment", "at_risk", "--lang", "en", "--today", "2026-11-16",
    ]
    func gaps(_ out: String) -> [Int] {
      ["“老”·王", "欧阳丽涵"].map { name in
        guard let line = out.split(separator: "\n").first(where: { $0.contains(name) }),
          let r = line.range(of: name)
        else { return -1 }
        return line[r.upperBound...].prefix { $0 == " " }.count
      }
    }
    let narrow = try runLiuliang(args)
    XCTAssertEqual(narrow.status, 0, narrow.stderr)
    XCTAssertEqual(gaps(narrow.stdout), [8 - 7 + 2, 8 - 8 + 2])
    let wide = try runLiuliang(args, env: ["LIULIANG_AMBIGUOUS": "wide"])
    XCTAssertEqual(wide.status, 0, wide.stderr)
    XCTAssertEqual(gaps(wide.stdout), [10 - 10 + 2, 10 - 8 + 2])
  }
}

/// Widths of graphemes as a running tmux draws them, measured by printing each in a pane and
/// reading tmux's cursor column.
enum TmuxWidths {
  static func measure(_ text: String) throws -> [String: Int] {
    var graphemes: [String] = []
    var seen = Set<String>()
    for c in text where c.asciiValue == nil && seen.insert(String(c)).inserted { graphemes.append(String(c)) }
    let out = FileManager.default.temporaryDirectory.appendingPathComponent("widths-\(UUID().uuidString)")
    let list = out.appendingPathExtension("in")
    try graphemes.joined(separator: "\n").appending("\n").write(to: list, atomically: true, encoding: .utf8)
    // The terminal answers the cursor-position request after drawing what came before it.
    let script = """
      stty -echo -icanon; while IFS= read -r g; do printf '\\r\\033[K%s\\033[6n' "$g"; \
      IFS=';' read -r -d R row col < /dev/tty; echo $((col - 1)) >> \(out.path).part; \
      done < \(list.path); mv \(out.path).part \(out.path)
      """
    let t = try TmuxSession(command: "bash -c \(shellQuote(script))", width: 40, height: 5)
    let deadline = Date().addingTimeInterval(30)
    while !FileManager.default.fileExists(atPath: out.path) && Date() < deadline { usleep(50_000) }
    _ = t
    let cols = try String(contentsOf: out, encoding: .utf8).split(separator: "\n").compactMap { Int($0) }
    XCTAssertEqual(cols.count, graphemes.count)
    return Dictionary(uniqueKeysWithValues: zip(graphemes, cols))
  }

  static func width(of s: String, _ widths: [String: Int]) -> Int {
    s.reduce(0) { $0 + ($1.asciiValue != nil ? 1 : widths[String($1)] ?? 1) }
  }

  /// The cell where `needle` starts in `line`, or -1.
  static func column(of needle: String, in line: String, _ widths: [String: Int]) -> Int {
    guard let r = line.range(of: needle) else { return -1 }
    return width(of: String(line[..<r.lowerBound]), widths)
  }
}
