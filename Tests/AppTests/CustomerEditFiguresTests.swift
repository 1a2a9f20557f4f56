import LiuliangModel
import LiuliangRender
import XCTest

@testable import LiuliangApp

/// An edit of what no figure reads (a name) keeps every figure; one the figures read (a tier)
/// works them out again. Either way they are what loading the same data afresh gives.
final class CustomerEditFiguresTests: XCTestCase {
  func testANameEditKeepsTheFiguresAndATierEditWorksThemOutAgain() {
    var s = Demo.state("en")
    _ = update(&s, .key(.char("2")))
    let i = s.currentCustomer!
    let name = s.dataset.customers[i].name
    var before = ModelWork.count
    _ = update(&s, .key(.char("e")))
    for ch in "+1" { _ = update(&s, .key(.char(ch))) }
    _ = update(&s, .key(.ctrl("s")))
    XCTAssertEqual(s.dataset.customers[i].name, name + "+1")
    XCTAssertEqual(ModelWork.count, before, "a name edit worked out figures again")
    VisitLoggingTests.assertAsIfLoaded(s, "after a name edit")

    // The tier is the form's fourth field; ← picks the tier before it.
    before = ModelWork.count
    let tier = s.dataset.customers[i].tier
    _ = update(&s, .key(.char("e")))
    for key in [Key.down, .down, .down, .left] { _ = update(&s, .key(key)) }
    _ = update(&s, .key(.ctrl("s")))
    XCTAssertNotEqual(s.dataset.customers[i].tier, tier, "the tier did not change")
    XCTAssertGreaterThan(ModelWork.count, before, "a tier edit kept figures that read the tier")
    VisitLoggingTests.assertAsIfLoaded(s, "after a tier edit")
    _ = update(&s, .key(.char("u")))
    XCTAssertEqual(s.dataset.customers[i].tier, tier)
    VisitLoggingTests.assertAsIfLoaded(s, "after undoing the tier edit")
  }
}
