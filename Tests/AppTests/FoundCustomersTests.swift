import Foundation
import LiuliangGenerator
import LiuliangStore
import XCTest

@testable import LiuliangModel

/// The contacts' and complaints' customers the store found while loading give the figures what
/// finding them again gives, and serve only the arrays they were found in.
final class FoundCustomersTests: XCTestCase {
  func testFiguresFromTheStoresFindsEqualThoseFoundAgain() throws {
    let t = Day("2026-11-16")!
    var o = GeneratorOptions(customers: 1500, historyDays: 400, walkInsPerDay: 2, seed: 7, today: t)
    o.realLog = true
    var ds = Generator.make(o)
    // A complaint of nobody's, one of an id customers.csv lacks, and a win-back tried lately.
    ds.complaints += [
      Complaint(customer: "", date: t.adding(-3)), Complaint(customer: "nobody", date: t.adding(-2)),
    ]
    ds.contacts.append(Contact(customer: ds.customers[5].id, date: t.adding(-2), kind: .winBack))
    let folder = NSTemporaryDirectory() + "liuliang-found-\(UUID().uuidString)"
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    try Store.create(folder: folder, ds, durable: false)
    let loaded = try Store(folder: folder, mode: .readOnly).dataset
    XCTAssertNotNil(loaded.foundCustomers.ofContacts(in: loaded))
    XCTAssertNotNil(loaded.foundCustomers.ofComplaints(in: loaded))
    XCTAssertNotNil(ReachOut.foundFirst(loaded, today: t))

    var again = loaded
    again.contacts = loaded.contacts.map { $0 }
    again.complaints = loaded.complaints.map { $0 }
    XCTAssertNil(again.foundCustomers.ofContacts(in: again), "other storage: found again")
    XCTAssertNil(ReachOut.foundFirst(again, today: t))

    let a = Analysis(loaded, today: t)
    let b = Analysis(again, today: t)
    XCTAssertEqual(a.rates, b.rates)
    XCTAssertEqual(a.reachOut, b.reachOut)
    XCTAssertEqual(a.complaintLog.customers, b.complaintLog.customers)
    XCTAssertEqual(a.triedLately, b.triedLately)
    // Enough of each for the comparison to say something.
    XCTAssertTrue(a.triedLately.contains(5))
    XCTAssertEqual(a.complaintLog.customers.suffix(2), [nil, nil])
    XCTAssertGreaterThan(a.complaintLog.customers.compactMap { $0 }.count, 5)
    XCTAssertGreaterThan(a.rates.winBack.count, 10)
  }

  /// A missed id that is not ASCII may be an equal String spelled in other bytes, which the
  /// walk over the pool finds: then the finds are not used. An ASCII miss is a miss.
  func testANonASCIIMissIsLeftToTheWalk() {
    let t = Day("2026-11-16")!
    var ds = Dataset()
    ds.customers = ChunkedArray([Customer(id: "caf\u{E9}", name: "a"), Customer(id: "C2", name: "b")])
    ds.complaints = [Complaint(customer: "nobody", date: t.adding(-1))]
    ds.foundCustomers = FoundCustomers(
      of: ds.customers, contacts: ds.contacts, [], complaints: ds.complaints, [-1])
    XCTAssertEqual(ReachOut.foundFirst(ds, today: t), [:])

    // "café" with its accent as a combining mark: other bytes, an equal String.
    ds.complaints = [Complaint(customer: "cafe\u{301}", date: t.adding(-1))]
    ds.foundCustomers = FoundCustomers(
      of: ds.customers, contacts: ds.contacts, [], complaints: ds.complaints, [-1])
    XCTAssertNil(ReachOut.foundFirst(ds, today: t))
    XCTAssertEqual(ReachOut.firstIndexes(of: ["cafe\u{301}"], in: ds.customers), ["cafe\u{301}": 0])
    XCTAssertEqual(Analysis(ds, today: t).complaintLog.customers, [0])
  }
}
