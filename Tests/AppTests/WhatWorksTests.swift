import LiuliangModel
import XCTest

@testable import LiuliangApp

/// The Moments "what works" chart draws, sorts and labels one figure: likes and comments per post.
final class WhatWorksTests: XCTestCase {
  func testSortedByThePerPostFigureItShowsWithThePostCountBeside() {
    var ds = Dataset()
    ds.shop = Shop(name: "店")
    let t = Day("2026-11-16")!
    // A new dish: one post, 10 likes and 2 comments = 12 a post. Sourcing: four posts, 20 likes
    // and 4 comments in all = 6 a post, though its total (24) is the larger.
    ds.posts = [
      Post(
        id: "M1", date: t.adding(-3), slot: nil, category: .newDish, status: .posted, likes: 10, comments: 2)
    ]
    for k in 0..<4 {
      ds.posts.append(
        Post(
          id: "M\(k + 2)", date: t.adding(-k - 1), slot: nil, category: .sourcing, status: .posted, likes: 5,
          comments: 1))
    }
    var s = AppState(dataset: ds, problems: [], today: t, folder: "~/shop", text: Demo.state().text)
    s.pane = .moments
    let lines = Demo.lines(s)
    guard let title = lines.firstIndex(where: { $0.contains("什么内容有效") }) else {
      return XCTFail(lines.joined(separator: "\n"))
    }
    let first = lines[title + 1]
    let second = lines[title + 2]
    XCTAssertTrue(first.contains("新菜"), lines.joined(separator: "\n"))
    XCTAssertTrue(first.contains("♥10 💬2·1条"), first)
    XCTAssertTrue(second.contains("♥5 💬1·4条"), second)
    XCTAssertEqual(oneDecimal(11, 2), "5.5")
    XCTAssertEqual(oneDecimal(20, 4), "5")
    XCTAssertEqual(oneDecimal(125, 10), "13", "12.5 reads 13 from 10 up")
    // The longer bar is the new dish's: 12 a post against 6.
    func bar(_ l: String) -> Int { l.filter { "█▉▊▋▌▍▎▏".contains($0) }.count }
    XCTAssertGreaterThan(bar(first), bar(second))
  }
}
