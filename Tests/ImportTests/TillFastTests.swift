import Foundation
import LiuliangImport
import LiuliangModel
import LiuliangStore
import XCTest

/// The byte-level import of a till's orders against the general one: on the same store and
/// file both must give the same counts, lines and log, byte for byte; and every file or store
/// the byte path is not sure of must go to the general path.
final class TillFastTests: XCTestCase {
  static let customers = """
    id,name,wechat,phone,tags,source,joined,tier,birthday,churned_on,churn_reason,notes,welcomed_on
    C0001,王芳,wangfang88,13800138000,,,2025-01-02,friend,,,,,
    C0002,李雷,,13900139000,常客,,2025-02-03,vip,1990-05-06,,,,
    C0003,李雷的哥哥,,13900139000,,,2025-03-04,friend,,,,,
    C0004,张伟,,1390013900,,,,,,,,,

    """
  static let log = """
    customer,date,time,amount,party,promotion,channel,order
    C0001,2025-10-01,12:00,100,2,,dine-in,
    ,2025-10-02,13:00,50.5,1,,takeaway,A-OLD-1

    """

  /// Line 2 a member, 3 an order already in the log, 4 an unmatched phone, 5 a blank line,
  /// 6 ten digits (no phone, no report), 7 the same order as line 2, 8 no phone at all,
  /// 9 the second customer with a phone (the first in the file wins), 10 a time column
  /// that overrides the date cell's.
  static let till =
    "\u{FEFF}订单号,下单时间,会员手机号,实收金额,就餐人数,订单类型,备注\r\n"
    + "A-1\t,2025-11-01 18:30:10,13800138000,1288,4,堂食,\r\n"
    + "A-OLD-1,2025-11-01 12:05:00,,56.5,1,外卖,x\r\n"
    + "A-2,2025-11-02 09:05:00,13700137000,88.80,03,,\r\n"
    + "\r\n"
    + "A-3,2025-11-02 19:00:00,1390013900,88,2,堂食,\r\n"
    + "A-1,2025-11-03 19:00:00,13800138000,10,2,堂食,\r\n"
    + "A-4,2025-11-03T20:15,,0,,堂食,\r\n"
    + "A-5,2025-11-04 11:00:00, 13900139000 ,7.5,1,外卖,\r\n"

  func folder(_ customers: String = customers, log: String = log) throws -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "liuliang-tillfast-\(UUID().uuidString)"
    ).path
    try Store.create(folder: folder, Dataset())
    try customers.write(toFile: folder + "/customers.csv", atomically: true, encoding: .utf8)
    try log.write(toFile: folder + "/visits.csv", atomically: true, encoding: .utf8)
    return folder
  }

  func copy(_ folder: String) throws -> String {
    let other = folder + "-general"
    try FileManager.default.copyItem(atPath: folder, toPath: other)
    return other
  }

  func general(_ bytes: [UInt8], _ folder: String) throws -> ImportResult {
    let s = try Store(folder: folder, mode: .readWrite)
    let (sheet, columns) = try ImportInput.read(bytes, kind: .visits)
    let r = Importer.plan(
      sheet, kind: .visits, columns: columns, into: s.dataset,
      options: ImportOptions(existingOrders: Set(try s.visitColumn("order"))))
    try s.appendVisits(r.newVisits, extra: r.newVisitExtras)
    return r
  }

  func fast(_ bytes: [UInt8], _ folder: String) throws -> ImportResult? {
    guard let f = try TillFast.read(bytes, encoding: nil) else {
      XCTFail("the file is not plain")
      return nil
    }
    guard let t = TillTarget.open(folder: folder, write: true) else {
      XCTFail("the store is not plain")
      return nil
    }
    let (r, rows) = f.plan(into: t)
    try t.append(rows)
    return r
  }

  func testTheBytePathGivesWhatTheGeneralPathGives() throws {
    let bytes = Array(Self.till.utf8)
    let a = try folder()
    let b = try copy(a)
    guard let f = try fast(bytes, a) else { return XCTFail("the plain till took the general path") }
    let g = try general(bytes, b)
    XCTAssertEqual(f.header, g.header)
    XCTAssertEqual(f.columns, g.columns)
    XCTAssertEqual(f.added, g.added)
    XCTAssertEqual(f.unmatched, g.unmatched)
    XCTAssertEqual(f.alreadyThere, g.alreadyThere)
    XCTAssertEqual(f.unchanged, g.unchanged)
    XCTAssertEqual([f.matched, f.walkIns], [g.matched, g.walkIns])
    XCTAssertEqual(g.rejects, [])
    XCTAssertEqual(
      try String(contentsOfFile: a + "/visits.csv", encoding: .utf8),
      try String(contentsOfFile: b + "/visits.csv", encoding: .utf8))

    // Worked out by hand from the file above.
    XCTAssertEqual(f.added.map(\.line), [2, 4, 6, 8, 9])
    XCTAssertEqual(f.added.map(\.id), ["C0001", "", "", "", "C0002"])
    XCTAssertEqual(f.unmatched, [Unmatched(line: 4, value: "13700137000")])
    XCTAssertEqual(f.alreadyThere, [3, 7])
    XCTAssertEqual([f.matched, f.walkIns], [2, 3])
    let log = try String(contentsOfFile: a + "/visits.csv", encoding: .utf8).split(separator: "\n")
    XCTAssertEqual(
      Array(log.suffix(5)),
      [
        "C0001,2025-11-01,18:30,1288,4,,dine-in,A-1",
        ",2025-11-02,09:05,88.80,3,,dine-in,A-2",
        ",2025-11-02,19:00,88,2,,dine-in,A-3",
        ",2025-11-03,20:15,0,1,,dine-in,A-4",
        "C0002,2025-11-04,11:00,7.50,1,,takeaway,A-5",
      ])
    // Imported again: every order is there, nothing is added.
    guard let again = try fast(bytes, a) else { return XCTFail("second import") }
    XCTAssertEqual(again.added, [])
    XCTAssertEqual(again.alreadyThere, [2, 3, 4, 6, 7, 8, 9])
  }

  /// With the order index kept beside the log: the same export twice, a visit logged by hand
  /// between, then an export that overlaps the first: each order is in the log once.
  func testImportsInARowAndAnOverlappingExportAddEachOrderOnce() throws {
    let bytes = Array(Self.till.utf8)
    let a = try folder()
    _ = try fast(bytes, a)
    for name in [".liuliang-orders", ".liuliang-phones"] {
      XCTAssertTrue(FileManager.default.fileExists(atPath: a + "/" + name), name)
    }
    guard let again = try fast(bytes, a) else { return XCTFail("second import") }
    XCTAssertEqual(again.added, [])
    do {
      let s = try Store(folder: a, mode: .readWrite)
      try s.appendVisit(Visit(customer: 0, date: Day("2025-11-05")!, time: TimeOfDay(minutes: 600)))
    }
    let overlap =
      "订单号,下单时间,会员手机号,实收金额\n" + "A-4,2025-11-03 20:15:00,,0\n" + "A-6,2025-11-06 12:00:00,13800138000,20\n"
      + "A-5,2025-11-04 11:00:00,13900139000,7.5\n" + "A-7,2025-11-06 13:00:00,,30\n"
    guard let third = try fast(Array(overlap.utf8), a) else { return XCTFail("the overlapping export") }
    XCTAssertEqual(third.added.map(\.line), [3, 5])
    XCTAssertEqual(third.alreadyThere, [2, 4])
    let log = try String(contentsOfFile: a + "/visits.csv", encoding: .utf8).split(separator: "\n")
    let orders = log.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).last ?? "" }
    XCTAssertEqual(
      orders.filter { !$0.isEmpty }, ["A-OLD-1", "A-1", "A-2", "A-3", "A-4", "A-5", "A-6", "A-7"])
    XCTAssertEqual(log.count, 1 + 2 + 5 + 1 + 2)
  }

  /// A log no import has added the `order` column to yet (a new store, a generated one): the
  /// byte path widens it as the general path does, header and every row, then appends.
  func testTheFirstImportWidensTheLogAsTheGeneralPathDoes() throws {
    let bytes = Array(Self.till.utf8)
    for narrow in [
      "customer,date,time,amount,party,promotion,channel\nC0001,2025-10-01,12:00,100,2,,dine-in\n"
        + ",2025-10-02,13:00,50.5,1,,takeaway\n",
      "customer,date,time,amount,party,promotion,channel\nC0001,2025-10-01,12:00,100,2,,dine-in",
      "customer,date,time,amount,party,promotion,channel\n",
    ] {
      let a = try folder(log: narrow)
      let b = try copy(a)
      guard let f = try fast(bytes, a) else { return XCTFail("a narrow log took the general path") }
      let g = try general(bytes, b)
      XCTAssertEqual(f.added, g.added, narrow)
      XCTAssertEqual(f.alreadyThere, g.alreadyThere, narrow)
      let log = try String(contentsOfFile: a + "/visits.csv", encoding: .utf8)
      XCTAssertEqual(log, try String(contentsOfFile: b + "/visits.csv", encoding: .utf8), narrow)
      XCTAssertTrue(log.hasPrefix("customer,date,time,amount,party,promotion,channel,order\n"), log)
      if narrow.contains("C0001") {
        XCTAssertTrue(log.contains("\nC0001,2025-10-01,12:00,100,2,,dine-in,\n"), log)
      }
    }
  }

  /// The largest amount a visit keeps and a four-digit party are plain: both paths write them.
  func testTheLimitsThemselvesTakeTheBytePath() throws {
    let bytes = Array(
      ("订单号,下单时间,会员手机号,实收金额,就餐人数\n" + "B-1,2025-11-05 12:00:00,13800138000,21474836.47,9999\n").utf8)
    let a = try folder()
    let b = try copy(a)
    guard let f = try fast(bytes, a) else { return XCTFail("the amount at its limit took the general path") }
    let g = try general(bytes, b)
    XCTAssertEqual(f.added, g.added)
    XCTAssertEqual(g.rejects, [])
    let log = try String(contentsOfFile: a + "/visits.csv", encoding: .utf8)
    XCTAssertEqual(log, try String(contentsOfFile: b + "/visits.csv", encoding: .utf8))
    XCTAssertTrue(log.hasSuffix("\nC0001,2025-11-05,12:00,21474836.47,9999,,dine-in,B-1\n"), log)
  }

  /// Files and stores the byte path is not sure of: each goes to the general path.
  func testWhatIsNotPlainGoesToTheGeneralPath() throws {
    let lines = Self.till.split(separator: "\r\n", omittingEmptySubsequences: false).map(String.init)
    let head = lines[0] + "\r\n"
    for row in [
      "\"A-9\",2025-11-01 18:30:10,13800138000,1,1,堂食,",  // a quote
      "A-9,2025/11/1 18:30,13800138000,1,1,堂食,",  // another date spelling
      "A-9,2025-11-01,13800138000,1,1,堂食,",  // no time: a reject
      ",2025-11-01 18:30:10,13800138000,1,1,堂食,",  // no order number
      "A-9,2025-11-01 18:30:10,+86 138 0013 8000,1,1,堂食,",  // a phone to normalize
      "A-9,2025-11-01 18:30:10,13800138000,¥1,1,堂食,",  // an amount to clean
      "A-9,2025-11-01 18:30:10,13800138000,1,3人,堂食,",  // a party with its word
      "A-9,2025-11-01 18:30:10,13800138000,1,1,飞船,",  // a channel nobody knows: a reject
      "A-9,2025-11-01 18:30:10,13800138000,1,1,堂食,,x",  // a cell past the header
      "A-9,2025-11-01 18:30:10,13800138000,21474836.48,1,堂食,",  // more than a visit keeps: a reject
    ] {
      XCTAssertNil(try TillFast.read(Array((head + row + "\r\n").utf8), encoding: nil), row)
    }
    XCTAssertNil(try TillFast.read(Array(("订单号,下单时间,会员手机号\r\nA,1\r1,2\r\n").utf8), encoding: nil))
    let bill = try [UInt8](
      Data(
        contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
          "bills/example-wechat-records.csv")))
    XCTAssertNil(try TillFast.read(bill, encoding: nil), "a WeChat Pay bill")

    // Stores: a quote, a duplicate id, a tier nobody knows, a date in another spelling.
    let plain = Self.customers.split(separator: "\n").map(String.init)
    for (customers, log) in [
      (Self.customers, Self.log + "\"C0001\",2025-10-03,12:00,1,1,,dine-in,\n"),
      (Self.customers + plain[1] + "\n", Self.log),
      (Self.customers.replacingOccurrences(of: ",vip,", with: ",gold,"), Self.log),
      (Self.customers.replacingOccurrences(of: "2025-01-02", with: "2025/1/2"), Self.log),
    ] {
      let f = try folder(customers, log: log)
      XCTAssertNil(TillTarget.open(folder: f, write: false), "\(customers)\n\(log)")
    }
    XCTAssertNotNil(TillTarget.open(folder: try folder(), write: false))
  }
}
