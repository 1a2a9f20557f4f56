import LiuliangModel
import LiuliangSearch
import XCTest

@testable import LiuliangApp

/// The Customers pane's sort orders against sorting the `String`s themselves.
final class SortOrdersTests: XCTestCase {
  func referenceRanks(_ v: [String]) -> [UInt32] { TextRanks.ranks(v) }

  /// Every column's order and its ties, and the filter choices, as the String way made them.
  func testSortOrdersMatchAStableStringSort() {
    let names = ["张伟", "Anna", "e\u{301}", "é", "李娜", "张伟", "", "anna", "Zoe", "王芳"]
    let tags = [["老客"], [], ["爱辣", "老客"], ["Café"], ["Cafe\u{301}"], ["VIP"], [""], ["老客"], [], ["a", "b"]]
    var ds = Dataset()
    ds.customers = ChunkedArray(
      names.indices.map {
        Customer(id: "C\($0)", name: names[$0], tags: tags[$0], source: ["", "朋友", "到店"][$0 % 3])
      })
    let a = Analysis(ds, today: Day("2026-11-16")!)
    let o = SortOrders(ds, a)
    func stable(_ v: [String]) -> [Int32] { v.indices.sorted { (v[$0], $0) < (v[$1], $1) }.map(Int32.init) }
    XCTAssertEqual(o.order[CustomerList.Column.name.rawValue], stable(names))
    XCTAssertEqual(
      o.order[CustomerList.Column.name.rawValue], [6, 1, 8, 7, 2, 3, 0, 5, 4, 9].map(Int32.init))
    XCTAssertEqual(o.key[CustomerList.Column.name.rawValue], referenceRanks(names))
    let joined = tags.map { $0.joined(separator: ";") }
    XCTAssertEqual(o.order[CustomerList.Column.tags.rawValue], stable(joined))
    XCTAssertEqual(o.key[CustomerList.Column.tags.rawValue], referenceRanks(joined))
    let tagChoices = o.choices[.tag]!
    // The two spellings of Café are one value, named as first seen (precomposed).
    XCTAssertEqual(tagChoices.map(\.value), ["老客", "Café", "", "VIP", "a", "b", "爱辣"])
    XCTAssertEqual(tagChoices[1].value.unicodeScalars.count, 4)
    XCTAssertEqual(tagChoices.map(\.count), [3, 2, 1, 1, 1, 1, 1])
    XCTAssertEqual(o.choices[.source]!.map(\.value), ["到店", "朋友"])
    XCTAssertEqual(o.choices[.tier]!.map(\.count), [10, 0, 0])
  }

  /// After a visit, orders made with the customers' parts of the old ones are those made anew.
  func testOrdersReusingTheCustomersPartsAreTheSame() {
    var ds = Dataset()
    ds.customers = ChunkedArray(
      (0..<40).map {
        Customer(
          id: "C\($0)", name: ["王芳", "Anna", "李娜"][$0 % 3] + "\($0 % 7)", tags: $0 % 4 == 0 ? ["老客"] : [])
      })
    let t = Day("2026-11-16")!
    for k in 0..<60 {
      ds.visits.append(
        Visit(
          customer: Int32(k * 7 % 40), date: t.adding(-k * 3), time: TimeOfDay(minutes: 600),
          amount: Money(fen: Int64(k * 100))))
    }
    let before = SortOrders(ds, Analysis(ds, today: t))
    ds.visits.append(Visit(customer: 5, date: t, time: TimeOfDay(minutes: 700), amount: Money(fen: 99_900)))
    let a = Analysis(ds, today: t)
    let anew = SortOrders(ds, a)
    let reused = SortOrders(ds, a, reusing: before.customerParts)
    XCTAssertEqual(reused.key, anew.key)
    XCTAssertEqual(reused.order, anew.order)
    for d in CustomerList.Dimension.allCases {
      XCTAssertEqual(reused.choices[d]!.map(\.value), anew.choices[d]!.map(\.value), "\(d)")
      XCTAssertEqual(reused.choices[d]!.map(\.count), anew.choices[d]!.map(\.count), "\(d)")
    }
    XCTAssertNotEqual(
      before.order[CustomerList.Column.spend.rawValue], anew.order[CustomerList.Column.spend.rawValue],
      "the new visit moves customer 5 up by spend")
  }

  func testSpendKeysCompareAsTheAmounts() {
    let v: [Int64] = [5, -3, 5, 0, Int64.max / 4]
    let k = SortOrders.offsets(v)
    XCTAssertEqual(SortOrders.stableOrder(k), [1, 3, 0, 2, 4])
    XCTAssertEqual(k[0], k[2])
    XCTAssertEqual(SortOrders.offsets([3, 1, 3]), [2, 0, 2])
  }
}
