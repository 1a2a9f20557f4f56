import Foundation
import LiuliangTestSupport
import XCTest

/// The interface language, first found: `--lang`, `$LIULIANG_LANG`, shop.toml's `language`,
/// the locale, else zh-Hans (PRODUCT.md "The screen").
final class LanguageTests: XCTestCase {
  let day = "2026-11-16"
  /// The first line of `today` names the weekday: 周一 in Chinese, Mon in English.
  func weekday(_ args: [String], env: [String: String]) throws -> String {
    let r = try runLiuliang(["today", "--today", day] + args, env: env)
    XCTAssertEqual(r.status, 0, r.stderr)
    let first = r.stdout.split(separator: "\n").first.map(String.init) ?? ""
    if first.contains("周一") { return "zh" }
    if first.contains("Mon") { return "en" }
    return "?" + first
  }

  /// The demo's shop.toml says zh-Hans: a stock C.UTF-8 server speaks Chinese.
  func testShopLanguageBeatsAStockLocale() throws {
    let store = try Repo.demoCopy()
    XCTAssertEqual(try weekday(["--data", store.path], env: ["LANG": "C.UTF-8"]), "zh")
    XCTAssertEqual(try weekday(["--data", store.path], env: ["LANG": "en_US.UTF-8"]), "zh")
  }

  func testFlagAndVariableBeatTheShop() throws {
    let store = try Repo.demoCopy()
    XCTAssertEqual(try weekday(["--data", store.path, "--lang", "en"], env: [:]), "en")
    XCTAssertEqual(try weekday(["--data", store.path], env: ["LIULIANG_LANG": "en"]), "en")
    XCTAssertEqual(
      try weekday(["--data", store.path, "--lang", "zh-Hans"], env: ["LIULIANG_LANG": "en"]), "zh")
  }

  /// Without `language` in shop.toml the locale decides, and a locale that is neither zh nor
  /// en leaves Chinese.
  func testWithoutAShopLanguageTheLocaleDecides() throws {
    let store = try Repo.demoCopy()
    let toml = store.appendingPathComponent("shop.toml")
    let text = try String(contentsOf: toml, encoding: .utf8)
      .split(separator: "\n", omittingEmptySubsequences: false)
      .filter { !$0.hasPrefix("language") }.joined(separator: "\n")
    try text.write(to: toml, atomically: true, encoding: .utf8)
    XCTAssertEqual(try weekday(["--data", store.path], env: ["LANG": "en_GB.UTF-8"]), "en")
    XCTAssertEqual(try weekday(["--data", store.path], env: ["LANG": "C.UTF-8"]), "zh")
    XCTAssertEqual(try weekday(["--data", store.path], env: ["LANG": "fr_FR.UTF-8"]), "zh")
    XCTAssertEqual(
      try weekday(["--data", store.path], env: ["LANG": "C.UTF-8", "LC_MESSAGES": "zh_CN.UTF-8"]), "zh")
    XCTAssertEqual(
      try weekday(["--data", store.path], env: ["LANG": "zh_CN.UTF-8", "LC_ALL": "en_US.UTF-8"]), "en")
  }
}
