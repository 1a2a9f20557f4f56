import Foundation
import LiuliangModel
import XCTest

@testable import LiuliangStore

/// A visit keeps its amount in an Int32 of fen, its party in 14 bits and its promotion in 15:
/// the log's reader takes every value up to each limit and reports the first past it as the
/// row's problem, keeping the row, however the row is spelled (the byte path or the general
/// one) and wherever the bytes come from (a folder, a chain's COPY).
final class VisitLimitTests: XCTestCase {
  var folder = ""

  override func setUpWithError() throws {
    folder = try temporaryFolder("limits")
  }

  /// 16,385 promotions: the 16,384th is the last a visit can name.
  static let promotions =
    "id,name,kind\n" + (1...16_385).map { "P\($0),p\($0),offpeak\n" }.joined()

  static let header = "customer,date,time,amount,party,promotion,channel\n"

  /// Each limit and one past it; the values past a limit are worked out from the limits
  /// themselves: 2^31 − 1 fen is 21474836.47 yuan, 2^14 − 1 people is 16383.
  static let rows = [
    "C1,2026-11-01,12:00,21474836.47,16383,P16384,takeaway",  // 2: every limit
    "C1,2026-11-01,12:00,21474836.48,1,,",  // 3: a fen past
    "C1,2026-11-01,12:00,1,16384,,",  // 4: one person past
    ",0000-01-01,00:00,0,0,,",  // 5: the first date a file can write
    ",9999-12-31,23:59,0.01,1,,",  // 6: the last
    "C1,2026-11-01,12:00,\"21474836.48\",1,,",  // 7: quoted: the general path
    "C1,2026-11-01,12:00,\"21474836.47\",\"16383\",\"P16384\",\"takeaway\"",  // 8: quoted, at the limits
    ",2026-11-01,12:00,1,1,P16385,",  // 9: the 16,385th promotion
    "C1,2026-11-01,12:00,99999999999999.99,1,,",  // 10: far past
  ]

  func log() -> String { Self.header + Self.rows.map { $0 + "\n" }.joined() }

  /// Rows 2, 5, 6 and 8 are visits (and `logged` more after them); the rest are problems.
  func check(_ s: Store, _ label: String, logged: Int = 0) {
    let v = s.dataset.visits
    XCTAssertEqual(v.count, 4 + logged, label)
    guard v.count == 4 + logged else { return }
    XCTAssertEqual(v[0].amount, Money(fen: 2_147_483_647), label)
    XCTAssertEqual(v[0].party, 16_383, label)
    XCTAssertEqual(v[0].promotion, 16_383, label)
    XCTAssertEqual(v[0].channel, .takeaway, label)
    XCTAssertEqual(v[0].customer, 0, label)
    XCTAssertEqual(v[1].date, Day(year: 0, month: 1, day: 1), label)
    XCTAssertEqual(v[1].party, 0, label)
    XCTAssertEqual(v[2].date, Day(year: 9999, month: 12, day: 31), label)
    XCTAssertEqual(v[2].time, TimeOfDay(minutes: 23 * 60 + 59), label)
    XCTAssertEqual(v[2].amount, Money(fen: 1), label)
    XCTAssertEqual(v[3], v[0], label)
    XCTAssertEqual(v[1].promotion, Visit.noPromotion, label)
    XCTAssertEqual(v[1].customer, Visit.walkIn, label)
    XCTAssertEqual(
      s.problems,
      [
        Problem(
          file: "visits.csv", line: 3,
          kind: .visitLimit(field: "amount", value: "21474836.48", limit: "21474836.47")),
        Problem(
          file: "visits.csv", line: 4, kind: .visitLimit(field: "party", value: "16384", limit: "16383")),
        Problem(
          file: "visits.csv", line: 7,
          kind: .visitLimit(field: "amount", value: "21474836.48", limit: "21474836.47")),
        Problem(file: "visits.csv", line: 9, kind: .promotionLimit(id: "P16385", number: 16_385)),
        Problem(
          file: "visits.csv", line: 10,
          kind: .visitLimit(field: "amount", value: "99999999999999.99", limit: "21474836.47")),
      ], label)
  }

  func testTheLogTakesEachLimitAndReportsOnePast() throws {
    try String("id,name\nC1,a\n").write(toFile: folder + "/customers.csv", atomically: true, encoding: .utf8)
    try Self.promotions.write(toFile: folder + "/promotions.csv", atomically: true, encoding: .utf8)
    try log().write(toFile: folder + "/visits.csv", atomically: true, encoding: .utf8)
    let s = try Store(folder: folder, mode: .readWrite)
    check(s, "folder")

    // Kept verbatim: a visit logged after them leaves every row before it as it was.
    try s.appendVisit(Visit(customer: 0, date: Day("2026-11-02")!, time: TimeOfDay(minutes: 600)))
    let after = try String(contentsOfFile: folder + "/visits.csv", encoding: .utf8)
    XCTAssertTrue(after.hasPrefix(log()), after)
    XCTAssertEqual(after.dropFirst(log().count), "C1,2026-11-02,10:00,0,1,,dine-in\n")
    check(try Store(folder: folder, mode: .readOnly), "reopened", logged: 1)
  }

  /// A chain's load gives the store its tables' bytes: the same rows, the same problems.
  func testTheSameBytesFromAChainGiveTheSameProblems() throws {
    let s = try Store(
      bytes: [
        "customers.csv": Array("id,name\nC1,a\n".utf8), "promotions.csv": Array(Self.promotions.utf8),
      ], name: "chain", visits: { Array(self.log().utf8) })
    check(s, "chain")
  }

  /// The fields the store writes for a visit at every limit read back as that visit.
  func testAVisitAtEveryLimitIsWrittenAndReadBack() throws {
    var ds = Dataset(customers: [Customer(id: "C1", name: "a")])
    ds.promotions = (1...16_384).map { Promotion(id: "P\($0)", name: "p", kind: .offpeak) }
    let top = Visit(
      customer: 0, date: Visit.lastDay, time: TimeOfDay(minutes: 1439), amount: Visit.maxAmount,
      party: Int16(Visit.maxParty), promotion: Int32(Visit.promotionLimit - 1), channel: .momentsOrder)
    let bottom = Visit(
      customer: Visit.walkIn, date: Visit.firstDay, time: TimeOfDay(minutes: 0), party: 0, channel: .dineIn)
    XCTAssertEqual(
      StoreRows.fields(top, in: ds),
      ["C1", "9999-12-31", "23:59", "21474836.47", "16383", "P16384", "moments-order"])
    XCTAssertEqual(StoreRows.fields(bottom, in: ds), ["", "0000-01-01", "00:00", "0", "0", "", "dine-in"])
    let ids = Dictionary(uniqueKeysWithValues: ds.promotions.enumerated().map { ($1.id, Int32($0)) })
    for v in [top, bottom] {
      XCTAssertEqual(
        try StoreRows.visit(StoreRows.fields(v, in: ds), customers: ["C1": 0], promotions: ids), v)
    }
    XCTAssertThrowsError(
      try StoreRows.visit(
        ["C1", "2026-11-01", "12:00", "21474836.48", "1", "", ""], customers: ["C1": 0], promotions: ids)
    ) {
      XCTAssertEqual(
        $0 as? ProblemKind, .visitLimit(field: "amount", value: "21474836.48", limit: "21474836.47"))
    }
  }
}
