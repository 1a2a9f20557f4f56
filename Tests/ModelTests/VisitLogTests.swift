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

  /// Sixteen bytes, and every field holds each value up to its limits whatever the others hold:
  /// the limits are the first and last dates `YYYY-MM-DD` can write, 2^31 − 1 fen either
  /// side of zero, 0…16,383 people, 16,384 promotions (and the two marks below them).
  func testAVisitTakes16BytesAndKeepsEveryFieldAtItsLimits() {
    XCTAssertEqual(MemoryLayout<Visit>.stride, 16)
    XCTAssertEqual(Visit.firstDay, Day("0000-01-01"))
    XCTAssertEqual(Visit.lastDay, Day("9999-12-31"))
    XCTAssertEqual(Visit.maxAmount, Money(yuan: "21474836.47"))
    XCTAssertEqual(Visit.minAmount, Money(yuan: "-21474836.48"))
    let days = [
      Day("0000-01-01")!, Day("0000-01-02")!, Day("1970-01-01")!, Day("2026-02-28")!, Day("9999-12-31")!,
    ]
    let times = [0, 1, 719, 1439, 1440].map { TimeOfDay(minutes: $0) }
    let amounts = [0, 1, -1, 5850, 2_147_483_647, -2_147_483_648].map { Money(fen: Int64($0)) }
    let parties: [Int16] = [0, 1, 9999, 16_382, 16_383]
    let promotions: [Int32] = [Visit.unknownPromotion, Visit.noPromotion, 0, 1, 16_382, 16_383]
    let customers: [Int32] = [Visit.unknownCustomer, Visit.walkIn, 0, Int32.max]
    func same(
      _ v: Visit, _ d: Day, _ t: TimeOfDay, _ a: Money, _ p: Int16, _ x: Int32, _ c: Channel, _ w: Int32
    ) {
      XCTAssertEqual(
        [
          v.date.description, v.time.description, v.amount.description, "\(v.party)", "\(v.promotion)",
          v.channel.rawValue, "\(v.customer)",
        ],
        [d.description, t.description, a.description, "\(p)", "\(x)", c.rawValue, "\(w)"])
    }
    // Each field through its values, the others at either end of theirs.
    for (k, ends) in [(0, 0), (1, 1), (0, 1)].enumerated() {
      let d = k == 1 ? days.last! : days.first!
      let t = times[ends.0 == 0 ? 0 : 3]
      let a = amounts[ends.1 == 0 ? 5 : 4]
      let p = parties[ends.0 == 0 ? 0 : 4]
      let x = promotions[ends.1 == 0 ? 0 : 5]
      let c = Channel.allCases[k]
      let w = customers[k]
      let base = Visit(customer: w, date: d, time: t, amount: a, party: p, promotion: x, channel: c)
      same(base, d, t, a, p, x, c, w)
      for day in days {
        var v = base
        v.date = day
        same(v, day, t, a, p, x, c, w)
      }
      for time in times {
        var v = base
        v.time = time
        same(v, d, time, a, p, x, c, w)
      }
      for amount in amounts {
        var v = base
        v.amount = amount
        same(v, d, t, amount, p, x, c, w)
      }
      for party in parties {
        var v = base
        v.party = party
        same(v, d, t, a, party, x, c, w)
      }
      for promotion in promotions {
        var v = base
        v.promotion = promotion
        same(v, d, t, a, p, promotion, c, w)
        XCTAssertEqual(v.hasPromotion, promotion != Visit.noPromotion)
      }
      for channel in Channel.allCases {
        var v = base
        v.channel = channel
        same(v, d, t, a, p, x, channel, w)
      }
    }
    XCTAssertTrue(Visit.holds(party: 16_383))
    XCTAssertFalse(Visit.holds(party: 16_384))
    XCTAssertFalse(Visit.holds(party: -1))
    XCTAssertTrue(Visit.holds(promotion: 16_383))
    XCTAssertFalse(Visit.holds(promotion: 16_384))
    XCTAssertTrue(Visit.holds(amount: Money(fen: 2_147_483_647)))
    XCTAssertFalse(Visit.holds(amount: Money(fen: 2_147_483_648)))
    XCTAssertFalse(Visit.holds(amount: Money(fen: -2_147_483_649)))
    XCTAssertTrue(Visit.holds(date: Day("9999-12-31")!))
    XCTAssertFalse(Visit.holds(date: Day("9999-12-31")!.adding(1)))
    XCTAssertFalse(Visit.holds(date: Day("0000-01-01")!.adding(-1)))
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
