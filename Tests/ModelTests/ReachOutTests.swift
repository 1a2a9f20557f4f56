import XCTest

@testable import LiuliangModel

/// The reach-out list is made in one parallel pass with look-up tables: it must give what the
/// plain definitions give.
final class ReachOutTests: XCTestCase {
  /// Every birthday of a leap and a common year, from dates all around February and the year's
  /// end, against `daysToBirthday`'s day-by-day walk.
  func testBirthdayWindowIsTheDayByDayWalk() {
    let births =
      (0..<366 * 2).map { Day("2000-01-01")!.adding($0) } + [Day("1999-02-28")!, Day("1996-02-29")!]
    let starts =
      (0..<70).map { Day("2027-02-01")!.adding($0) } + (0..<70).map { Day("2028-02-01")!.adding($0) }
      + (0..<20).map { Day("2099-12-20")!.adding($0) } + [Day("2100-02-22")!, Day("2100-02-27")!]
    for t in starts {
      for within in [7, 0, 1, 30, -1] {
        let window = BirthdayWindow(from: t, within: within)
        for b in births {
          XCTAssertEqual(
            window.days(to: b), ReachOut.daysToBirthday(b, from: t, within: within),
            "\(b) from \(t) within \(within)")
        }
      }
    }
  }

  func testComplaintsFindTheFirstCustomerWithTheirID() {
    var f = Fixture()
    f.customer("A")
    let b = f.customer("B")
    f.customer("B")  // a duplicate id: the first one is meant, as in `customerIndex()`
    f.ds.complaints = [
      Complaint(customer: "B", date: f.t.adding(-9)),
      Complaint(customer: "nobody", date: f.t.adding(-8)),
      Complaint(customer: "", date: f.t.adding(-7)),
      Complaint(customer: "A", date: f.t.adding(-6), resolved: true),
      Complaint(customer: "A", date: f.t.adding(2)),
    ]
    let r = f.analysis().reachOut
    XCTAssertEqual(r.map(\.customer), [b, nil, nil])
    XCTAssertEqual(r.map(\.reason), [.complaint(0), .complaint(1), .complaint(2)])
  }

  /// Ties in M are listed in customer order, across the chunks of the parallel pass.
  func testAtRiskTiesKeepCustomerOrderAcrossChunks() {
    var f = Fixture()
    var expected: [Int] = []
    for k in 0..<40_000 {
      let spendsMore = k % 3 == 0
      let i = f.customer("C\(k)", visits: [k % 7 == 0 ? 100 : 500], yuan: spendsMore ? 20 : 10)
      if k % 7 == 0 && spendsMore { expected.append(i) }
    }
    for k in 0..<40_000 where k % 7 == 0 && k % 3 != 0 { expected.append(k) }
    let r = f.analysis().reachOut.filter { $0.kindID == "at_risk" }
    XCTAssertEqual(r.map(\.customer), expected)
  }

  func testSegmentOrdinalIsThePlaceInAllCases() {
    for (k, s) in Segment.allCases.enumerated() { XCTAssertEqual(s.ordinal, k, "\(s)") }
  }
}
