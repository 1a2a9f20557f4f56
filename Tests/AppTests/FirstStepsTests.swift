import LiuliangModel
import XCTest

@testable import LiuliangApp

/// A new store says in each pane what to do first, in either language, whole (wrapped, not cut).
final class FirstStepsTests: XCTestCase {
  func testEveryPaneOfAnEmptyStoreSaysWhatToDoFirst() {
    // Words from the start and the end of each pane's text: all of it is on screen.
    let must: [String: [Pane: [String]]] = [
      "zh-Hans": [
        .today: ["客户池还是空的", ":import", ":setup", "发布时段。"], .customers: ["还没有客户", "也行）。"],
        .moments: ["还没有朋友圈计划", "选一条。"], .promotions: ["还没有营业时间", ":setup", "[hours]", "热力图"],
        .churn: ["也就没有流失", "导入名单。"],
      ],
      "en": [
        .today: ["pool is empty", ":import", ":setup", "posting slots."],
        .customers: ["No customers yet", "export too)."],
        .moments: ["No Moments plan", "idea list."],
        .promotions: ["No opening hours", ":setup", "[hours]", "has cells."],
        .churn: ["no churn yet", "a list."],
      ],
    ]
    for (lang, panes) in must {
      var ds = Dataset()
      ds.shop = Shop(name: "")
      var s = AppState(
        dataset: ds, problems: [], today: Day("2026-11-16")!, folder: "~/shop", text: Demo.state(lang).text,
        width: 120, height: 40)
      for (pane, words) in panes {
        s.pane = pane
        let screen = Demo.lines(s).joined(separator: "\n")
        for m in words { XCTAssertTrue(screen.contains(m), "\(lang) \(pane) says \(m):\n\(screen)") }
      }
    }
  }
}
