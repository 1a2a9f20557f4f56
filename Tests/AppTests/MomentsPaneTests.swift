import LiuliangApp
import LiuliangModel
import LiuliangRender
import XCTest

/// Scheduling Moments posts by keyboard, each action with its undo and redo.
final class MomentsPaneTests: XCTestCase {
  /// The week of 2026-11-16 with two posts: Monday 07:30 and Monday 11:30; one idea.
  func small() -> AppState {
    var ds = Dataset()
    ds.shop = Shop(name: "店", slots: ["07:30", "11:30", "17:30"].compactMap { TimeOfDay($0) })
    let mon = Day("2026-11-16")!
    ds.posts = [
      Post(id: "M0001", date: mon, slot: TimeOfDay("07:30"), category: .sourcing, text: "早市", benefit: true),
      Post(id: "M0002", date: mon, slot: TimeOfDay("11:30"), category: .promotion, text: "八折", benefit: true),
      Post(id: "M0003", date: nil, slot: nil, category: .game, text: "点赞送菜", fun: true, status: .idea),
    ]
    var s = AppState(dataset: ds, problems: [], today: mon, folder: "~", text: Demo.state().text)
    s.pane = .moments
    return s
  }

  func cell(_ s: AppState, _ id: String) -> String {
    let p = s.dataset.posts.first { $0.id == id }!
    return "\(p.date.map { "\($0)" } ?? "-") \(p.slot.map { "\($0)" } ?? "-")"
  }

  func testCursorMovesOverDaysAndSlots() {
    var s = small()
    XCTAssertEqual(s.selectedPost.map { s.dataset.posts[$0].id }, "M0001")
    _ = press(&s, .char("j"))
    XCTAssertEqual(s.selectedPost.map { s.dataset.posts[$0].id }, "M0002")
    _ = press(&s, .char("j"), .char("j"))
    XCTAssertEqual(s.momentsPane.slotRow, 2, "stops at the last slot")
    _ = press(&s, .char("l"))
    XCTAssertEqual(s.selectedDay, Day("2026-11-17"))
    XCTAssertNil(s.selectedPost)
  }

  func testMoveDownIntoAnEmptySlotThenUndoAndRedo() {
    var s = small()
    _ = press(&s, .char("j"))  // M0002 at 11:30
    let before = s.dataset
    let effects = press(&s, .char("J"))
    XCTAssertEqual(cell(s, "M0002"), "2026-11-16 17:30")
    XCTAssertEqual(effects, [.save(s.dataset)])
    XCTAssertEqual(s.momentsPane.slotRow, 2, "the cursor follows the post")
    let after = s.dataset
    XCTAssertEqual(press(&s, .char("u")), [.save(before)])
    XCTAssertEqual(cell(s, "M0002"), "2026-11-16 11:30")
    XCTAssertEqual(press(&s, .ctrl("r")), [.save(after)])
  }

  func testMoveOntoAnotherPostSwapsThem() {
    var s = small()
    _ = press(&s, .char("J"))  // M0001 from 07:30 down onto M0002 at 11:30
    XCTAssertEqual(cell(s, "M0001"), "2026-11-16 11:30")
    XCTAssertEqual(cell(s, "M0002"), "2026-11-16 07:30")
  }

  func testMoveAcrossDaysAndWeeks() {
    var s = small()
    _ = press(&s, .char("H"))  // Monday → the Sunday before: the shown week follows
    XCTAssertEqual(cell(s, "M0001"), "2026-11-15 07:30")
    XCTAssertEqual(s.shownWeek, Day("2026-11-09"))
    _ = press(&s, .char("L"), .char("L"))
    XCTAssertEqual(cell(s, "M0001"), "2026-11-17 07:30")
  }

  func testFromATemplateIntoTheSelectedSlot() {
    var s = small()
    _ = press(&s, .char("l"), .char("n"))
    guard case .picker(let p) = s.overlay else { return XCTFail("a template picker") }
    XCTAssertFalse(p.items.isEmpty)
    let first = p.items[0].value
    // The template opens in the form, to be filled in and saved.
    _ = press(&s, .enter)
    XCTAssertEqual(s.dataset.posts.count, 3)
    guard case .form(var f) = s.overlay else { return XCTFail("the post form") }
    let template = f.fields[1].text
    f.placeholders = []
    s.overlay = .form(f)
    _ = press(&s, .ctrl("s"))
    let new = s.dataset.posts.last!
    XCTAssertEqual(new.id, "M0004")
    XCTAssertEqual(new.date, Day("2026-11-17"))
    XCTAssertEqual(new.slot, TimeOfDay("07:30"))
    XCTAssertEqual(new.status, .planned)
    guard case .template(let category, _) = first else { return XCTFail("a template entry") }
    XCTAssertEqual(new.category, category)
    XCTAssertEqual(new.text, s.text.templates(category: new.category.rawValue)[0])
    XCTAssertEqual(new.text, template)
    _ = press(&s, .char("u"))
    XCTAssertEqual(s.dataset.posts.count, 3)
  }

  func testFillASlotFromTheIdeaList() {
    var s = small()
    _ = press(&s, .char("j"), .char("j"), .char("i"), .enter)
    XCTAssertEqual(cell(s, "M0003"), "2026-11-16 17:30")
    XCTAssertEqual(s.dataset.posts[2].status, .planned)
  }

  func testDuplicateGoesToTheNextFreeSlot() {
    var s = small()
    _ = press(&s, .char("y"))
    let copy = s.dataset.posts.last!
    XCTAssertEqual(copy.id, "M0004")
    XCTAssertEqual(copy.text, "早市")
    XCTAssertEqual(copy.slot, TimeOfDay("17:30"), "07:30 and 11:30 are taken")
  }

  func testDeleteAsksFirst() {
    var s = small()
    _ = press(&s, .char("d"))
    XCTAssertEqual(s.overlay, .confirm(.deletePost(id: "M0001")))
    _ = press(&s, .escape)
    XCTAssertEqual(s.dataset.posts.count, 3)
    _ = press(&s, .char("d"), .char("y"))
    XCTAssertEqual(s.dataset.posts.map(\.id), ["M0002", "M0003"])
    _ = press(&s, .char("u"))
    XCTAssertEqual(s.dataset.posts.map(\.id), ["M0001", "M0002", "M0003"])
  }

  func testWriteAPostWithSeveralLinesAndTheTests() {
    var s = small()
    _ = press(&s, .char("l"), .char("a"))
    guard case .form = s.overlay else { return XCTFail("a form") }
    // The category is chosen by its words; typing never appends to the one shown.
    for c in "顾客" { _ = press(&s, .char(c)) }
    _ = press(&s, .tab)
    for c in "谢谢王姐" { _ = press(&s, .char(c)) }
    _ = press(&s, .enter)  // a new line inside the text
    for c in "六年了" { _ = press(&s, .char(c)) }
    _ = press(&s, .tab, .tab, .tab)  // media, useful → meaningful
    _ = press(&s, .char(" "))  // a toggle: Space makes it ✓
    XCTAssertEqual(press(&s, .ctrl("s")).count, 1)
    let p = s.dataset.posts.last!
    XCTAssertEqual(p.text, "谢谢王姐\n六年了")
    XCTAssertEqual(p.category, .review)
    XCTAssertEqual(p.meaning, true)
    XCTAssertEqual(p.benefit, false)
    XCTAssertEqual(p.date, Day("2026-11-17"))
  }

  func testChecksFollowThePlanLive() {
    var s = small()
    // Monday has 2 posts, the other six days none.
    XCTAssertEqual(s.checks.emptyDays.count, 6)
    _ = press(&s, .char("l"), .char("a"), .tab)
    for c in "早市" { _ = press(&s, .char(c)) }
    _ = press(&s, .ctrl("s"))
    XCTAssertEqual(s.checks.emptyDays.count, 5)
    _ = press(&s, .char("u"))
    XCTAssertEqual(s.checks.emptyDays.count, 6)
  }

  func testMarkPostedAndUndo() {
    var s = small()
    _ = press(&s, .char("p"), .ctrl("s"))
    XCTAssertEqual(s.dataset.posts[0].status, .posted)
    // Taking it back is the owner's undo, which names the row it changes.
    XCTAssertEqual(press(&s, .char("u")).first, .editHistory([.post(id: "M0001")]))
    XCTAssertEqual(s.dataset.posts[0].status, .planned)
  }
}
