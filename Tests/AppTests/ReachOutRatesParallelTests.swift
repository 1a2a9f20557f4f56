import LiuliangGenerator
import XCTest

@testable import LiuliangModel

/// The reach-out rates, worked out with each customer's contacts in one flat list and the pool
/// split between workers, against the definition (PRODUCT.md "The reach-out loop") applied
/// contact by contact on a generated store.
final class ReachOutRatesParallelTests: XCTestCase {
  func testRatesEqualTheDefinitionInAnySplit() {
    let t = Day("2026-11-16")!
    var o = GeneratorOptions(customers: 1500, historyDays: 400, walkInsPerDay: 2, seed: 7, today: t)
    o.realLog = true
    let ds = Generator.make(o)
    let log = ds.contactLog
    XCTAssertGreaterThan(log.count, 1000)

    // The definition, one contact at a time.
    var first: [String: Int] = [:]
    for (i, c) in ds.customers.enumerated() where first[c.id] == nil { first[c.id] = i }
    var dates = [[Day]](repeating: [], count: ds.customers.count)
    for v in ds.visits where v.customer >= 0 { dates[Int(v.customer)].append(v.date) }
    func visited(_ i: Int, _ a: Day, _ b: Day) -> Bool { dates[i].contains { $0 >= a && $0 <= b } }
    var expected: [ContactKind: ContactOutcome] = [:]
    var contactedThen = Set<Int>()
    for c in log {
      guard let i = first[c.customer] else { continue }
      if c.date >= t.adding(-60) && c.date <= t.adding(-30) { contactedThen.insert(i) }
      guard let days = c.kind.followUpDays, c.date >= t.adding(-364), c.date <= t.adding(-30) else {
        continue
      }
      let ok = visited(i, c.date.adding(1), c.date.adding(days))
      expected[c.kind, default: ContactOutcome()].add(ContactOutcome(count: 1, followed: ok ? 1 : 0))
    }
    let then = Analysis(ds, today: t.adding(-30), shopWide: false)
    var uncontacted = ContactOutcome()
    for i in ds.customers.indices where then.segments[i] == .atRisk && !contactedThen.contains(i) {
      uncontacted.add(ContactOutcome(count: 1, followed: visited(i, t.adding(-29), t) ? 1 : 0))
    }
    // Each kind must have been seen both followed and not, or the comparison proves little.
    for kind in [ContactKind.winBack, .welcome, .birthday] {
      let e = expected[kind] ?? ContactOutcome()
      XCTAssertTrue(e.followed > 0 && e.followed < e.count, "\(kind): \(e)")
    }
    XCTAssertTrue(uncontacted.followed > 0 && uncontacted.followed < uncontacted.count, "\(uncontacted)")

    let r = ReachOutRates(ds, today: t)
    XCTAssertEqual(r.winBack, expected[.winBack])
    XCTAssertEqual(r.welcome, expected[.welcome])
    XCTAssertEqual(r.birthday, expected[.birthday])
    XCTAssertEqual(r.uncontacted, uncontacted)

    let index = VisitIndex(ds)
    let found = ReachOutRates.customers(of: log, in: ds.customers, parts: 1)
    XCTAssertEqual(found, log.map { Int32(first[$0.customer] ?? -1) })
    for parts in [2, 3, 7] {
      XCTAssertEqual(
        ReachOutRates.customers(of: log, in: ds.customers, parts: parts), found, "\(parts) parts")
      let split = ReachOutRates.outcomes(
        r.followUps, ds.customers.count, today: t, index: index, ds.visits, parts: parts)
      XCTAssertEqual(split, [r.winBack, r.welcome, r.birthday, r.uncontacted], "\(parts) parts")
    }
  }

  /// Who was at risk on a past date, from one walk that keeps no figures, is who the analysis as
  /// of that date puts in the segment: on stores with members, churned customers and super users,
  /// at dates where the cuts and the median gaps differ.
  func testAtRiskThenIsTheAnalysisSegment() {
    let t = Day("2026-11-16")!
    for seed: UInt64 in [3, 11] {
      var o = GeneratorOptions(customers: 1200, historyDays: 300, walkInsPerDay: 2, seed: seed, today: t)
      o.realLog = true
      let ds = Generator.make(o)
      let index = VisitIndex(ds)
      for back in [0, 30, 45, 120] {
        let d = t.adding(-back)
        let a = Analysis(ds, today: d, index: index, shopWide: false)
        let expected = a.segments.map { $0 == .atRisk }
        XCTAssertGreaterThan(a.segmentCounts[.atRisk] ?? 0, 10, "seed \(seed), T−\(back)")
        XCTAssertGreaterThan(a.segmentCounts[.superUser] ?? 0, 10, "seed \(seed), T−\(back)")
        XCTAssertGreaterThan(a.segmentCounts[.churned] ?? 0, 0, "seed \(seed), T−\(back)")
        XCTAssertEqual(ReachOutRates.atRisk(ds, on: d, index: index), expected, "seed \(seed), T−\(back)")
      }
    }
  }

  /// The analysis finds the customers of recent win-backs and of complaints in one walk over the
  /// pool: what it keeps equals looking each list's ids up on its own, with complaints that name
  /// nobody, an unknown id, and an id two customers share.
  func testOneWalkFindsTheWinBacksAndComplaintsCustomers() {
    let t = Day("2026-11-16")!
    var ds = Generator.make(
      GeneratorOptions(customers: 800, historyDays: 200, walkInsPerDay: 2, seed: 9, today: t))
    ds.customers.append(Customer(id: ds.customers[5].id, name: "twin"))
    let twin = ds.customers[5].id
    for (k, who) in ["", "nobody", twin, ds.customers[7].id].enumerated() {
      ds.complaints.append(
        Complaint(customer: who, date: t.adding(-k), reason: .unknown, text: "x", resolved: false))
      ds.contacts.append(Contact(customer: who, date: t.adding(-k), kind: .winBack))
    }
    // Every third customer at risk was tried lately: off the reach-out list, still on the Churn list.
    let atRiskBefore = Analysis(ds, today: t).atRiskBySpend
    let tried = Set(atRiskBefore.enumerated().filter { $0.offset % 3 == 0 }.map(\.element))
    for i in tried {
      ds.contacts.append(Contact(customer: ds.customers[i].id, date: t.adding(-2), kind: .winBack))
    }
    let a = Analysis(ds, today: t)
    XCTAssertGreaterThan(atRiskBefore.count, 20)
    XCTAssertEqual(a.atRiskBySpend, atRiskBefore)
    let reached = a.reachOut.filter { $0.kindID == "at_risk" }.compactMap(\.customer)
    XCTAssertTrue(reached.count > 10 && tried.isDisjoint(with: reached), "\(reached)")
    // In the Churn list's order: by spend, highest first.
    XCTAssertEqual(reached, atRiskBefore.filter { Set(reached).contains($0) })
    let complaints = ReachOut.complaintCustomers(ds)
    XCTAssertEqual(a.complaintLog.customers, complaints)
    XCTAssertEqual(complaints.suffix(4), [nil, nil, 5, 7])
    let lately = ReachOut.recentWinBacks(ds, today: t)
    XCTAssertTrue(lately.isSuperset(of: tried.union([5, 7])))
    // The list made alone, its at-risk customers gathered and sorted by itself.
    let alone = ReachOut.list(ds, figures: a.figures, segments: a.segments, today: t, triedLately: lately) {
      i in
      a.why(i, ds.customers[i])
    }
    XCTAssertEqual(a.reachOut, alone)
    XCTAssertEqual(
      a.reachOut.filter { $0.kindID == "complaint" }.suffix(4).map(\.customer), [nil, nil, 5, 7])
  }
}
