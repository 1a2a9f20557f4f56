import Foundation
import LiuliangApp
import LiuliangModel
import LiuliangRender
import XCTest

/// Every id in a form is chosen by words in the interface language; the files keep the ids.
final class FormChoiceTests: XCTestCase {
  /// A prefilled tier (好友) takes 会员 typed over it as member, not "friend会员".
  func testTypingIntoAPrefilledChoiceChoosesRatherThanAppends() {
    var s = Demo.state()
    _ = press(&s, .char("2"), .char("a"))
    typed(&s, "新客")
    _ = press(&s, .tab, .tab, .tab)
    XCTAssertEqual(form(s)?.fields[3].text, "friend")
    typed(&s, "会员")
    XCTAssertEqual(form(s)?.fields[3].text, "member")
    // → steps through what matches; Ctrl-U clears the narrowing, and → from member wraps to
    // friend (the order is friend, vip, member).
    _ = press(&s, .right)
    XCTAssertEqual(form(s)?.fields[3].text, "member")
    _ = press(&s, .ctrl("u"), .right)
    XCTAssertEqual(form(s)?.fields[3].text, "friend")
    XCTAssertEqual(press(&s, .ctrl("s")).count, 1)
    XCTAssertEqual(s.dataset.customers.last?.tier, .friend)
  }

  /// The visit's promotion lists only what runs on its date: on Monday 2026-11-16 the demo's
  /// P01 (weekdays), P02, P03, P05 (no end) and P04 (to 2026-11-26); P06 ended 2026-10-17.
  /// On Saturday 2026-11-21, P01 (Monday to Friday) drops out.
  func testThePromotionChoiceHoldsOnlyWhatRunsOnTheVisitDate() {
    var s = Demo.state()
    _ = press(&s, .char("2"), .char("v"))
    _ = press(&s, .tab, .tab)
    var ids: [String] = []
    for _ in 0..<8 {
      ids.append(form(s)!.fields[2].text)
      _ = press(&s, .right)
    }
    XCTAssertEqual(ids, ["", "P01", "P02", "P03", "P04", "P05", "", "P01"])
    _ = press(&s, .tab, .tab)
    _ = press(&s, .ctrl("u"))
    for _ in 0..<10 { _ = press(&s, .backspace) }
    typed(&s, "2026-11-21")
    _ = press(&s, .backTab, .backTab)
    ids = []
    for _ in 0..<6 {
      _ = press(&s, .right)
      ids.append(form(s)!.fields[2].text)
    }
    XCTAssertEqual(Set(ids), ["", "P02", "P03", "P04", "P05"])
  }

  /// The complaint's customer is found by pinyin initials; its reason by its words; the file
  /// gets the customer's id and staff_indifference.
  func testAComplaintChoosesItsCustomerByPinyinAndItsReasonByWords() {
    var s = Demo.state()
    let k = s.dataset.customers.firstIndex { $0.name == "丁凯怡" }!
    let id = s.dataset.customers[k].id
    _ = press(&s, .char("5"), .char("a"))
    typed(&s, "dky")
    // An earlier customer's WeChat id holds dky too, but a name whose pinyin matches comes
    // first; Space steps on to that other customer.
    XCTAssertEqual(form(s)?.fields[0].text, id)
    _ = press(&s, .char(" "))
    XCTAssertNotEqual(form(s)?.fields[0].text, id)
    _ = press(&s, .left)
    XCTAssertEqual(form(s)?.fields[0].text, id)
    _ = press(&s, .tab)
    typed(&s, "店员")
    XCTAssertEqual(form(s)?.fields[1].text, "staff_indifference")
    _ = press(&s, .tab)
    typed(&s, "没人理")
    XCTAssertEqual(press(&s, .ctrl("s")).count, 1)
    let c = s.dataset.complaints.last!
    XCTAssertEqual(c.customer, id)
    XCTAssertEqual(c.reason, .staffIndifference)
  }

  /// Space flips a test; the field never holds anything but 1 or 0.
  func testTheThreeTestsAreToggles() {
    var s = Demo.state()
    _ = press(&s, .char("3"), .char("a"))
    _ = press(&s, .tab, .tab, .tab)
    let before = form(s)!.fields[3].text
    _ = press(&s, .char(" "))
    XCTAssertNotEqual(form(s)!.fields[3].text, before)
    XCTAssertTrue(["0", "1"].contains(form(s)!.fields[3].text))
    _ = press(&s, .char(" "))
    XCTAssertEqual(form(s)!.fields[3].text, before)
  }

  /// P01 runs Monday to Friday: chosen for Monday 2026-11-16, it cannot be saved once the
  /// visit's date is moved to Saturday 2026-11-21; the save goes to the promotion field.
  func testAPromotionNotRunningOnTheVisitDateIsRefused() {
    var s = Demo.state()
    let before = s.dataset.visits.count
    _ = press(&s, .char("2"), .char("v"))
    typed(&s, "30")
    _ = press(&s, .tab, .tab)
    typed(&s, "下午茶")
    XCTAssertEqual(form(s)?.fields[2].text, "P01")
    _ = press(&s, .tab, .tab, .ctrl("u"))
    typed(&s, "2026-11-21")
    XCTAssertEqual(press(&s, .ctrl("s")), [])
    XCTAssertEqual(s.dataset.visits.count, before)
    XCTAssertEqual(form(s)?.focus, 2)
    XCTAssertEqual(form(s)?.showAll, true)
  }

  /// A customer search that finds no one is not saved as a complaint without a customer.
  func testACustomerNobodyMatchesIsRefused() {
    var s = Demo.state()
    let before = s.dataset.complaints.count
    _ = press(&s, .char("5"), .char("a"))
    typed(&s, "qqqqzzzz")
    XCTAssertEqual(form(s)?.fields[0].text, "")
    _ = press(&s, .tab, .tab)
    typed(&s, "没人理")
    XCTAssertEqual(press(&s, .ctrl("s")), [])
    XCTAssertEqual(s.dataset.complaints.count, before)
    XCTAssertEqual(form(s)?.focus, 0)
  }
}
