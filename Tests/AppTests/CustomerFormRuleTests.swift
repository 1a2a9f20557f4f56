import LiuliangApp
import LiuliangModel
import LiuliangRender
import XCTest

/// The customer form refuses what import rejects and check reports: a name of spaces only, a
/// phone like `abc`; and takes a phone written with spaces, storing its digits.
final class CustomerFormRuleTests: XCTestCase {
  func keys(_ s: inout AppState, _ keys: [Key]) -> [Effect] {
    keys.flatMap { update(&s, .key($0)) }
  }

  func typed(_ text: String) -> [Key] { text.map { .char($0) } }

  func add(name: String, phone: String) -> (AppState, [Effect]) {
    var s = Demo.state()
    s.pane = .customers
    var k: [Key] = [.char("a")] + typed(name) + [.tab, .tab] + typed(phone) + [.ctrl("s")]
    if name.isEmpty { k.remove(at: 1) }
    let effects = keys(&s, k)
    return (s, effects)
  }

  func testTheFormRefusesWhatImportRejects() {
    let before = Demo.state().dataset.customers.count
    for (name, phone) in [("李四", "abc"), ("\u{3000} ", "13900000001"), ("李四", "2390000000")] {
      let (s, effects) = add(name: name, phone: phone)
      XCTAssertEqual(effects, [], "\(name.debugDescription) \(phone): refused")
      guard case .form = s.overlay else { return XCTFail("the form stays open") }
      XCTAssertEqual(s.dataset.customers.count, before)
    }
    let (s, effects) = add(name: "王五", phone: "139 0000 0005")
    XCTAssertEqual(effects, [.save(s.dataset)])
    XCTAssertEqual(s.dataset.customers.count, before + 1)
    XCTAssertEqual(s.dataset.customers[before].phone, "13900000005")
  }
}
