import LiuliangApp
import LiuliangModel
import LiuliangRender
import LiuliangReport
import LiuliangText
import XCTest

/// Views only read: every figure a pane draws is computed by the model when the data or the date
/// changes. `ModelWork` counts each walk over the records; drawing any pane, with any overlay,
/// again and again, must leave it where it was.
final class ViewsComputeNothingTests: XCTestCase {
  /// Keys that move and toggle in each pane and open its overlays, each drawn three times.
  static let walk: [(Pane, [Key])] = [
    (.today, [.char("j"), .char("j"), .char("f"), .char("f"), .char("?"), .escape, .char("k")]),
    (
      .customers,
      [
        .char("j"), .pageDown, .enter, .char("j"), .escape, .char("f"), .escape, .char("s"), .escape,
        .char("v"), .escape, .char("e"), .escape, .char("/"), .escape,
      ]
    ),
    (
      .moments,
      [.char("l"), .char("j"), .char("]"), .char("["), .char("t"), .char("a"), .escape, .char("n"), .escape]
    ),
    (.promotions, [.char("j"), .char("w"), .char("l"), .char("j"), .char("w"), .char("a"), .escape]),
    (.churn, [.char("j"), .char("w"), .char("j"), .char("w"), .char("a"), .escape, .char("?"), .escape]),
  ]

  func testDrawingEveryPaneComputesNothing() {
    for (width, height) in [(80, 24), (120, 40)] {
      var s = Demo.state("en", width: width, height: height)
      for (pane, keys) in Self.walk {
        _ = update(&s, .key(.char(Character(String(pane.rawValue)))))
        for key in [Key.ctrl("l")] + keys {
          _ = update(&s, .key(key))
          // A form left open by a key that is refused here would swallow the next keys.
          let before = ModelWork.count
          for _ in 0..<3 { _ = Demo.lines(s) }
          XCTAssertEqual(
            ModelWork.count, before,
            "drawing \(pane) after \(key.label) at \(width)×\(height) computed a figure")
        }
        while s.overlay != .none { _ = update(&s, .key(.escape)) }
      }
    }
  }

  /// The counter the test above holds still does count: a new date computes every figure again.
  func testTheCounterCountsComputations() {
    let s = Demo.state("en")
    let before = ModelWork.count
    _ = Analysis(s.dataset, today: s.today.adding(1))
    XCTAssertGreaterThan(ModelWork.count, before)
  }

  /// The pane's "what works" and `report content` read the same model figures, worked out here
  /// from the definition: posted posts dated in the 56 days up to T, by category.
  func testContentPerformanceIsTheDefinitions() throws {
    let s = Demo.state("en")
    let t = s.today
    for cat in PostCategory.allCases {
      let ps = s.dataset.posts.filter {
        $0.category == cat && $0.status == .posted && $0.date != nil && t - $0.date! >= 0
          && t - $0.date! <= 55
      }
      let got = try XCTUnwrap(s.analysis.contentPerformance.first { $0.category == cat })
      XCTAssertEqual(got.posts, ps.count, "\(cat)")
      XCTAssertEqual(got.likes, ps.map(\.likes).reduce(0, +), "\(cat)")
      XCTAssertEqual(got.comments, ps.map(\.comments).reduce(0, +), "\(cat)")
    }
    XCTAssertGreaterThan(s.analysis.contentPerformance.map(\.posts).reduce(0, +), 0)
  }

  /// One customer filter: the pane's `f` and the `customers` command keep the same customers.
  func testThePaneAndTheCommandFilterAlike() {
    var s = Demo.state("en")
    let w = Wording(Text(language: "en"))
    for seg in Segment.allCases {
      s.customersPane.list.filters = [.segment: seg.rawValue]
      s.refreshList()
      let report = CustomersReport(s.dataset, s.analysis, wording: w, segment: seg)
      XCTAssertEqual(s.customersPane.list.order, report.selection, "\(seg)")
      XCTAssertEqual(
        report.selection.count, s.dataset.customers.indices.filter { s.analysis.segment($0) == seg }.count)
    }
    let tag = s.dataset.customers.first { !$0.tags.isEmpty }!.tags[0]
    s.customersPane.list.filters = [.tier: "vip", .tag: tag]
    s.refreshList()
    let both = CustomersReport(s.dataset, s.analysis, wording: w, tier: .vip, tag: tag).selection
    XCTAssertEqual(s.customersPane.list.order, both)
    XCTAssertEqual(
      both,
      s.dataset.customers.indices.filter {
        s.dataset.customers[$0].tier == .vip && s.dataset.customers[$0].tags.contains(tag)
      })
    XCTAssertFalse(both.isEmpty)
  }
}
