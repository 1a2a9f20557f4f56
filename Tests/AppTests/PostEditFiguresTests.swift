import LiuliangApp
import LiuliangModel
import XCTest

/// A post moved, and the move undone, work out only what reads posts.csv (the post calendar,
/// content performance and the content checks), and give the figures a full recompute gives.
final class PostEditFiguresTests: XCTestCase {
  func testMovingAPostWorksOutOnlyThePostFigures() {
    var s = Demo.state("en")
    _ = update(&s, .key(.char("3")))
    let posts = s.dataset.posts
    let segments = s.analysis.segments
    var work: Int?
    // The first slot of the week that holds a post: L moves it a day later.
    for _ in 0..<40 where work == nil {
      let before = ModelWork.count
      _ = update(&s, .key(.char("L")))
      if s.dataset.posts != posts {
        work = ModelWork.count - before
      } else {
        _ = update(&s, .key(.char("j")))
      }
    }
    // The calendar, the performance by category and the checks: one walk each.
    XCTAssertEqual(work, 3, "a post's move worked out more than the three post figures")
    assertFiguresAsIfWorkedOutAgain(s)
    XCTAssertEqual(s.analysis.segments, segments)
    _ = update(&s, .key(.char("u")))
    XCTAssertEqual(s.dataset.posts, posts)
    assertFiguresAsIfWorkedOutAgain(s)
  }

  func assertFiguresAsIfWorkedOutAgain(_ s: AppState, line: UInt = #line) {
    let full = Analysis(s.dataset, today: s.today)
    XCTAssertEqual(s.analysis.postCalendar, full.postCalendar, line: line)
    XCTAssertEqual(s.analysis.contentPerformance, full.contentPerformance, line: line)
    XCTAssertEqual(s.checks, ContentChecks(s.dataset, today: s.today), line: line)
    XCTAssertEqual(s.analysis.segments, full.segments, line: line)
    XCTAssertEqual(s.analysis.reachOut.count, full.reachOut.count, line: line)
  }

  /// A post moved onto another trades places with it, and the message says where each went
  /// (the second used to be given the first one's new day).
  func testASwapSaysWhereEachPostWent() throws {
    var s = Demo.state("en")
    _ = update(&s, .key(.char("3")))
    for _ in 0..<40 {
      let before = s.dataset.posts
      _ = update(&s, .key(.char("L")))
      if let m = s.message, m.hasPrefix("Swapped") {
        let moved = zip(before, s.dataset.posts).filter { $0 != $1 }.map(\.1)
        XCTAssertEqual(moved.count, 2)
        for p in moved {
          let place = try "\(XCTUnwrap(p.date)) \(XCTUnwrap(p.slot))"
          XCTAssertTrue(m.contains("\(p.id) to \(place)"), "\(m) should say \(p.id) went to \(place)")
        }
        return
      }
      _ = update(&s, .key(.char("j")))
    }
    XCTFail("no post of the demo's week swapped with another")
  }
}
