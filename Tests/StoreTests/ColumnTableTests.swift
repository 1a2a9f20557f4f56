import LiuliangModel
import XCTest

@testable import LiuliangStore

/// The column tables are the files' headers exactly as PRODUCT.md lists them, and a record
/// is written in that order.
final class ColumnTableTests: XCTestCase {
  func testEveryKindHasPRODUCTsColumnsInOrder() {
    let product: [Kind: String] = [
      .customers:
        "id,name,wechat,phone,tags,source,joined,tier,birthday,churned_on,churn_reason,notes,welcomed_on",
      .visits: "customer,date,time,amount,party,promotion,channel",
      .posts: "id,date,slot,category,text,media,benefit,meaning,fun,status,likes,comments",
      .promotions: "id,name,kind,discount,weekdays,from,to,audience,start,end",
      .complaints: "customer,date,reason,text,resolved",
      .contacts: "customer,date,kind,note",
    ]
    for kind in Kind.allCases {
      // liuliang's own columns (a win-back date) come after PRODUCT.md's.
      let own = kind.columns.filter(kind.optionalColumns.contains)
      XCTAssertEqual(kind.columns.dropLast(own.count).joined(separator: ","), product[kind], "\(kind)")
    }
  }

  func testAVisitIsWrittenInTheLogsColumnOrder() {
    let v = Visit(
      customer: 0, date: Day(year: 2025, month: 6, day: 29)!, time: TimeOfDay(minutes: 18 * 60 + 5),
      amount: Money(fen: 12_850),
      party: 3, promotion: 0, channel: .takeaway)
    XCTAssertEqual(
      RecordCodec.fields(v, customerID: "c7", promotionID: "p2"),
      ["c7", "2025-06-29", "18:05", "128.50", "3", "p2", "takeaway"])
    var bytes = Array("c7".utf8)
    RecordCodec.appendFields(v, promotionID: Array("p2".utf8), to: &bytes)
    XCTAssertEqual(String(decoding: bytes, as: UTF8.self), "c7,2025-06-29,18:05,128.50,3,p2,takeaway\n")
  }
}
