import LiuliangApp
import LiuliangModel
import LiuliangRender
import XCTest

/// A chain shop's role may not delete customers: `d` says why instead of asking, `?` shows it
/// unavailable with the reason, and every other edit still acts.
final class ChainRoleKeyTests: XCTestCase {
  func small() -> AppState {
    var ds = Dataset()
    ds.customers = [
      Customer(id: "C0001", name: "张伟", joined: Day("2026-01-01")),
      Customer(id: "C0002", name: "李娜", joined: Day("2026-02-01")),
    ]
    var s = AppState(
      dataset: ds, problems: [], today: Day("2026-11-16")!, folder: "~/shop", text: Demo.state().text)
    s.pane = .customers
    return s
  }

  func testDeleteIsUnavailableToAShopRoleAndSaysWhy() {
    var s = small()
    s.cannotDelete = "the role li may not delete customers"
    XCTAssertEqual(press(&s, .char("d")), [])
    XCTAssertEqual(s.overlay, .none)
    XCTAssertEqual(s.message, "the role li may not delete customers")
    XCTAssertEqual(s.dataset.customers.count, 2)
    _ = update(&s, .resize(width: 120, height: 40))
    _ = press(&s, .char("?"))
    var buf = Buffer(width: 120, height: 40)
    _ = view(s, into: &buf)
    let screen = buf.lines().joined(separator: "\n")
    XCTAssertTrue(screen.contains("✗ the role li may not delete customers"), screen)
    _ = press(&s, .escape)
    // Editing stays open to it: w marks the customer welcomed.
    XCTAssertFalse(press(&s, .char("w")).isEmpty)
  }

  func testWithoutARoleLimitDeleteAsksFirst() {
    var s = small()
    _ = press(&s, .char("d"))
    XCTAssertNotEqual(s.overlay, .none)
  }
}
