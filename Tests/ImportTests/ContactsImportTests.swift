import Foundation
import LiuliangImport
import LiuliangModel
import LiuliangStore
import XCTest

/// Contacts come in from a sheet (kinds in either language, customers by id, WeChat id, phone
/// or a name), go out as the store's own rows, and an export imported back adds nothing.
final class ContactsImportTests: XCTestCase {
  func plan(_ text: String, into ds: Dataset) throws -> ImportResult {
    let sheet = try Sheet.read(Array(text.utf8))
    return Importer.plan(
      sheet, kind: .contacts, columns: try Columns.map(header: sheet.header, kind: .contacts), into: ds)
  }

  func small() -> Dataset {
    var ds = Dataset()
    ds.customers = [
      Customer(id: "C1", name: "张伟", wechat: "zw88", phone: "13800001234"),
      Customer(id: "C2", name: "李娜"),
    ]
    return ds
  }

  func testKindsInEitherLanguageAndCustomersByAnyKey() throws {
    let r = try plan(
      "客户,日期,类型,备注\n张伟,2026/11/1,生日,蛋糕\nzw88,2026-11-02,win back,\n13800001234,2026-11-03,欢迎,\n"
        + "李娜,2026-11-04,hello,\n王五,2026-11-05,其他,\n",
      into: small())
    XCTAssertEqual(
      r.dataset.contacts,
      [
        Contact(customer: "C1", date: Day("2026-11-01")!, kind: .birthday, note: "蛋糕"),
        Contact(customer: "C1", date: Day("2026-11-02")!, kind: .winBack),
        Contact(customer: "C1", date: Day("2026-11-03")!, kind: .welcome),
      ])
    XCTAssertEqual(r.rejects.map(\.line), [5, 6], "an unknown kind, an unknown customer")
  }

  func testExportImportsBackUnchanged() throws {
    var ds = small()
    ds.contacts = [
      Contact(customer: "C2", date: Day("2026-10-01")!, kind: .complaint, note: "道歉, 送菜"),
      Contact(customer: "C2", date: Day("2026-10-01")!, kind: .complaint, note: "道歉, 送菜"),
    ]
    let t = Exporter.table(.contacts, ds)
    XCTAssertEqual(t.header, ["customer", "date", "kind", "note"])
    let text = String(decoding: Exporter.csv(header: t.header, rows: t.rows, excel: true), as: UTF8.self)
    let r = try plan(text, into: ds)
    XCTAssertEqual(r.dataset.contacts, ds.contacts)
    XCTAssertEqual(r.unchanged, 2)
  }
}
