import Foundation
import LiuliangImport
import LiuliangModel
import LiuliangStore
import LiuliangTestSupport
import XCTest

final class ImportTests: XCTestCase {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  func tempFolder() throws -> String {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "liuliang-import-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url.path
  }

  /// A copy of the demo shop; seeds/ itself is never opened for writing.
  func demoCopy() throws -> String {
    let dst = try tempFolder() + "/demo"
    try FileManager.default.copyItem(atPath: Self.root.appendingPathComponent("seeds").path, toPath: dst)
    return dst
  }

  func files(_ folder: String) throws -> [String: Data] {
    var out: [String: Data] = [:]
    for name in try FileManager.default.contentsOfDirectory(atPath: folder) where !name.hasPrefix(".") {
      out[name] = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name))
    }
    return out
  }

  func plan(_ bytes: [UInt8], _ kind: Kind = .customers, into ds: Dataset) throws -> ImportResult {
    let sheet = try Sheet.read(bytes)
    return Importer.plan(
      sheet, kind: kind, columns: try Columns.map(header: sheet.header, kind: kind), into: ds)
  }

  /// Writes the plan the way the command does: one save, or one append for visits.
  func apply(_ r: ImportResult, to s: Store) throws {
    if r.kind == .visits { try s.appendVisits(r.newVisits) } else if r.changesStore { try s.save(r.dataset) }
  }

  // MARK: Encodings and formats

  /// What Excel on Chinese Windows saves: GB18030 (GBK) without a BOM, Chinese headers.
  func testGB18030CSVWithChineseHeaders() throws {
    var bytes: [UInt8] = []
    bytes += [0xD0, 0xD5, 0xC3, 0xFB]  // 姓名
    bytes += Array(",".utf8) + [0xCE, 0xA2, 0xD0, 0xC5, 0xBA, 0xC5]  // 微信号
    bytes += Array(",".utf8) + [0xCA, 0xD6, 0xBB, 0xFA]  // 手机
    bytes += Array(",".utf8) + [0xC9, 0xFA, 0xC8, 0xD5] + Array("\r\n".utf8)  // 生日
    bytes += [0xD5, 0xC5, 0xCE, 0xB0] + Array(",zhangwei88,138 0013 8000,1990/3/7\r\n".utf8)  // 张伟
    bytes += [0xCD, 0xF5, 0xB7, 0xBC] + Array(",wf2,,1988".utf8) + [0xC4, 0xEA]  // 王芳 … 年
    // 月 and 日
    bytes += Array("12".utf8) + [0xD4, 0xC2] + Array("1".utf8) + [0xC8, 0xD5] + Array("\r\n".utf8)

    let folder = try tempFolder() + "/store"
    try Store.initialize(folder: folder, shop: Shop())
    let s = try Store(folder: folder, mode: .readWrite)
    let r = try plan(bytes, into: s.dataset)
    XCTAssertEqual(r.header, ["姓名", "微信号", "手机", "生日"])
    XCTAssertEqual(r.added.map(\.id), ["C0001", "C0002"])
    XCTAssertEqual(r.rejects, [])
    try apply(r, to: s)

    let back = try Store(folder: folder, mode: .readOnly).dataset.customers
    XCTAssertEqual(
      back,
      [
        Customer(
          id: "C0001", name: "张伟", wechat: "zhangwei88", phone: "13800138000",
          birthday: Day("1990-03-07")),
        Customer(id: "C0002", name: "王芳", wechat: "wf2", birthday: Day("1988-12-01")),
      ])
  }

  func testEncodingCanBeForced() throws {
    // 张伟 in GB18030 is not UTF-8; forcing UTF-8 refuses it instead of guessing.
    XCTAssertThrowsError(try Sheet.read(Array("name\n".utf8) + [0xD5, 0xC5, 0xCE, 0xB0], encoding: .utf8))
    let s = try Sheet.read(Array("name\n".utf8) + [0xD5, 0xC5, 0xCE, 0xB0], encoding: .gb18030)
    XCTAssertEqual(s.rows.map(\.cells), [["张伟"]])
  }

  /// What Excel saves as "CSV UTF-8": a BOM, CRLF, quotes around cells with commas or newlines.
  func testUTF8WithBOMAndCRLF() throws {
    let text =
      "name,wechat,phone,tags,joined,notes\r\n"
      + "陈静,cj_01,+86 139-1234-5678,\"老客,爱甜\",2025-01-05 13:45:00,\"第一行\r\n第二行\"\r\n"
      + "Tom Lee,tomlee,,,2025/2/3,\r\n"
    let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array(text.utf8)
    let sheet = try Sheet.read(bytes)
    // The BOM is not part of the first header, so `name` is found.
    XCTAssertEqual(sheet.header.first, "name")
    XCTAssertEqual(sheet.rows.count, 2)

    let r = try plan(bytes, into: Dataset())
    XCTAssertEqual(r.rejects, [])
    XCTAssertEqual(
      r.dataset.customers,
      [
        Customer(
          id: "C0001", name: "陈静", wechat: "cj_01", phone: "13912345678", tags: ["老客", "爱甜"],
          joined: Day("2025-01-05"), notes: "第一行\r\n第二行"),
        Customer(id: "C0002", name: "Tom Lee", wechat: "tomlee", joined: Day("2025-02-03")),
      ])
  }

  /// An xlsx as WeCom writes it: shared strings, an inline string, numbers, dates as serials.
  func testXLSXWithSharedAndInlineStringsAndDateSerials() throws {
    let parts: [(String, String)] = [
      (
        "[Content_Types].xml",
        """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
        <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
        <Default Extension="xml" ContentType="application/xml"/>\
        <Override PartName="/xl/workbook.xml" \
        ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
        <Override PartName="/xl/worksheets/data.xml" \
        ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>\
        </Types>
        """
      ),
      (
        "xl/workbook.xml",
        """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
        xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\
        <sheets><sheet name="客户" sheetId="1" r:id="rId7"/></sheets></workbook>
        """
      ),
      (
        "xl/_rels/workbook.xml.rels",
        """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId7" \
        Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" \
        Target="worksheets/data.xml"/></Relationships>
        """
      ),
      (
        "xl/sharedStrings.xml",
        """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="5" uniqueCount="5">\
        <si><t>客户名称</t></si><si><t>微信号</t></si>\
        <si><t>添加时间</t></si><si><t>手机号</t></si>\
        <si><r><t>li</t></r><r><t>lei</t></r></si></sst>
        """
      ),
      (
        "xl/worksheets/data.xml",
        """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>\
        <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c>\
        <c r="D1" t="s"><v>3</v></c></row>\
        <row r="2"><c r="A2" t="inlineStr"><is><t>李雷</t></is></c><c r="B2" t="s"><v>4</v></c>\
        <c r="C2" s="1"><v>45658</v></c><c r="D2"><v>13912345678</v></c></row>\
        <row r="4"><c r="A4" t="inlineStr"><is><t>韩梅梅</t></is></c><c r="C4"><v>45659.5625</v></c>\
        <c r="D4"><v>1.3800138E10</v></c></row>\
        </sheetData></worksheet>
        """
      ),
    ]
    var zip = ZipWriter()
    for (path, text) in parts { zip.add(path, Array(text.utf8)) }
    let bytes = zip.archive

    let sheet = try Sheet.read(bytes)
    XCTAssertEqual(sheet.header, ["客户名称", "微信号", "添加时间", "手机号"])
    XCTAssertEqual(
      sheet.rows,
      [
        Sheet.Row(line: 2, cells: ["李雷", "lilei", "45658", "13912345678"]),
        Sheet.Row(line: 4, cells: ["韩梅梅", "", "45659.5625", "13800138000"]),
      ])

    let r = try plan(bytes, into: Dataset())
    XCTAssertEqual(r.rejects, [])
    // Serial 45658 is 2025-01-01 in the 1900 date system; the time of day is dropped.
    XCTAssertEqual(
      r.dataset.customers,
      [
        Customer(
          id: "C0001", name: "李雷", wechat: "lilei", phone: "13912345678", joined: Day("2025-01-01")),
        Customer(id: "C0002", name: "韩梅梅", phone: "13800138000", joined: Day("2025-01-02")),
      ])
  }

  // MARK: Merging

  func smallStore() throws -> (String, Store) {
    let folder = try tempFolder() + "/store"
    try Store.create(
      folder: folder,
      Dataset(customers: [
        Customer(
          id: "C0007", name: "张伟", wechat: "zw_01", phone: "13800138000", tags: ["老客"],
          birthday: Day("1990-03-07")),
        Customer(id: "C0012", name: "李娜", wechat: "lina"),
      ]))
    return (folder, try Store(folder: folder, mode: .readWrite))
  }

  func testDuplicatesMergeConflictsAreListedAndUnusableRowsRejected() throws {
    let (folder, s) = try smallStore()
    let input = """
      姓名,微信号,手机号,生日,标签,备注
      张伟伟,,+86 138 0013 8000,1991-01-01,爱辣,
      李娜,LINA,139-1111-2222,,,常来
      ,,,,,只有备注
      王五,ww,,1990-02-30,,
      赵六,zl,,,,
      ,lina,13800138000,,,

      """
    let r = try plan(Array(input.utf8), into: s.dataset)

    // Line 2 finds 张伟 by phone (written differently), line 3 李娜 by WeChat id (other case).
    XCTAssertEqual(
      r.merged,
      [
        Change(line: 2, id: "C0007", fields: ["tags"]),
        Change(line: 3, id: "C0012", fields: ["phone", "notes"]),
      ])
    XCTAssertEqual(r.added, [Change(line: 6, id: "C0013", fields: [])])
    XCTAssertEqual(
      r.conflicts,
      [
        Conflict(line: 2, id: "C0007", name: "张伟", field: "name", kept: "张伟", offered: "张伟伟"),
        Conflict(
          line: 2, id: "C0007", name: "张伟", field: "birthday", kept: "1990-03-07", offered: "1991-01-01"),
      ])
    XCTAssertEqual(
      r.rejects,
      [
        Reject(line: 4, cells: ["", "", "", "", "", "只有备注"], reason: .noIdentity),
        Reject(
          line: 5, cells: ["王五", "ww", "", "1990-02-30", "", ""],
          reason: .badValue(column: "生日", value: "1990-02-30")),
        Reject(
          line: 7, cells: ["", "lina", "13800138000", "", "", ""], reason: .twoCustomers("C0012", "C0007")),
      ])

    let rejects = r.rejectsCSV(reasonColumn: "reason") { reason in
      switch reason {
      case .noIdentity: return "nobody"
      case .badValue(let c, let v): return "bad \(c) \(v)"
      case .twoCustomers(let a, let b): return "\(a)+\(b)"
      default: return "other"
      }
    }
    XCTAssertEqual(
      String(decoding: rejects, as: UTF8.self),
      "\u{FEFF}姓名,微信号,手机号,生日,标签,备注,reason\r\n" + ",,,,,只有备注,nobody\r\n"
        + "王五,ww,,1990-02-30,,,bad 生日 1990-02-30\r\n" + ",lina,13800138000,,,,C0012+C0007\r\n")

    try apply(r, to: s)
    let text = try String(contentsOfFile: folder + "/customers.csv", encoding: .utf8)
    XCTAssertEqual(
      text,
      """
      id,name,wechat,phone,tags,source,joined,tier,birthday,churned_on,churn_reason,notes,welcomed_on
      C0007,张伟,zw_01,13800138000,老客;爱辣,,,friend,1990-03-07,,,,
      C0012,李娜,lina,13911112222,,,,friend,,,,常来,
      C0013,赵六,zl,,,,,friend,,,,,

      """)
  }

  func testVisitsFindTheirCustomerAndAreNotAddedTwice() throws {
    let (folder, s) = try smallStore()
    let input = """
      顾客,消费时间,金额,人数,渠道
      zw_01,2025-03-01 12:30:00,¥128.00,3人,堂食
      李娜,2025/3/2 18:05,96,2,外卖
      ,2025-03-02 19:00,40,,
      某人,2025-03-03 12:00,10,1,
      zw_01,2025-03-01 12:30:00,¥128.00,3人,堂食

      """
    let r = try plan(Array(input.utf8), .visits, into: s.dataset)
    XCTAssertEqual(r.rejects.map(\.reason), [.unknownCustomer("某人")])
    XCTAssertEqual(r.added.map(\.id), ["C0007", "C0012", "", "C0007"])
    try apply(r, to: s)
    XCTAssertEqual(
      try String(contentsOfFile: folder + "/visits.csv", encoding: .utf8),
      """
      customer,date,time,amount,party,promotion,channel
      C0007,2025-03-01,12:30,128,3,,dine-in
      C0012,2025-03-02,18:05,96,2,,takeaway
      ,2025-03-02,19:00,40,1,,dine-in
      C0007,2025-03-01,12:30,128,3,,dine-in

      """)
    // The same file again: every row is already in the log, as many times as the file has it.
    let again = try plan(Array(input.utf8), .visits, into: s.dataset)
    XCTAssertEqual(again.added, [])
    XCTAssertEqual(again.unchanged, 4)
  }

  func testValueSpellings() throws {
    let input = """
      name,joined,birthday,tier
      a,2025年1月5日,20250105,会员
      b,2025.1.5,45658,VIP
      c,2025-1-5T08:00,,普通

      """
    let r = try plan(Array(input.utf8), into: Dataset())
    XCTAssertEqual(r.dataset.customers.map(\.joined), Array(repeating: Day("2025-01-05"), count: 3))
    XCTAssertEqual(r.dataset.customers.map(\.birthday), [Day("2025-01-05"), Day("2025-01-01"), nil])
    XCTAssertEqual(r.dataset.customers.map(\.tier), [.member, .vip, .friend])
  }

  func testMapOverridesAndExtraColumns() throws {
    let sheet = try Sheet.read(Array("称呼,wx,城市\n老周,zhou\n".utf8))
    XCTAssertThrowsError(
      try Columns.map(header: sheet.header, kind: .customers, overrides: [("称呼", "nickname")]))
    XCTAssertThrowsError(
      try Columns.map(header: sheet.header, kind: .customers, overrides: [("别名", "name")]))
    let columns = try Columns.map(
      header: sheet.header, kind: .customers, overrides: [("称呼", "name"), ("wx", "wechat")])
    XCTAssertEqual(columns.column(of: "name", in: .customers), 0)
    XCTAssertEqual(columns.column(of: "wechat", in: .customers), 1)
    XCTAssertEqual(columns.extra, [2])
  }

  // MARK: Round trip and atomicity

  /// Every kind exported and imported back into the demo shop: nothing is added, merged or
  /// rejected, and every file stays byte for byte as it was.
  func testExportThenImportOfTheDemoShopChangesNothing() throws {
    let folder = try demoCopy()
    let before = try files(folder)
    let s = try Store(folder: folder, mode: .readWrite)
    for kind in Kind.allCases {
      for excel in [false, true] {
        let t = Exporter.table(kind, s.dataset)
        let bytes = Exporter.csv(header: t.header, rows: t.rows, excel: excel)
        let r = try plan(bytes, kind, into: s.dataset)
        XCTAssertEqual(r.added, [], "\(kind)")
        XCTAssertEqual(r.merged, [], "\(kind)")
        XCTAssertEqual(r.conflicts, [], "\(kind)")
        XCTAssertEqual(r.rejects, [], "\(kind)")
        XCTAssertEqual(r.unchanged, t.rows.count, "\(kind)")
        try apply(r, to: s)
      }
    }
    XCTAssertEqual(try files(folder), before)
  }

  func testExcelExportHasBOMAndCRLF() throws {
    let bytes = Exporter.csv(header: ["id", "name"], rows: [["C1", "张伟"]], excel: true)
    XCTAssertEqual(bytes, [0xEF, 0xBB, 0xBF] + Array("id,name\r\nC1,张伟\r\n".utf8))
  }

  /// Another liuliang holds the folder: the import is refused whole, customers and visits alike.
  func testFailedImportLeavesEveryFileAsItWas() throws {
    let folder = try demoCopy()
    let holder = try Store(folder: folder, mode: .readWrite)
    XCTAssertNil(holder.readOnly)
    let before = try files(folder)

    let second = try Store(folder: folder, mode: .readWrite)
    XCTAssertNotNil(second.readOnly)
    let customers = try plan(Array("name,wechat\n新客,new_one\n".utf8), into: second.dataset)
    XCTAssertEqual(customers.added.count, 1)
    XCTAssertThrowsError(try apply(customers, to: second))
    let visits = try plan(
      Array("customer,date,time\n,2026-11-01,12:00\n,2026-11-01,12:05\n".utf8), .visits, into: second.dataset)
    XCTAssertEqual(visits.newVisits.count, 2)
    XCTAssertThrowsError(try apply(visits, to: second))

    XCTAssertEqual(try files(folder), before)
    holder.close()
  }
}
