import Foundation
import LiuliangModel
import XCTest

@testable import LiuliangStore

/// The store's own reader of shop.toml: the TOML that shop.toml uses, and every hand-edit
/// mistake a `shop.toml:N` problem with the rest of the file still read.
final class TOMLTests: XCTestCase {
  func parse(_ text: String) -> (TOMLTable, [TOMLError]) { TOML.parse(text) }

  func testValuesOfEveryKindShopTomlUses() {
    let (t, errors) = parse(
      """
      # a comment
      name = "老王 \\"家常\\" 菜\\u00e9\\t"   # after a value
      'quoted' = 'C:\\path'
      "a b" = 1
      n = -1_000
      hex = 0xff
      f = 0.5
      e = 1e3
      yes = true
      slots = [
        "07:30",  # the first
        "11:30",
      ]
      nested = [[1, 2], []]
      [hours]
      mon = ""
      [ store . "营业" ]
      x = 2

      """)
    XCTAssertEqual(errors, [])
    XCTAssertEqual(t["name"], .string("老王 \"家常\" 菜é\t"))
    XCTAssertEqual(t["quoted"], .string("C:\\path"))
    XCTAssertEqual(t["a b"], .integer(1))
    XCTAssertEqual(t["n"], .integer(-1000))
    XCTAssertEqual(t["hex"], .integer(255))
    XCTAssertEqual(t["f"], .float(0.5))
    XCTAssertEqual(t["e"], .float(1000))
    XCTAssertEqual(t["yes"], .bool(true))
    XCTAssertEqual(t["slots"], .array([.string("07:30"), .string("11:30")]))
    XCTAssertEqual(t.line(of: "slots"), 10)
    XCTAssertEqual(t["nested"], .array([.array([.integer(1), .integer(2)]), .array([])]))
    XCTAssertEqual(t["hours"]?.table?["mon"], .string(""))
    XCTAssertEqual(t["store"]?.table?["营业"]?.table?["x"], .integer(2))
    XCTAssertEqual(t.keys.first, "name")
  }

  /// Each mistake, on the line where it is; the lines around it are read.
  func testEachMistakeIsItsLineAndTheRestIsRead() {
    let cases: [(String, TOMLError.Reason)] = [
      ("[营业时间]", .bareKey),
      ("[hours\u{1}]", .bareKey),
      ("[hours", .unclosedHeader),
      ("[[hours]]", .unsupported),
      ("营业 = 1", .bareKey),
      ("= 1", .expectedKey),
      ("x 1", .expectedEquals),
      ("x =", .expectedValue),
      ("x = soon", .expectedValue),
      ("x = 2026-01-05", .expectedValue),
      ("x = 01", .expectedValue),
      ("x = 99999999999999999999", .expectedValue),
      ("x = \"open", .unclosedString),
      ("x = \"a\\qb\"", .badEscape),
      ("x = \"\\uD800\"", .badEscape),
      ("x = \"a\u{7}b\"", .controlCharacter),
      ("x = 'a\u{1B}b'", .controlCharacter),
      ("x = [1, 2", .unclosedArray),
      ("x = [1 2]", .unclosedArray),
      ("x = 1 2", .trailingText),
      ("x = {a = 1}", .unsupported),
      ("x = \"\"\"long\"\"\"", .unsupported),
      ("x = " + String(repeating: "[", count: 40) + String(repeating: "]", count: 40), .tooDeep),
    ]
    for (bad, reason) in cases {
      let (t, errors) = parse("a = 1\n\(bad)\nb = 2\n")
      XCTAssertEqual(errors.map(\.line), [2], bad)
      XCTAssertEqual(errors.first?.reason, reason, bad)
      XCTAssertEqual(t["a"], .integer(1), bad)
      if !bad.hasPrefix("[") { XCTAssertEqual(t["b"], .integer(2), bad) }
    }
  }

  func testKeysUnderAnUnreadableHeaderGoNowhere() {
    let (t, errors) = parse("a = 1\n[营业时间]\nmon = \"x\"\n[hours]\nmon = \"\"\n")
    XCTAssertEqual(errors.map(\.line), [2])
    XCTAssertNil(t["mon"])
    XCTAssertEqual(t["hours"]?.table?["mon"], .string(""))
  }

  func testTwiceIsAMistake() {
    let (_, errors) = parse("a = 1\na = 2\n[t]\nb.c = 1\nb = 2\n[t]\n[a]\n")
    XCTAssertEqual(errors.map(\.line), [2, 5, 6, 7])
    XCTAssertEqual(
      errors.map(\.reason), [.duplicateKey, .duplicateKey, .duplicateTable, .notATable])
  }

  /// A table of many keys is not copied per key: 50,000 keys read in well under a second
  /// each way (the copy per key made this minutes).
  func testManyKeysReadInLinearTime() {
    let text = "[thresholds]\n" + (0..<50_000).map { "k\($0) = \($0)\n" }.joined()
    let start = Date()
    let (t, errors) = parse(text)
    XCTAssertEqual(errors, [])
    XCTAssertEqual(t["thresholds"]?.table?.keys.count, 50_000)
    XCTAssertLessThan(Date().timeIntervalSince(start), 20)
  }

  /// The crash of the issue: a table name in Chinese aborted every command. Now it is one
  /// problem on its line, and the settings around it still apply.
  func testAChineseTableNameIsAProblemAndTheRestOfShopTomlApplies() {
    let (shop, problems) = ShopFile.parse(
      "name = \"老王家常菜\"\n[营业时间]\nmon = \"10:00-14:00\"\n[hours]\ntue = \"10:00-14:00\"\n"
        + "[thresholds]\nactive_days = 14\nloyal_visits = \"many\"\n")
    XCTAssertEqual(problems.map(\.place), ["shop.toml:2", "shop.toml:8"])
    XCTAssertEqual(problems.first?.kind, .badTOML(.bareKey, subject: ""))
    XCTAssertEqual(shop.name, "老王家常菜")
    XCTAssertTrue(shop.isOpen(weekday: 2, hour: 11))
    XCTAssertFalse(shop.isOpen(weekday: 1, hour: 11), "mon belongs to the unreadable table")
    XCTAssertEqual(shop.thresholds.activeDays, 14)
    XCTAssertEqual(shop.thresholds.loyalVisits, 4)
  }

  /// The file a new store writes reads back as the same shop.
  func testTheWrittenFileReadsBack() {
    var shop = Shop(name: "店 \"名\" \\ 后", hours: [1: Shop.parseHours("10:00-24:00")!])
    for d in 2...7 { shop.hours[d] = [] }
    shop.language = "en"
    let (back, problems) = ShopFile.parse(ShopFile.text(shop))
    XCTAssertEqual(problems, [])
    XCTAssertEqual(back, shop)
  }

  /// `mouse = false` leaves the mouse to the terminal; anything but a boolean is a problem on
  /// its line, and the mouse stays on.
  func testMouseSetting() {
    XCTAssertTrue(ShopFile.parse("name = \"店\"\n").0.mouse)
    XCTAssertFalse(ShopFile.parse("name = \"店\"\nmouse = false\n").0.mouse)
    let (shop, problems) = ShopFile.parse("name = \"店\"\nmouse = \"off\"\n")
    XCTAssertTrue(shop.mouse)
    XCTAssertEqual(problems.map(\.place), ["shop.toml:2"])
  }
}
