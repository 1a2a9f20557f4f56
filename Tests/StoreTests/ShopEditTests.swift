import Foundation
import LiuliangModel
import XCTest

@testable import LiuliangStore

/// `:setup` writes shop.toml as the owner left it: only the values of the keys it changes.
final class ShopEditTests: XCTestCase {
  let handEdited = """
    # 我的店 — my own notes
    name = "老王家常菜"   # the sign says so
    mood = "sunny"        # a key liuliang does not know
    slots = ["07:30", "11:30"]
    mouse = false

    [hours]   # opening hours
    mon = "10:30-14:00"  # Monday
    sat = ""
    [thresholds]
    active_days = 20

    """

  func folder(_ name: String) throws -> URL {
    let url = URL(fileURLWithPath: try temporaryFolder(name))
    try Data("name = \"\"\n".utf8).write(to: url.appendingPathComponent("shop.toml"))
    return url
  }

  func testOnlyTheChangedValuesChangeAndMissingKeysGoAtTheEndOfTheirTable() throws {
    let folder = try self.folder("shop-edit")
    let file = folder.appendingPathComponent("shop.toml")
    try Data(handEdited.utf8).write(to: file)
    let store = try Store(folder: folder.path, mode: .readWrite)
    var shop = store.dataset.shop
    shop.name = "王记面馆"
    shop.language = "en"
    shop.hours[1] = Shop.parseHours("11:00-14:00,17:00-24:00")
    shop.hours[7] = Shop.parseHours("09:00-13:00")
    try store.saveShop(shop)
    let expected = """
      # 我的店 — my own notes
      name = "王记面馆"   # the sign says so
      mood = "sunny"        # a key liuliang does not know
      slots = ["07:30", "11:30"]
      mouse = false
      language = "en"

      [hours]   # opening hours
      mon = "11:00-14:00,17:00-24:00"  # Monday
      sat = ""
      sun = "09:00-13:00"
      [thresholds]
      active_days = 20

      """
    XCTAssertEqual(try String(contentsOf: file, encoding: .utf8), expected)
    try store.load()
    XCTAssertEqual(store.problems, [])
    XCTAssertEqual(store.dataset.shop.name, "王记面馆")
    XCTAssertEqual(store.dataset.shop.thresholds.activeDays, 20)
    XCTAssertFalse(store.dataset.shop.mouse)
  }

  func testSlotsAndAMissingHoursTableAreWritten() {
    let text = "name = \"x\"\n# end\n"
    var shop = Shop(name: "x")
    let old = shop
    shop.slots = ["08:00", "12:00"].compactMap { TimeOfDay($0) }
    shop.hours[2] = Shop.parseHours("10:00-20:00")
    XCTAssertEqual(
      ShopFile.edited(text, from: old, to: shop),
      "name = \"x\"\nslots = [\"08:00\", \"12:00\"]\n# end\n\n[hours]\ntue = \"10:00-20:00\"\n")
  }

  func testNothingChangedWritesNothing() throws {
    let folder = try self.folder("shop-same")
    let file = folder.appendingPathComponent("shop.toml")
    try Data(handEdited.utf8).write(to: file)
    let store = try Store(folder: folder.path, mode: .readWrite)
    try store.saveShop(store.dataset.shop)
    XCTAssertEqual(try String(contentsOf: file, encoding: .utf8), handEdited)
  }

  func testAShopTomlChangedByHandMeanwhileIsNotWrittenOver() throws {
    let folder = try self.folder("shop-race")
    let file = folder.appendingPathComponent("shop.toml")
    let store = try Store(folder: folder.path, mode: .readWrite)
    try Data("name = \"by hand\"\n# longer now\n".utf8).write(to: file)
    var shop = store.dataset.shop
    shop.name = "new"
    XCTAssertThrowsError(try store.saveShop(shop))
    XCTAssertEqual(try String(contentsOf: file, encoding: .utf8), "name = \"by hand\"\n# longer now\n")
  }
}
