import LiuliangModel
import XCTest

@testable import LiuliangApp

/// Which rows the Customers table shows while searching, in which order, through sorts,
/// filters and new data.
final class SearchMatchesTests: XCTestCase {
  func pool() -> AppState {
    var ds = Dataset()
    ds.shop = Shop(name: "店")
    ds.customers = [
      Customer(id: "C1", name: "张伟", phone: "13800001111", tier: .vip),
      Customer(id: "C2", name: "Anna", phone: "13900002222"),
      Customer(id: "C3", name: "李娜", wechat: "anna_li", tier: .vip),
      Customer(id: "C4", name: "Bob"),
    ]
    var s = AppState(
      dataset: ds, problems: [], today: Day("2026-11-16")!, folder: "~/shop", text: Demo.state().text)
    s.pane = .customers
    return s
  }

  func search(_ s: inout AppState, _ q: String) {
    _ = update(&s, .key(.escape))
    _ = update(&s, .key(.char("/")))
    for c in q { _ = update(&s, .key(.char(c))) }
    _ = update(&s, .key(.enter))
  }

  func names(_ s: AppState) -> [String] { s.customersPane.list.order.map { s.dataset.customers[$0].name } }

  func testMatchesFollowTheSortOrderWithinAField() {
    var s = pool()
    s.customersPane.list.sort = .name
    s.refreshList()
    // By name: Anna, Bob, 张伟, 李娜.
    XCTAssertEqual(s.customersPane.list.order, [1, 3, 0, 2])
    search(&s, "anna")
    XCTAssertEqual(names(s), ["Anna", "李娜"], "Anna by name before 李娜 by WeChat id")
    search(&s, "1")
    XCTAssertEqual(names(s), ["Anna", "张伟"], "both by phone, in the sort's order")
    search(&s, "")
    XCTAssertEqual(s.customersPane.list.order, [1, 3, 0, 2], "no search, every row")
  }

  func testNameAndPinyinComeBeforePhoneWeChatTagsAndNotes() {
    var ds = Dataset()
    ds.shop = Shop(name: "店")
    // In file order the worst field first: notes, tags, WeChat id, phone, initials, pinyin, name.
    ds.customers = [
      Customer(id: "C1", name: "甲", notes: "zw at the window"),
      Customer(id: "C2", name: "乙", tags: ["zw"]),
      Customer(id: "C3", name: "丙", wechat: "azwb"),
      Customer(id: "C4", name: "丁", phone: "zw"),
      Customer(id: "C5", name: "赵伟"),
      Customer(id: "C6", name: "王", wechat: "zw2", notes: "zw"),
      Customer(id: "C7", name: "Zwick"),
    ]
    var s = AppState(
      dataset: ds, problems: [], today: Day("2026-11-16")!, folder: "~/shop", text: Demo.state().text)
    s.pane = .customers
    search(&s, "zw")
    XCTAssertEqual(names(s), ["Zwick", "赵伟", "丁", "丙", "王", "乙", "甲"])
    XCTAssertEqual(s.customersPane.list.kindCounts, [1, 0, 1, 1, 2, 1, 1])
    XCTAssertEqual(
      (0..<7).map { s.customersPane.list.kind(row: $0)! },
      [.name, .initials, .phone, .wechat, .wechat, .tags, .notes])
    XCTAssertEqual(searchCounter(s), "zw: 2 名字 · 1 手机 · 2 微信号 · 1 标签 · 1 备注")
    s.text = Demo.state("en").text
    XCTAssertEqual(
      searchCounter(s), "zw: 2 by name · 1 by phone · 2 by WeChat id · 1 by tag · 1 by notes")
    search(&s, "zhao")
    XCTAssertEqual(s.customersPane.list.kindCounts, [0, 1, 0, 0, 0, 0, 0], "赵 spelled out")
  }

  func testEveryoneMatchingListsEveryRow() {
    var s = pool()
    s.customersPane.list.sort = .name
    s.customersPane.list.descending = true
    s.customersPane.list.filters = [.tier: "vip"]
    s.refreshList()
    XCTAssertEqual(s.customersPane.list.order, [2, 0])
    search(&s, "\u{1F}")  // the separator after every record's name
    XCTAssertEqual(s.customersPane.list.order, [2, 0])
  }

  func testNewDataIsSearchedAgain() {
    var s = pool()
    search(&s, "anna")
    XCTAssertEqual(s.customersPane.list.order, [1, 2])
    var ds = s.dataset
    ds.customers[1].name = "Bea"
    ds.customers.remove(at: 2)
    s.setData(ds, problems: [], today: s.today)
    XCTAssertEqual(s.customersPane.list.query, "anna", "the search stays")
    XCTAssertEqual(s.customersPane.list.order, [], "but its hits are those of the new data")
    ds.customers[0].notes = "Anna's friend"
    s.setData(ds, problems: [], today: s.today)
    XCTAssertEqual(s.customersPane.list.order, [0])
  }

  func testAVisitKeepsTheIndexAndAnEditRemakesIt() {
    var s = pool()
    search(&s, "anna")
    let before = s.customersPane.search
    XCTAssertNotNil(before)
    var ds = s.dataset
    ds.visits.append(Visit(customer: 0, date: s.today, time: TimeOfDay(minutes: 720)))
    s.setData(ds, problems: [], today: s.today)
    XCTAssertTrue(s.customersPane.search.map { $0.count == 4 } ?? false)
    XCTAssertEqual(s.customersPane.list.order, [1, 2], "the same customers, the same hits")
    ds.customers[3].name = "Anna B"
    s.setData(ds, problems: [], today: s.today)
    XCTAssertEqual(
      s.customersPane.list.order, [1, 3, 2],
      "an edited name is searched in a new index, and a name comes first")
  }

  func testEscapeShowsEveryoneWithTheCursorOnTheFoundCustomer() {
    var s = pool()
    _ = update(&s, .key(.char("/")))
    for c in "bob" { _ = update(&s, .key(.char(c))) }
    XCTAssertEqual(s.currentCustomer, 3)
    _ = update(&s, .key(.escape))
    XCTAssertEqual(s.customersPane.list.order, [0, 1, 2, 3])
    XCTAssertEqual(s.currentCustomer, 3)
  }
}
