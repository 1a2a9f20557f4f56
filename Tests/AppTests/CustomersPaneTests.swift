import LiuliangApp
import LiuliangModel
import LiuliangRender
import XCTest

/// The Customers pane through the update function: find, sort, filter, edit, undo.
final class CustomersPaneTests: XCTestCase {
  /// Four customers whose figures are easy to see: two visits for 张伟, one for 李娜.
  func small() -> AppState {
    var ds = Dataset()
    ds.shop = Shop(name: "店")
    ds.customers = [
      Customer(
        id: "C0001", name: "张伟", wechat: "zw_1988", phone: "13800001111", tags: ["老客"],
        joined: Day("2026-01-01")),
      Customer(
        id: "C0002", name: "李娜", phone: "13900002222", tags: ["爱辣", "老客"], joined: Day("2026-02-01"),
        tier: .vip),
      Customer(id: "C0003", name: "王芳", joined: Day("2026-03-01"), notes: "周末带娃"),
      Customer(id: "C0004", name: "Anna", joined: Day("2026-04-01"), tier: .member),
    ]
    let t = Day("2026-11-16")!
    ds.visits = [
      Visit(customer: 0, date: t.adding(-3), time: TimeOfDay(minutes: 720), amount: Money(fen: 10000)),
      Visit(customer: 0, date: t.adding(-1), time: TimeOfDay(minutes: 720), amount: Money(fen: 5000)),
      Visit(customer: 1, date: t.adding(-2), time: TimeOfDay(minutes: 720), amount: Money(fen: 30000)),
    ]
    var s = AppState(dataset: ds, problems: [], today: t, folder: "~/shop", text: Demo.state().text)
    s.pane = .customers
    return s
  }

  func type(_ s: inout AppState, _ text: String) -> [Effect] {
    var out: [Effect] = []
    for c in text { out += update(&s, .key(.char(c))) }
    return out
  }

  func names(_ s: AppState) -> [String] { s.customersPane.list.order.map { s.dataset.customers[$0].name } }

  func testSearchByPinyinInitialsFullPinyinPhoneTagAndNotes() {
    var s = small()
    _ = press(&s, .char("/"))
    _ = type(&s, "ln")
    XCTAssertEqual(s.customersPane.list.order, [1], "ln = 李娜's initials; the list narrows to it")
    XCTAssertEqual(s.currentCustomer, 1, "the cursor jumps to the first match")
    _ = press(&s, .escape)
    XCTAssertEqual(s.customersPane.list.query, "")
    for (q, who) in [
      ("zhangwei", [0]), ("2222", [1]), ("老客", [0, 1]), ("带娃", [2]), ("anna", [3]), ("ZW_", [0]),
    ] {
      _ = press(&s, .char("/"))
      _ = type(&s, q)
      XCTAssertEqual(s.customersPane.list.order, who, q)
      _ = press(&s, .escape)
    }
  }

  func testNextAndPreviousMatchWrap() {
    var s = small()
    _ = press(&s, .char("/"))
    _ = type(&s, "老客")
    _ = press(&s, .enter)
    XCTAssertEqual(s.customersPane.cursor.index, 0)
    _ = press(&s, .char("n"))
    XCTAssertEqual(s.customersPane.cursor.index, 1)
    _ = press(&s, .char("n"))
    XCTAssertEqual(s.customersPane.cursor.index, 0, "wraps to the first")
    _ = press(&s, .char("N"))
    XCTAssertEqual(s.customersPane.cursor.index, 1, "wraps to the last")
  }

  func testSortByColumnAndAgainReverses() {
    var s = small()
    // Sort picker: columns in table order; spend is the sixth (index 5).
    _ = press(&s, .char("s"), .char("j"), .char("j"), .char("j"), .char("j"), .char("j"), .enter)
    XCTAssertEqual(names(s), ["李娜", "张伟", "王芳", "Anna"], "spend: 300, 150, 0, 0 (ties keep file order)")
    // The picker opens on the current column, so Enter picks it again.
    _ = press(&s, .char("s"), .enter)
    XCTAssertEqual(names(s), ["王芳", "Anna", "张伟", "李娜"], "the same column again reverses")
  }

  func testFilterBySegmentTierAndTagShowsCountsAndClears() {
    var s = small()
    s.customersPane.list.filters = [.tag: "老客"]
    s.refreshList()
    XCTAssertEqual(names(s), ["张伟", "李娜"])
    s.customersPane.list.filters[.tier] = "vip"
    s.refreshList()
    XCTAssertEqual(names(s), ["李娜"])
    _ = press(&s, .char("F"))
    XCTAssertEqual(names(s).count, 4)
    let tiers = CustomerList.choices(.tier, s.dataset, s.analysis)
    XCTAssertEqual(tiers.map(\.count), [2, 1, 1], "friend 2, vip 1, member 1")
  }

  func testNothingIsSavedWhileAFieldIsInvalid() {
    var s = small()
    _ = press(&s, .char("a"))
    _ = type(&s, "赵敏")
    _ = press(&s, .tab, .tab)
    _ = type(&s, "12345")  // not a mobile number
    XCTAssertEqual(press(&s, .ctrl("s")), [], "refused")
    guard case .form(let f) = s.overlay else { return XCTFail("the form stays open") }
    XCTAssertEqual(f.focus, 2, "the focus goes to the wrong field")
    XCTAssertEqual(s.dataset.customers.count, 4)
    _ = press(&s, .backspace, .backspace, .backspace, .backspace, .backspace)
    _ = type(&s, "13512345678")
    let effects = press(&s, .ctrl("s"))
    XCTAssertEqual(s.dataset.customers.count, 5)
    XCTAssertEqual(s.dataset.customers[4].id, "C0005", "the next id in the pool's pattern")
    XCTAssertEqual(s.dataset.customers[4].phone, "13512345678")
    XCTAssertEqual(effects, [.save(s.dataset)])
  }

  func testUndoAndRedoWalkThroughTheSession() {
    var s = small()
    let original = s.dataset
    _ = press(&s, .char("w"))  // 张伟 welcomed today
    let welcomed = s.dataset
    XCTAssertEqual(welcomed.customers[0].welcomedOn, Day("2026-11-16"))
    _ = press(&s, .char("v"))
    _ = type(&s, "58.5")
    let logged = press(&s, .ctrl("s"))
    XCTAssertEqual(logged.count, 1)
    guard case .appendVisit(let v, _) = logged[0] else {
      return XCTFail("a visit is appended, not rewritten")
    }
    XCTAssertEqual(v.amount, Money(fen: 5850))
    XCTAssertEqual(v.date, Day("2026-11-16"))
    XCTAssertEqual(s.dataset.visits.count, 4)
    XCTAssertEqual(press(&s, .char("u")), [.removeLastVisit])
    XCTAssertEqual(s.dataset.visits.count, 3)
    // Taking back the welcome changes a welcomed_on, so the undo names the row.
    XCTAssertEqual(press(&s, .char("u")), [.editHistory([.welcomed(customer: "C0001")]), .save(original)])
    XCTAssertEqual(s.dataset, original)
    XCTAssertEqual(press(&s, .char("u")), [], "nothing more to undo")
    XCTAssertEqual(press(&s, .ctrl("r")), [.save(welcomed)])
    XCTAssertEqual(press(&s, .ctrl("r")), [.appendVisit(v)])
  }

  func testAFailedSaveIsTakenBack() {
    var s = small()
    let original = s.dataset
    _ = press(&s, .char("w"))
    _ = update(&s, .saveFailed("customers.csv was changed by someone else"))
    XCTAssertEqual(s.dataset, original)
    XCTAssertEqual(s.messageIsError, true)
    XCTAssertEqual(press(&s, .char("u")), [], "the failed change is not on the undo stack")
  }

  func testChurnWithAReasonAndBack() {
    var s = small()
    _ = press(&s, .char("c"))
    guard case .picker(let p) = s.overlay else { return XCTFail("a reason picker") }
    XCTAssertEqual(p.items.first?.value, .reason(.staffIndifference))
    _ = press(&s, .char("j"), .enter)  // product
    XCTAssertEqual(s.dataset.customers[0].churnedOn, Day("2026-11-16"))
    XCTAssertEqual(s.dataset.customers[0].churnReason, .product)
    XCTAssertEqual(s.analysis.segment(0), .churned)
    _ = press(&s, .char("c"))
    XCTAssertNil(s.dataset.customers[0].churnedOn)
  }

  func testDeleteAsksAndRefusesCustomersWithVisits() {
    var s = small()
    XCTAssertEqual(press(&s, .char("d")), [])
    XCTAssertEqual(s.overlay, .none, "张伟 has visits: no delete")
    XCTAssertEqual(s.messageIsError, true)
    _ = press(&s, .char("G"))  // Anna, no visits
    _ = press(&s, .char("d"))
    XCTAssertEqual(s.overlay, .confirm(.deleteCustomer(id: "C0004")))
    _ = press(&s, .char("n"))
    XCTAssertEqual(s.dataset.customers.count, 4)
    _ = press(&s, .char("d"), .char("y"))
    XCTAssertEqual(s.dataset.customers.map(\.id), ["C0001", "C0002", "C0003"])
  }

  func testDeletingKeepsVisitsWithTheirCustomers() {
    var s = small()
    _ = press(&s, .char("j"), .char("j"))  // 王芳, no visits, between customers who have some
    _ = press(&s, .char("d"), .char("y"))
    XCTAssertEqual(s.dataset.customers.map(\.name), ["张伟", "李娜", "Anna"])
    XCTAssertEqual(s.dataset.visits.map(\.customer), [0, 0, 1])
  }

  func testBulkTagOnMarkedCustomers() {
    var s = small()
    _ = press(&s, .char(" "), .char(" "))  // marks 张伟 and 李娜, moving down
    XCTAssertEqual(s.customersPane.list.marked, ["C0001", "C0002"])
    _ = press(&s, .char("t"))
    _ = type(&s, "团购")
    _ = press(&s, .enter)
    XCTAssertEqual(s.dataset.customers.map { $0.tags.contains("团购") }, [true, true, false, false])
    _ = press(&s, .char("T"))
    _ = type(&s, "老客")
    _ = press(&s, .enter)
    XCTAssertEqual(s.dataset.customers[1].tags, ["爱辣", "团购"])
  }

  func testReadOnlyRefusesEdits() {
    var s = small()
    s.readOnly = "another liuliang has this store"
    XCTAssertEqual(press(&s, .char("w")), [])
    XCTAssertEqual(press(&s, .char("a")), [])
    XCTAssertEqual(s.overlay, .none)
    XCTAssertEqual(s.message, "another liuliang has this store")
  }

  func testMaskKey() {
    var s = small()
    _ = press(&s, .char("m"))
    XCTAssertEqual(s.phone("13800001111"), "138****1111")
  }

  func testKeepMineAfterAConflictWritesOverTheirs() {
    var s = small()
    _ = press(&s, .char("w"))
    let mine = s.dataset
    _ = update(&s, .saveFailed("changed on disk", conflict: true))
    XCTAssertNil(s.dataset.customers[0].welcomedOn, "taken back until the owner chooses")
    _ = press(&s, .char(":"))
    _ = type(&s, "keep")
    XCTAssertEqual(press(&s, .enter), [.overwrite(mine)])
    XCTAssertEqual(s.dataset, mine)
  }
}
