import LiuliangApp
import LiuliangModel
import LiuliangRender
import XCTest

/// The Today list worked as a queue: filter, prepare and copy, mark contacted, move on, undo.
final class ReachQueueTests: XCTestCase {
  func kinds(_ s: AppState) -> [String] { s.todayPane.queue.entries.map { s.analysis.reachOut[$0].kindID } }

  func testFilterCyclesThroughTheReasonsWithTheirCounts() {
    var s = Demo.state()
    let all = s.analysis.reachOut
    let k = kinds(s)
    let complaints = all.filter { $0.kindID == "complaint" }.count
    XCTAssertGreaterThan(complaints, 0)
    XCTAssertEqual(Set(k.prefix(complaints)), ["complaint"], "open complaints first in all")
    XCTAssertEqual(k.count, all.count)
    for (filter, id) in [(ReachFilter.atRisk, "at_risk"), (.birthdays, "birthday"), (.welcome, "welcome")] {
      _ = press(&s, .char("f"))
      XCTAssertEqual(s.todayPane.queue.filter, filter)
      XCTAssertEqual(Set(kinds(s)), [id])
      XCTAssertEqual(s.todayPane.queue.counts[filter], all.filter { $0.kindID == id }.count)
      XCTAssertEqual(s.todayPane.reach.index, 0)
    }
    _ = press(&s, .char("f"), .char("f"))
    XCTAssertEqual(s.todayPane.queue.filter, .all)
  }

  /// g on the first birthday: one birthday contact, dated today, for that customer; the cursor
  /// moves to the next entry; u takes the contact back.
  func testGreetedAppendsOneContactAndMovesOn() {
    var s = Demo.state()
    _ = press(&s, .char("f"), .char("f"))
    let first = s.currentReach!.customer!
    let before = s.dataset.contacts
    let effects = press(&s, .char("g"))
    XCTAssertEqual(s.dataset.contacts.count, before.count + 1)
    XCTAssertEqual(
      s.dataset.contacts.last,
      Contact(customer: s.dataset.customers[first].id, date: Demo.today, kind: .birthday))
    XCTAssertEqual(effects, [.save(s.dataset)])
    XCTAssertEqual(s.todayPane.reach.index, 1)
    XCTAssertTrue(Demo.lines(s).contains { $0.contains("✓" + s.dataset.customers[first].name) })
    _ = press(&s, .char("u"))
    XCTAssertEqual(s.dataset.contacts, before)
  }

  /// w on a new friend: welcomed_on is filled, the entry leaves the list and the cursor is on
  /// the entry that came after it.
  func testWelcomedLeavesTheListAndTheNextEntryIsUnderTheCursor() {
    var s = Demo.state()
    _ = press(&s, .char("f"), .char("f"), .char("f"))
    let first = s.currentReach!.customer!
    let next = s.analysis.reachOut[s.todayPane.queue.entries[1]]
    XCTAssertNil(s.dataset.customers[first].welcomedOn)
    _ = press(&s, .char("w"))
    XCTAssertEqual(s.dataset.customers[first].welcomedOn, Demo.today)
    XCTAssertEqual(s.dataset.contacts.last?.kind, .welcome)
    XCTAssertEqual(s.currentReach, next)
  }

  /// A welcome contact never overwrites a welcomed_on that is already there.
  /// A customer welcomed before keeps the date, and no second welcome is logged: it would
  /// count twice in the welcome rate.
  func testWelcomeKeepsAnExistingWelcomedOn() {
    var s = Demo.state()
    _ = press(&s, .char("2"))
    let i = s.currentCustomer!
    let old = s.dataset.customers[i].welcomedOn
    let contacts = s.dataset.contacts.count
    XCTAssertNotNil(old)
    XCTAssertEqual(press(&s, .char("w")), [])
    XCTAssertEqual(s.dataset.customers[i].welcomedOn, old)
    XCTAssertEqual(s.dataset.contacts.count, contacts)
  }

  /// y makes the message from the store's template when it has one, shows it with the WeChat
  /// id, and asks for it to be copied; any key after closes it.
  func testPrepareCopiesTheFilledMessage() {
    var s = Demo.state()
    var ds = s.dataset
    ds.shop.messages[.winBack] = "{name}：{days} 天没来。{offer}等你。"
    s.setData(ds, problems: [], today: Demo.today)
    _ = press(&s, .char("f"))
    let c = s.currentReach!.customer!
    let customer = s.dataset.customers[c]
    let r = s.analysis.figures[c].recency!
    let effects = press(&s, .char("y"))
    let expected = "\(customer.name)：\(r) 天没来。工作日下午茶时段 到店8折等你。"
    XCTAssertEqual(effects, [.copy(expected)])
    XCTAssertEqual(s.todayPane.queue.prepared?.wechat, customer.wechat)
    XCTAssertTrue(Demo.lines(s).contains { $0.contains(customer.wechat) })
    XCTAssertEqual(s.dataset.contacts, ds.contacts, "preparing is not sending")
    _ = press(&s, .char("j"))
    XCTAssertNil(s.todayPane.queue.prepared)
  }

  func testFollowedUpAndAnEntryWithoutACustomer() {
    var s = Demo.state()
    XCTAssertNil(s.currentReach?.customer, "the demo's first complaint names nobody")
    let before = s.dataset.contacts
    XCTAssertEqual(press(&s, .char("x")), [])
    XCTAssertEqual(press(&s, .char("y")), [])
    XCTAssertEqual(s.dataset.contacts, before)
    while s.currentReach?.customer == nil { _ = press(&s, .char("j")) }
    guard case .complaint(let k) = s.currentReach!.reason else { return XCTFail("a complaint") }
    _ = press(&s, .char("x"))
    XCTAssertEqual(s.dataset.contacts.last?.kind, .complaint)
    XCTAssertEqual(s.dataset.contacts.last?.note, s.dataset.complaints[k].date.description)
  }

  func testHelpShowsTheQueueKeys() {
    var s = Demo.state("en")
    _ = press(&s, .char("?"))
    let screen = Demo.lines(s).joined(separator: "\n")
    for k in ["birthday greeted", "prepare this customer's message", "complaint followed up"] {
      XCTAssertTrue(screen.contains(k), k)
    }
  }
}

extension ReachQueueTests {
  func testMessagesCommandShowsAndSetsTemplates() {
    var s = Demo.state("en")
    _ = press(&s, .char(":"))
    for c in "messages" { _ = press(&s, .char(c)) }
    _ = press(&s, .enter)
    var screen = Demo.lines(s).joined(separator: "\n")
    XCTAssertTrue(screen.contains("Message templates"), screen)
    XCTAssertTrue(screen.contains("win-back · built in"), screen)
    _ = press(&s, .char(":"))
    for c in "message win_back Hi {name}, come back!" { _ = press(&s, .char(c)) }
    let effects = press(&s, .enter)
    XCTAssertEqual(s.dataset.shop.messages, [.winBack: "Hi {name}, come back!"])
    XCTAssertEqual(effects, [.save(s.dataset)])
    screen = Demo.lines(s).joined(separator: "\n")
    XCTAssertTrue(screen.contains("win-back · the store's messages.toml"), screen)
    _ = press(&s, .char("u"))
    XCTAssertEqual(s.dataset.shop.messages, [:])
  }
}
