import Foundation
import LiuliangApp
import LiuliangModel
import LiuliangRender
import LiuliangStore
import LiuliangText
import XCTest

/// The store's problems on the status line (the first as file:line, "1 problem" in the
/// singular) and all of them behind `:problems`.
final class ProblemLineTests: XCTestCase {
  func state(_ problems: [Problem]) -> AppState {
    AppState(
      dataset: Demo.store.dataset, problems: problems, today: Demo.today, folder: "~/shop",
      text: Text(language: "en"), width: 120, height: 40)
  }

  let first = Problem(file: "visits.csv", line: 12, kind: .unknownCustomer("C9999"))
  let second = Problem(file: "customers.csv", line: 3, kind: .missingValue(field: "name"))

  func statusLine(_ s: AppState) -> String { Demo.lines(s).last! }

  func testOneProblemIsSingularAndNamedByPlace() {
    let line = statusLine(state([first]))
    XCTAssertTrue(line.contains("1 problem: visits.csv:12"), line)
    XCTAssertFalse(line.contains("problems"), line)
  }

  func testSeveralProblemsNameTheFirst() {
    let line = statusLine(state([first, second]))
    XCTAssertTrue(line.contains("2 problems, first visits.csv:12"), line)
  }

  func testTheProblemsCommandListsThemAllAndEnterSaysWhatToFix() {
    var s = state([first, second])
    _ = update(&s, .key(.char(":")))
    for c in "problems" { _ = update(&s, .key(.char(c))) }
    _ = update(&s, .key(.enter))
    guard case .picker(let p) = s.overlay else { return XCTFail("a list of the problems") }
    XCTAssertEqual(p.items.count, 2)
    XCTAssertTrue(p.items[0].label.hasPrefix("visits.csv:12: "), p.items[0].label)
    XCTAssertTrue(p.items[1].label.hasPrefix("customers.csv:3: "), p.items[1].label)
    _ = update(&s, .key(.char("j")))
    _ = update(&s, .key(.enter))
    XCTAssertTrue(s.message?.contains("customers.csv:3") == true, s.message ?? "")
  }

  func testCountedUsesTheSingularOnlyForOne() {
    let en = Text(language: "en")
    XCTAssertEqual(en.counted("check.problems", 1, "shop"), "1 problem in shop.")
    XCTAssertEqual(en.counted("check.problems", 2, "shop"), "2 problems in shop.")
    XCTAssertEqual(en.counted("check.problems", 0, "shop"), "0 problems in shop.")
  }
}
