import LiuliangApp
import LiuliangModel
import LiuliangRender
import XCTest

/// What the owner did stays as they did it: saved past facts change only through an edit of
/// that row (asked first), keys act only on what is on screen, forms never drop typing unasked.
/// On the demo shop as of 2026-11-16; the numbers are issue 17's.
final class EditSafetyTests: XCTestCase {
  func promotion(_ s: AppState, _ id: String) -> Promotion { s.dataset.promotions.first { $0.id == id }! }
  func post(_ s: AppState, _ id: String) -> Post { s.dataset.posts.first { $0.id == id }! }

  // 1. x on 周末午后第二份半价 (P06, ended 2026-10-17) keeps its end.
  func testEndingAnEndedPromotionKeepsItsEnd() {
    var s = Demo.state()
    _ = press(&s, .char("4"), .char("G"))
    XCTAssertEqual(promotion(s, "P06").end, Day("2026-10-17"))
    XCTAssertEqual(s.promotionsPane.list.index, 5)
    XCTAssertEqual(press(&s, .char("x")), [])
    XCTAssertEqual(promotion(s, "P06").end, Day("2026-10-17"))
    XCTAssertTrue(s.messageIsError)
    XCTAssertTrue(s.message?.contains("2026-10-17") == true, s.message ?? "")
  }

  // 2. x on a promotion that began today: it ends today, its start stays, end ≥ start.
  func testEndingAPromotionThatBeganTodayNeverEndsBeforeItBegan() {
    var s = Demo.state()
    _ = press(&s, .char("4"), .char("a"))
    typed(&s, "今日特价")
    _ = press(&s, .ctrl("s"))
    let id = s.dataset.promotions.last!.id
    XCTAssertEqual(promotion(s, id).start, Demo.today)
    _ = press(&s, .char("G"), .char("x"))
    XCTAssertEqual(promotion(s, id).start, Demo.today, "the start is a fact: ending does not move it")
    XCTAssertEqual(promotion(s, id).end, Demo.today)
  }

  // 3. e, "to" before "from", Ctrl-S: refused, the window kept.
  func testAWindowEndingBeforeItStartsIsRefused() {
    var s = Demo.state()
    _ = press(&s, .char("4"), .char("e"))
    let window = promotion(s, "P01").window
    XCTAssertNotNil(window)
    for _ in 0..<5 { _ = press(&s, .tab) }
    _ = press(&s, .ctrl("u"))
    typed(&s, "13:00")
    XCTAssertEqual(press(&s, .ctrl("s")), [])
    guard case .form(let f) = s.overlay else { return XCTFail("the form stays open") }
    XCTAssertEqual(f.problem(5, promotions: []), "form.err.to_before_from")
    XCTAssertEqual(promotion(s, "P01").window, window)
    // Half a window is refused too: promotions.csv would not read back.
    _ = press(&s, .ctrl("u"))
    XCTAssertEqual(press(&s, .ctrl("s")), [])
    XCTAssertEqual(promotion(s, "P01").window, window)
  }

  // 4. At 40×12 only redraw and quit act: g w and a do nothing unseen.
  func testKeysDoNothingWhileTheTerminalIsTooSmall() {
    var s = Demo.state(width: 40, height: 12)
    let before = s.dataset
    for k: Key in [
      .char("2"), .char("g"), .char("w"), .char("a"), .char("e"), .char("u"), .char(":"), .enter,
    ] {
      XCTAssertEqual(press(&s, k), [], "\(k.label) acted while too small")
    }
    XCTAssertTrue(s.dataset == before)
    XCTAssertEqual(s.pane, .today)
    XCTAssertEqual(s.overlay, .none)
    XCTAssertEqual(press(&s, .ctrl("l")), [.redraw])
    XCTAssertEqual(press(&s, .char("q")), [.quit])
    // Back at full size, the same keys act again.
    _ = update(&s, .resize(width: 80, height: 24))
    _ = press(&s, .char("2"))
    XCTAssertEqual(s.pane, .customers)
  }

  // 6. H from Monday 07:30 onto Sunday's posted M0043: neither post moves.
  func testAMoveNeverShiftsAPostedPost() {
    var s = Demo.state()
    _ = press(&s, .char("3"))
    XCTAssertEqual(s.selectedPost.map { s.dataset.posts[$0].id }, "M0046")
    let posted = post(s, "M0043")
    XCTAssertEqual(posted.status, .posted)
    XCTAssertEqual(press(&s, .char("H")), [])
    XCTAssertEqual(post(s, "M0043"), posted)
    XCTAssertEqual(post(s, "M0046").date, Demo.today)
    XCTAssertTrue(s.message?.contains("M0043") == true, s.message ?? "")
    // The posted post itself does not move either.
    _ = press(&s, .char("h"), .char("L"))
    XCTAssertEqual(post(s, "M0043"), posted)
  }

  // 7. w on a customer welcomed months ago keeps the date.
  func testWelcomingAgainKeepsTheFirstWelcome() {
    var s = Demo.state()
    _ = press(&s, .char("2"))
    let i = s.currentCustomer!
    let was = s.dataset.customers[i].welcomedOn
    XCTAssertNotNil(was)
    XCTAssertNotEqual(was, Demo.today)
    XCTAssertEqual(press(&s, .char("w")), [])
    XCTAssertEqual(s.dataset.customers[i].welcomedOn, was)
  }

  // 8. Phones masked, e shows the mask; saving keeps the number, typing replaces it.
  func testAMaskedPhoneStaysMaskedInTheForm() {
    var s = Demo.state()
    _ = press(&s, .char("2"))
    let i = s.currentCustomer!
    let phone = s.dataset.customers[i].phone
    XCTAssertEqual(phone.count, 11)
    _ = press(&s, .char("m"), .char("e"))
    guard case .form(let f) = s.overlay else { return XCTFail("the edit form") }
    XCTAssertEqual(f.fields[2].input.text, AppState.mask(phone))
    var buf = Buffer(width: 80, height: 24)
    view(s, into: &buf)
    XCTAssertFalse(buf.lines().joined().contains(phone), "the full number is on screen")
    _ = press(&s, .ctrl("s"))
    XCTAssertEqual(s.dataset.customers[i].phone, phone)
    _ = press(&s, .char("e"), .tab, .tab)
    typed(&s, "13800001111")
    _ = press(&s, .ctrl("s"))
    XCTAssertEqual(s.dataset.customers[i].phone, "13800001111")
  }

  // 11. n from a template with blanks: refused until they are filled.
  func testATemplateIsNotSavedWithItsBlanks() {
    var s = Demo.state()
    _ = press(&s, .char("3"), .char("j"), .char("j"), .char("j"), .char("n"))
    guard case .picker(let p) = s.overlay else { return XCTFail("a template picker") }
    let k = p.items.firstIndex { item in
      guard case .template(let cat, let n) = item.value else { return false }
      return s.text.templates(category: cat.rawValue)[n].contains("【")
    }!
    for _ in 0..<k { _ = press(&s, .char("j")) }
    let count = s.dataset.posts.count
    _ = press(&s, .enter)
    XCTAssertEqual(s.dataset.posts.count, count, "picking a template saves nothing yet")
    XCTAssertEqual(press(&s, .ctrl("s")), [])
    XCTAssertEqual(s.dataset.posts.count, count)
    XCTAssertFalse(s.dataset.posts.contains { $0.text.contains("【") })
  }

  // 11. p on a post dated after today is refused.
  func testAFuturePostCannotBeMarkedPosted() {
    var s = Demo.state()
    _ = press(&s, .char("3"), .char("l"))
    XCTAssertEqual(s.selectedPost.map { s.dataset.posts[$0].id }, "M0049")
    XCTAssertEqual(press(&s, .char("p")), [])
    XCTAssertEqual(s.overlay, .none)
    XCTAssertEqual(post(s, "M0049").status, .planned)
  }

  // 11. p asks likes and comments.
  func testMarkingPostedAsksLikesAndComments() {
    var s = Demo.state()
    _ = press(&s, .char("3"), .char("p"))
    XCTAssertEqual(post(s, "M0046").status, .planned, "nothing saved before the answers")
    _ = press(&s, .ctrl("u"))
    typed(&s, "12")
    _ = press(&s, .tab, .ctrl("u"))
    typed(&s, "3")
    _ = press(&s, .ctrl("s"))
    XCTAssertEqual(post(s, "M0046").status, .posted)
    XCTAssertEqual(post(s, "M0046").likes, 12)
    XCTAssertEqual(post(s, "M0046").comments, 3)
    // Posted is history: p again does not take it back.
    XCTAssertEqual(press(&s, .char("p")), [])
    XCTAssertEqual(post(s, "M0046").status, .posted)
  }

  // 13. Esc on an edited form asks; No goes back to the typing.
  func testEscapeOnAnEditedFormAsksFirst() {
    var s = Demo.state()
    _ = press(&s, .char("2"), .char("a"))
    typed(&s, "王小二")
    _ = press(&s, .escape)
    guard case .confirm(.dropForm(let f, quit: false)) = s.overlay else { return XCTFail("a question") }
    _ = press(&s, .char("n"))
    XCTAssertEqual(s.overlay, .form(f))
    XCTAssertEqual(f.fields[0].text, "王小二")
    _ = press(&s, .escape, .char("y"))
    XCTAssertEqual(s.overlay, .none)
    // An untouched form closes at once.
    _ = press(&s, .char("a"), .escape)
    XCTAssertEqual(s.overlay, .none)
  }

  // 13. Ctrl-C in a form quits, asking first when something was typed.
  func testControlCInAFormQuits() {
    var s = Demo.state()
    _ = press(&s, .char("2"), .char("a"))
    XCTAssertEqual(press(&s, .ctrl("c")), [.quit])
    _ = press(&s, .char("a"))
    typed(&s, "王")
    XCTAssertEqual(press(&s, .ctrl("c")), [])
    guard case .confirm(.dropForm(_, quit: true)) = s.overlay else { return XCTFail("a question") }
    XCTAssertEqual(press(&s, .char("y")), [.quit])
  }

  /// Editing a posted post asks, through a value: nothing is saved before yes.
  func testEditingAPostedPostAsksFirst() {
    var s = Demo.state()
    _ = press(&s, .char("3"), .char("h"), .char("e"))
    _ = press(&s, .tab, .tab)
    typed(&s, "v")
    XCTAssertEqual(press(&s, .ctrl("s")), [])
    guard case .confirm(.edit(let p)) = s.overlay else { return XCTFail("a question") }
    XCTAssertEqual(p.rows, [.post(id: "M0043")])
    _ = press(&s, .char("n"))
    guard case .form = s.overlay else { return XCTFail("back to the form") }
    XCTAssertEqual(post(s, "M0043").media, "photo")
    _ = press(&s, .ctrl("s"))
    let effects = press(&s, .char("y"))
    XCTAssertEqual(effects.first, .editHistory([.post(id: "M0043")]))
    XCTAssertEqual(post(s, "M0043").media, "photov")
  }

  // 11. Nor can the edit form mark a future post posted.
  func testTheFormRefusesAFuturePostMarkedPosted() {
    var s = Demo.state()
    _ = press(&s, .char("3"), .char("l"), .char("e"))
    for _ in 0..<6 { _ = press(&s, .tab) }
    _ = press(&s, .ctrl("u"))
    typed(&s, "posted")
    XCTAssertEqual(press(&s, .ctrl("s")), [])
    XCTAssertEqual(post(s, "M0049").status, .planned)
  }

  /// A key that cannot act now says why in the help, from the same binding that refuses it.
  func testHelpMarksKeysThatCannotActNow() {
    var s = Demo.state("en")
    s.readOnly = "another liuliang has the store"
    _ = press(&s, .char("2"), .char("?"))
    let screen = Demo.lines(s).joined(separator: "\n")
    XCTAssertTrue(screen.contains("✗ another liuliang"), screen)
    _ = press(&s, .escape)
    XCTAssertEqual(press(&s, .char("a")), [])
    XCTAssertEqual(s.overlay, .none)
    XCTAssertEqual(s.message, "another liuliang has the store")
  }
}
