import LiuliangGenerator
import LiuliangModel
import LiuliangRender
import XCTest

@testable import LiuliangApp

/// An edit of what no figure reads (a name) keeps every figure, a tag counts into the tag
/// audiences, and one the segments read (a tier) works them all out again. Either way they are what loading the same data afresh gives.
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

    // The tags are the fifth field: a tag added is counted into the tag audiences alone.
    before = ModelWork.count
    let tags = s.dataset.customers[i].tags
    _ = update(&s, .key(.char("e")))
    for key in [Key.down, .down, .down, .down, .char(" "), .char("x")] { _ = update(&s, .key(key)) }
    _ = update(&s, .key(.ctrl("s")))
    XCTAssertEqual(s.dataset.customers[i].tags, tags + ["x"])
    XCTAssertEqual(ModelWork.count, before, "a tag edit worked out every figure again")
    VisitLoggingTests.assertAsIfLoaded(s, "after a tag edit")

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

/// Random edits of one customer's tags or birthday counted into the analysis, each compared with
/// a full one; any other edit is refused and worked out again.
final class CustomerEditCountingTests: XCTestCase {
  func testRandomTagAndBirthdayEditsGiveTheFullFigures() {
    var rng = SeededRandom(seed: 7)
    let t = VisitCountingTests.today
    var ds = VisitCountingTests.store(seed: 7)
    ds.promotions.append(Promotion(id: "tagged", name: "tagged", kind: .offpeak, audience: .tag("学生")))
    var (a, trends) = VisitCountingTests.full(ds, t)
    var counted = 0
    for step in 0..<80 {
      let i = rng.upTo(ds.customers.count)
      let was = ds.customers[i]
      switch rng.upTo(4) {
      case 0: ds.customers[i].tags = rng.upTo(2) == 0 ? ["学生"] : was.tags.filter { $0 != "学生" }
      case 1: ds.customers[i].birthday = t.adding(rng.upTo(12) - 2 - 365 * 30)
      case 2: ds.customers[i].birthday = nil
      default: ds.customers[i].tier = was.tier == .member ? .friend : .member
      }
      if a.countEdit(of: i, was: was, in: ds) {
        counted += 1
      } else {
        (a, trends) = VisitCountingTests.full(ds, t)
      }
      VisitCountingTests.assertSame(a, trends, ds, t, "step \(step): customer \(i) from \(was)")
    }
    XCTAssertGreaterThan(counted, 40)
  }
}
