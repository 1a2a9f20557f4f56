import XCTest

@testable import LiuliangModel

/// The log's copies behave as independent arrays, while appends share one buffer.
final class VisitLogTests: XCTestCase {
  func visit(_ n: Int) -> Visit {
    Visit(customer: Int32(n), date: Day("2026-11-01")!.adding(n), time: TimeOfDay(minutes: 600 + n))
  }

  func testCopiesSeeOnlyTheirOwnVisits() {
    var a: VisitLog = [visit(0), visit(1)]
    let before = a
    a.append(visit(2))
    XCTAssertEqual(Array(before), [visit(0), visit(1)])
    XCTAssertEqual(Array(a), [visit(0), visit(1), visit(2)])
    XCTAssertTrue(a.buffer === before.buffer, "appending past every copy's end copies nothing")
    XCTAssertNotEqual(a, before)
  }

  func testTheSameAppendTwiceSharesTheBuffer() {
    // The dashboard appends first, then the store appends the same visit to its own copy.
    let loaded: VisitLog = [visit(0)]
    var screen = loaded
    var store = loaded
    screen.append(visit(1))
    store.append(visit(1))
    XCTAssertTrue(screen.buffer === store.buffer)
    XCTAssertEqual(screen, store)
    XCTAssertEqual(store.count, 2)
  }

  func testADifferentAppendCopiesAndLeavesTheOtherCopyAlone() {
    let loaded: VisitLog = [visit(0)]
    var screen = loaded
    var other = loaded
    screen.append(visit(1))
    other.append(visit(7))
    XCTAssertFalse(screen.buffer === other.buffer)
    XCTAssertEqual(Array(screen), [visit(0), visit(1)])
    XCTAssertEqual(Array(other), [visit(0), visit(7)])
  }

  func testUndoThenAnotherVisit() {
    var log: VisitLog = [visit(0)]
    log.append(visit(1))
    let withOne = log
    XCTAssertEqual(log.removeLast(), visit(1))
    XCTAssertEqual(Array(log), [visit(0)])
    log.append(visit(2))
    XCTAssertEqual(Array(log), [visit(0), visit(2)])
    XCTAssertEqual(Array(withOne), [visit(0), visit(1)], "a copy taken before the undo keeps its visit")
    log.removeLast(2)
    XCTAssertTrue(log.isEmpty)
  }

  func testEditInPlaceCopiesFirst() {
    var a: VisitLog = [visit(0), visit(1)]
    let b = a
    a[0].party = 4
    XCTAssertEqual(a[0].party, 4)
    XCTAssertEqual(b[0].party, 1)
    a.withUnsafeBufferPointer { XCTAssertEqual($0.count, 2) }
  }

  func testAVisitTakes24BytesAndKeepsEveryTimeAndChannel() {
    XCTAssertEqual(MemoryLayout<Visit>.stride, 24)
    for ch in Channel.allCases {
      for m in [0, 1, 719, 1439, 1440] {
        var v = Visit(
          customer: 3, date: Day("2026-02-28")!, time: TimeOfDay(minutes: m), party: 9999, channel: ch)
        XCTAssertEqual(v.time.minutes, Int16(m))
        XCTAssertEqual(v.channel, ch)
        v.channel = .takeaway
        XCTAssertEqual(v.time.minutes, Int16(m), "changing the channel keeps the time")
        v.time = TimeOfDay(minutes: 600)
        XCTAssertEqual(v.channel, .takeaway, "changing the time keeps the channel")
        XCTAssertEqual(v.party, 9999)
      }
    }
  }

  func testIndexesOfOneCustomerInLogOrder() {
    let log = VisitLog(
      (0..<11).map { k in
        Visit(customer: Int32(k % 3), date: Day("2026-01-01")!.adding(k), time: TimeOfDay(minutes: 60))
      })
    XCTAssertEqual(log.indexes(of: 1), [1, 4, 7, 10])
    XCTAssertEqual(log.indexes(of: 5), [])
    XCTAssertEqual(VisitLog().indexes(of: 0), [])
  }
}
