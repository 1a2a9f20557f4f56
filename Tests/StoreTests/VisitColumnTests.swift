import Foundation
import LiuliangModel
import XCTest

@testable import LiuliangStore

/// A log's own column given visit by visit: rows not read and blank lines have no visit, a
/// visit of an unknown customer does.
final class VisitColumnTests: XCTestCase {
  func testTheOrderColumnLinesUpWithTheVisitsRead() throws {
    let folder = try temporaryFolder("visitcolumn")
    try Data("id,name\nC1,张伟\nC2,李娜\n".utf8).write(to: URL(fileURLWithPath: folder + "/customers.csv"))
    try Data(
      ("customer,date,time,amount,party,promotion,channel,order\n"
        + "C1,2026-11-01,12:00,58,2,,dine-in,A1\n"
        + "C2,2026-13-01,12:00,58,2,,dine-in,BAD\n"
        + "\n"
        + "C9,2026-11-02,12:00,30,1,,dine-in,A3\n"
        + "C2,2026-11-03,12:00,30,1,,dine-in,\n"
        + "C1,2026-11-04,12:00,\"1,0\",1,,dine-in,A5\n"
        + ",2026-11-05,\"12:00\",30,1,,dine-in,\"A,6\"\n").utf8
    ).write(to: URL(fileURLWithPath: folder + "/visits.csv"))
    let s = try Store(folder: folder, mode: .readOnly)
    // Read by hand: line 3's month and line 7's amount are no values; line 4 is blank; C9 is
    // no customer but its visit counts.
    XCTAssertEqual(s.dataset.visits.count, 4)
    XCTAssertEqual(try s.visitColumnByVisit("order"), ["A1", "A3", "", "A,6"])
    XCTAssertNil(try s.visitColumnByVisit("till"))
  }
}
