import XCTest

@testable import LiuliangRender

/// WeChat nicknames with emoji: each expected width is worked out from Unicode's data (East
/// Asian Width, Emoji_Presentation) and the sequence rules, not taken from the program.
final class EmojiWidthTests: XCTestCase {
  override func tearDown() { Glyphs.useAmbiguousWide(false) }

  func testNicknamesFromTheFixtureList() {
    // ✨ U+2728 and ⭐ U+2B50 and ⌚ U+231A are Emoji_Presentation, East Asian Width W.
    XCTAssertEqual(CellWidth.of("Lily✨"), 4 + 2)
    XCTAssertEqual(CellWidth.of("阿强⭐"), 2 + 2 + 2)
    XCTAssertEqual(CellWidth.of("⌚"), 2)
    // ❤ U+2764 is text by default (N, one cell); VS16 asks for the emoji: two cells.
    XCTAssertEqual(CellWidth.of("小美❤️"), 2 + 2 + 2)
    XCTAssertEqual(CellWidth.of("小美❤"), 2 + 2 + 1)
  }

  func testSequencesAreOneWideSymbol() {
    XCTAssertEqual(CellWidth.of("🇨🇳"), 2, "a flag: two regional indicators")
    XCTAssertEqual(CellWidth.of("🇨🇳🇯🇵"), 4, "two flags")
    XCTAssertEqual(CellWidth.of("👍🏽"), 2, "a skin-tone modifier joins its base")
    XCTAssertEqual(CellWidth.of("👨‍👩‍👧"), 2, "a ZWJ family")
    XCTAssertEqual(CellWidth.of("👩🏻‍💻"), 2, "ZWJ with a skin tone")
    XCTAssertEqual(CellWidth.of("#️⃣"), 2, "a keycap with VS16")
    XCTAssertEqual(CellWidth.of("☺️"), 2)
    XCTAssertEqual(CellWidth.of("🏽"), 2, "a modifier alone is an emoji of its own")
    XCTAssertEqual(CellWidth.of("🏳️‍🌈"), 2, "white flag (text by default) + VS16 + ZWJ + rainbow")
    XCTAssertEqual(CellWidth.of("🏳\u{200D}🌈"), 2, "the same without its VS16")
    XCTAssertEqual(CellWidth.of("a\u{200D}b"), 2, "a joiner between letters joins nothing")
  }

  func testTableEdges() {
    // Unicode 15 emoji (Emoji 15.0): shaking face, pink heart, wireless.
    XCTAssertEqual(CellWidth.of("\u{1FAE8}" as Unicode.Scalar), 2)
    XCTAssertEqual(CellWidth.of("\u{1FA77}" as Unicode.Scalar), 2)
    XCTAssertEqual(CellWidth.of("\u{1F6DC}" as Unicode.Scalar), 2)
    // Symbols beyond the old hand-made blocks: 🚀 transport, 🟢 geometric shapes extended.
    XCTAssertEqual(CellWidth.of("\u{1F680}" as Unicode.Scalar), 2)
    XCTAssertEqual(CellWidth.of("\u{1F7E2}" as Unicode.Scalar), 2)
    // Neutral and narrow symbols stay one cell.
    XCTAssertEqual(CellWidth.of("\u{2713}" as Unicode.Scalar), 1)
    XCTAssertEqual(CellWidth.of("\u{2600}" as Unicode.Scalar), 1)
  }

  func testFitNeverCutsASequence() {
    XCTAssertEqual(fit("👨‍👩‍👧家人", width: 5), "👨‍👩‍👧家…")
    XCTAssertEqual(fit("👨‍👩‍👧家人", width: 4), "👨‍👩‍👧…")
    XCTAssertEqual(CellWidth.of(pad("小美❤️", width: 8)), 8)
    var buf = Buffer(width: 8, height: 1)
    buf.put("a🇨🇳b", x: 0, y: 0)
    XCTAssertEqual(buf[1, 0].text, "🇨🇳")
    XCTAssertTrue(buf[2, 0].isContinuation)
    XCTAssertEqual(buf[3, 0].text, "b")
  }

  func testAmbiguousCountTwoOnlyWhenTheTerminalSaysSo() {
    // · U+00B7, “ U+201C, … U+2026, → U+2192, ─ U+2500: East Asian Width A.
    XCTAssertEqual(CellWidth.of("“老”·王…→─"), 1 + 2 + 1 + 1 + 2 + 1 + 1 + 1)
    XCTAssertFalse(CellWidth.isUncertain("·"))
    Glyphs.useAmbiguousWide(true)
    XCTAssertEqual(CellWidth.of("“老”·王…→─"), 2 + 2 + 2 + 2 + 2 + 2 + 2 + 2)
    XCTAssertEqual(CellWidth.of("a×é"), 1 + 2 + 2, "a is Narrow; × and é are Ambiguous")
    XCTAssertEqual(CellWidth.of("✓✗↵░"), 4, "not ambiguous")
    XCTAssertTrue(CellWidth.isUncertain("·"))
    // What the render core draws with is one cell on every terminal.
    let g = Glyphs.current
    let own =
      [g.horizontal, g.vertical, g.topLeft, g.full, g.closed, g.ellipsis, g.marker]
      + g.heights + g.eighths + g.levels
    for c in own { XCTAssertEqual(CellWidth.of(c), 1, "\(c)") }
    XCTAssertEqual(fit("张伟明", width: 4), "张⋯")
  }
}
