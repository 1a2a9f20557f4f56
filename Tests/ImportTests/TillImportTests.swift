import Foundation
import LiuliangImport
import LiuliangModel
import LiuliangStore
import LiuliangTestSupport
import XCTest

/// Visits from a till's order export and from the owner's WeChat Pay and Alipay bills
/// (PRODUCT.md "Visits from the till"). Every expected visit below is read off the input by
/// hand: date, time, amount, party, channel and whose it is.
final class TillImportTests: XCTestCase {
  static let bills = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
    "bills")

  func store() throws -> (String, Store) {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "liuliang-till-\(UUID().uuidString)"
    ).path
    try Store.create(
      folder: folder,
      Dataset(customers: [
        Customer(id: "C0001", name: "王芳", wechat: "wangfang88", phone: "13800138000"),
        Customer(id: "C0002", name: "用户A"),
      ]))
    return (folder, try Store(folder: folder, mode: .readWrite))
  }

  /// Plans and writes as `liuliang import --kind visits` does.
  @discardableResult
  func importVisits(
    _ bytes: [UInt8], into s: Store, overrides: [(column: String, field: String)] = [],
    addCustomers: Bool = false
  ) throws -> ImportResult {
    let (sheet, columns) = try ImportInput.read(bytes, kind: .visits, overrides: overrides)
    let r = Importer.plan(
      sheet, kind: .visits, columns: columns, into: s.dataset,
      options: ImportOptions(addCustomers: addCustomers, existingOrders: Set(try s.visitColumn("order"))))
    if !r.newCustomers.isEmpty { try s.save(r.dataset) }
    try s.appendVisits(r.newVisits, extra: r.newVisitExtras)
    return r
  }

  func log(_ folder: String) throws -> [String] {
    try String(contentsOfFile: folder + "/visits.csv", encoding: .utf8).split(separator: "\n").map(
      String.init)
  }

  /// A till's order export: padded headers, order numbers ending in a tab (so Excel keeps
  /// their digits), the member's phone, ¥ amounts with a thousands comma, 订单类型 words.
  let pos = """
    订单号 , 下单时间 ,会员手机号,实收金额,就餐人数,支付方式,订单类型
    "20251101001\t",2025-11-01 18:30:10,13800138000,"¥1,288.00",4,微信,堂食
    "20251101002\t",2025/11/1 12:05,+86 139 0013 9000,¥56.50,1,支付宝,外卖
    "20251101003\t",2025-11-01 19:00:00,,88,2,现金,自提
    "20251101003\t",2025-11-01 19:00:00,,88,2,现金,自提
    20251101004,45962.75,138****8000,100,2,,团购

    """

  func testATillsOrdersFindTheirCustomersByPhoneAndArriveOnce() throws {
    let (folder, s) = try store()
    let r = try importVisits(Array(pos.utf8), into: s)
    XCTAssertEqual(r.rejects, [])
    XCTAssertEqual(r.matched, 1)
    XCTAssertEqual(r.walkIns, 3)
    // The +86 phone is a real number that nobody has; the masked one is no number at all.
    XCTAssertEqual(r.unmatched, [Unmatched(line: 3, value: "13900139000")])
    XCTAssertEqual(r.alreadyThere, [5])
    // Serial 45962 is 2025-11-01 (45658 is 2025-01-01, and 1 November is 304 days later);
    // its fraction .75 is 18:00.
    XCTAssertEqual(
      try log(folder),
      [
        "customer,date,time,amount,party,promotion,channel,order",
        "C0001,2025-11-01,18:30,1288,4,,dine-in,20251101001",
        ",2025-11-01,12:05,56.50,1,,takeaway,20251101002",
        ",2025-11-01,19:00,88,2,,takeaway,20251101003",
        ",2025-11-01,18:00,100,2,,group-buy,20251101004",
      ])
    // The same export again, and a later one that overlaps it: each order once.
    let again = try importVisits(Array(pos.utf8), into: s)
    XCTAssertEqual(again.newVisits.count, 0)
    XCTAssertEqual(again.alreadyThere, [2, 3, 4, 5, 6])
    let later = """
      订单号,下单时间,会员手机号,实收金额,就餐人数,订单类型
      20251101004,2025-11-01 18:00,,100,2,团购
      20251102001,2025-11-02 12:00,13800138000,66,2,堂食

      """
    let more = try importVisits(Array(later.utf8), into: s)
    XCTAssertEqual(more.alreadyThere, [2])
    XCTAssertEqual(try log(folder).last, "C0001,2025-11-02,12:00,66,2,,dine-in,20251102001")
    XCTAssertEqual(try log(folder).count, 6)
  }

  /// A matched customer's figures move exactly as if the visit had been logged by hand.
  func testAnImportedVisitIsTheVisitLoggedByHand() throws {
    let (_, imported) = try store()
    try importVisits(Array(pos.utf8), into: imported)
    let (_, byHand) = try store()
    let hand = Visit(
      customer: 0, date: Day("2025-11-01")!, time: TimeOfDay(minutes: 18 * 60 + 30),
      amount: Money(fen: 128_800),
      party: 4, channel: .dineIn)
    try byHand.appendVisit(hand)
    let today = Day("2025-11-05")!
    let a = Analysis(imported.dataset, today: today)
    let b = Analysis(byHand.dataset, today: today)
    XCTAssertEqual(Array(imported.dataset.visits).first { $0.customer == 0 }, hand)
    XCTAssertEqual(a.figures[0], b.figures[0])
  }

  func testUnmatchedPhonesBecomeCustomersWhenAsked() throws {
    let (folder, s) = try store()
    let r = try importVisits(Array(pos.utf8), into: s, addCustomers: true)
    XCTAssertEqual(r.unmatched, [])
    XCTAssertEqual(r.newCustomers.map(\.id), ["C0003"])
    XCTAssertEqual(s.dataset.customers[2].phone, "13900139000")
    XCTAssertEqual(s.dataset.customers[2].joined, Day("2025-11-01"))
    XCTAssertEqual(try log(folder)[2], "C0003,2025-11-01,12:05,56.50,1,,takeaway,20251101002")
  }

  /// The same orders in GB18030 (Excel on Chinese Windows) and as an xlsx add nothing new.
  func testTheSameOrdersAsGB18030AndXLSXAreAlreadyThere() throws {
    let (_, s) = try store()
    try importVisits(Array(pos.utf8), into: s)
    let gb = try iconv(Array(pos.utf8), to: "GB18030")
    XCTAssertNil(String(validating: gb, as: UTF8.self), "the test input must really be GB18030")
    XCTAssertEqual(try importVisits(gb, into: s).alreadyThere.count, 5)
    let xlsx = try workbook([
      ["订单号", "下单时间", "会员手机号", "实收金额", "就餐人数", "订单类型"],
      ["20251101001", "45962.770949074074", "13800138000", "1288", "4", "堂食"],
      ["20251101009", "45962.5", "", "20", "1", "外卖"],
    ])
    let r = try importVisits(xlsx, into: s)
    XCTAssertEqual(r.alreadyThere, [2])
    XCTAssertEqual(r.newVisits.map(\.time.description), ["12:00"])
  }

  /// An amount or party past what a visit keeps (2^31 − 1 fen, 2^14 − 1 people) is a rejected
  /// row with its column and the limit; each limit itself is imported.
  func testValuesPastWhatAVisitKeepsAreRejectedWithTheirColumn() throws {
    let (folder, s) = try store()
    let csv = """
      订单号,下单时间,会员手机号,实收金额,就餐人数
      A1,2025-11-01 18:30:10,13800138000,21474836.47,16383
      A2,2025-11-01 18:31:10,13800138000,21474836.48,1
      A3,2025-11-01 18:32:10,,1,16384
      A4,2025-11-01 18:33:10,,"¥21,474,836.48",2人

      """
    let r = try importVisits(Array(csv.utf8), into: s)
    XCTAssertEqual(r.added.map(\.line), [2])
    XCTAssertEqual(r.rejects.map(\.line), [3, 4, 5])
    XCTAssertEqual(
      r.rejects.map(\.reason),
      [
        .visitLimit(column: "实收金额", value: "21474836.48", limit: "21474836.47"),
        .visitLimit(column: "就餐人数", value: "16384", limit: "16383"),
        .visitLimit(column: "实收金额", value: "21474836.48", limit: "21474836.47"),
      ])
    XCTAssertEqual(try log(folder).last, "C0001,2025-11-01,18:30,21474836.47,16383,,dine-in,A1")
  }

  /// A date cell holding a number no day can be (infinite, not a number) is a rejected row,
  /// not a trap that ends the program.
  func testADateThatIsNoNumberOfDaysIsRejected() throws {
    let (sheet, columns) = try ImportInput.read(
      Array("name,joined\nA,1e400\nB,nan\nC,45658\n".utf8), kind: .customers)
    let r = Importer.plan(sheet, kind: .customers, columns: columns, into: Dataset())
    XCTAssertEqual(r.rejects.map(\.line), [2, 3])
    XCTAssertEqual(r.dataset.customers.map(\.joined), [Day("2025-01-01")])
  }

  func testAFileWithoutADateColumnSaysWhatItFound() throws {
    XCTAssertThrowsError(try ImportInput.read(Array("名称,价格\n红烧肉,38\n".utf8), kind: .visits)) {
      XCTAssertEqual($0 as? ImportError, .noDateColumn(found: ["名称", "价格"]))
    }
  }

  // MARK: The real bills

  func bill(_ name: String) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: Self.bills.appendingPathComponent(name)))
  }

  /// Of the WeChat Pay sample's 27 rows, 5 are incoming (收入): one red packet (微信红包)
  /// and four payments; the other 22 are 支出 or `/`. The payment from 用户A finds that
  /// customer by name; the order 3985734 is shared by the red packet, which is no visit.
  func testTheWeChatPayBill() throws {
    let (folder, s) = try store()
    let r = try importVisits(try bill("example-wechat-records.csv"), into: s)
    XCTAssertEqual(r.bill, .wechatPay)
    XCTAssertEqual(r.rejects, [])
    XCTAssertEqual(r.gifts.count, 1)
    XCTAssertEqual(r.refunds.count, 0)
    XCTAssertEqual(r.skipped, 22)
    XCTAssertEqual(r.matched, 1)
    XCTAssertEqual(r.walkIns, 3)
    XCTAssertEqual(
      Array(try log(folder).dropFirst()),
      [
        "C0002,2020-11-27,19:29,23,1,,dine-in,3985734",
        ",2021-07-18,10:48,0.07,1,,dine-in,160572459521071810106004542906137497131422937",
        ",2022-07-18,10:48,0.07,1,,dine-in,160572459521071810106004542906137497131422938",
        ",2023-06-23,11:01,5,1,,dine-in,180000737623062310106004541373333333333333333",
      ])
    // The same bill as xlsx: the same orders, so nothing new.
    let x = try importVisits(try bill("example-wechat-records.xlsx"), into: s)
    XCTAssertEqual(x.bill, .wechatPay)
    XCTAssertEqual(x.newVisits.count, 0)
    XCTAssertEqual(x.alreadyThere.count, 4)
  }

  /// The Alipay sample (GB18030, padded cells, a trailing comma): of its 10 rows one is
  /// 收入 and 交易成功 (2023-01-18 10:17:29, 222228.50); the rest are 支出 or 不计收支.
  func testTheAlipayBill() throws {
    let (folder, s) = try store()
    let bytes = try bill("example-alipay-records.csv")
    XCTAssertNil(String(validating: bytes, as: UTF8.self))
    let r = try importVisits(bytes, into: s)
    XCTAssertEqual(r.bill, .alipay)
    XCTAssertEqual(r.rejects, [])
    XCTAssertEqual(r.skipped, 9)
    XCTAssertEqual([r.gifts.count, r.refunds.count], [0, 0])
    XCTAssertEqual(
      Array(try log(folder).dropFirst()),
      [",2023-01-18,10:17,222228.50,1,,dine-in,2xxxxxxxxxxxxxxxxxxxxxxxxx9"])
  }

  func testABillImportedAsCustomersIsRefusedWithItsName() throws {
    XCTAssertThrowsError(try ImportInput.read(try bill("example-alipay-records.csv"), kind: .customers)) {
      XCTAssertEqual($0 as? ImportError, .billNeedsVisits(.alipay))
    }
  }

  // MARK: Helpers

  func iconv(_ bytes: [UInt8], to encoding: String) throws -> [UInt8] {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/iconv")
    p.arguments = ["-f", "UTF-8", "-t", encoding]
    let input = Pipe()
    let output = Pipe()
    p.standardInput = input
    p.standardOutput = output
    try p.run()
    input.fileHandleForWriting.write(Data(bytes))
    try input.fileHandleForWriting.close()
    let out = output.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    XCTAssertEqual(p.terminationStatus, 0)
    return [UInt8](out)
  }

  /// A one-sheet xlsx with inline strings, and numbers where a cell reads as one.
  func workbook(_ rows: [[String]]) throws -> [UInt8] {
    func column(_ i: Int) -> String { String(UnicodeScalar(UInt8(65 + i))) }
    var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
    xml += "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
    for (r, cells) in rows.enumerated() {
      xml += "<row r=\"\(r + 1)\">"
      for (c, v) in cells.enumerated() where !v.isEmpty {
        let ref = column(c) + String(r + 1)
        xml +=
          Double(v) != nil && r > 0
          ? "<c r=\"\(ref)\"><v>\(v)</v></c>" : "<c r=\"\(ref)\" t=\"inlineStr\"><is><t>\(v)</t></is></c>"
      }
      xml += "</row>"
    }
    xml += "</sheetData></worksheet>"
    var zip = ZipWriter()
    // Stored, as some tills write it; the other fixtures are deflated.
    zip.add("xl/worksheets/sheet1.xml", Array(xml.utf8), deflate: false)
    return zip.archive
  }
}
