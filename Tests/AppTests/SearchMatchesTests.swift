import LiuliangModel
import XCTest

@testable import LiuliangApp

/// Which rows of the Customers table a search marks, through sorts, filters and new data.
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

  func testMatchesFollowTheSortOrder() {
    var s = pool()
    s.list.sort = .name
    s.refreshList()
    // By name: Anna, Bob, 张伟, 李娜.
    XCTAssertEqual(s.list.order, [1, 3, 0, 2])
    search(&s, "anna")
    XCTAssertEqual(s.list.matches, [0, 3])
    search(&s, "1")
    XCTAssertEqual(s.list.matches, [0, 2], "Anna's and 张伟's phones")
    search(&s, "")
    XCTAssertEqual(s.list.matches, [])
  }

  func testEveryoneMatchingMarksEveryRow() {
    var s = pool()
    s.list.sort = .name
    s.list.descending = true
    s.list.filters = [.tier: "vip"]
    s.refreshList()
    XCTAssertEqual(s.list.order, [2, 0])
    search(&s, "\u{1F}")  // the separator after every record's name
    XCTAssertEqual(s.list.matches, [0, 1])
  }

  func testNewDataIsSearchedAgain() {
    var s = pool()
    search(&s, "anna")
    XCTAssertEqual(s.list.matches, [1, 2])
    var ds = s.dataset
    ds.customers[1].name = "Bea"
    ds.customers.remove(at: 2)
    s.setData(ds, problems: [], today: s.today)
    XCTAssertEqual(s.list.query, "anna", "the search stays")
    XCTAssertEqual(s.list.matches, [], "but its hits are those of the new data")
    ds.customers[0].notes = "Anna's friend"
    s.setData(ds, problems: [], today: s.today)
    XCTAssertEqual(s.list.matches, [0])
  }

  func testAVisitKeepsTheIndexAndAnEditRemakesIt() {
    var s = pool()
    search(&s, "anna")
    let before = s.search
    XCTAssertNotNil(before)
    var ds = s.dataset
    ds.visits.append(Visit(customer: 0, date: s.today, time: TimeOfDay(minutes: 720)))
    s.setData(ds, problems: [], today: s.today)
    XCTAssertTrue(s.search.map { $0.count == 4 } ?? false)
    XCTAssertEqual(s.list.matches, [1, 2], "the same customers, the same hits")
    ds.customers[3].name = "Anna B"
    s.setData(ds, problems: [], today: s.today)
    XCTAssertEqual(s.list.matches, [1, 2, 3], "an edited name is searched in a new index")
  }
}
