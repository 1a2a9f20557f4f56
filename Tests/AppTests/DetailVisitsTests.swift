import LiuliangApp
import LiuliangModel
import XCTest

/// A customer's visits, as the detail view lists them, are what a scan of the log finds: in log
/// order, after a visit is logged too.
final class DetailVisitsTests: XCTestCase {
  func testTheKeptIndexGivesWhatTheScanFinds() {
    var s = Demo.state("en")
    let n = s.dataset.customers.count
    for c in [0, 1, 17, n / 2, n - 1] + Array(stride(from: 3, to: n, by: 97)) {
      s.customersPane.detail = c
      XCTAssertEqual(s.detailVisits, s.dataset.visits.indexes(of: Int32(c)), "customer \(c)")
    }
    // A visit logged out of date order (dated before the customer's others) keeps log order.
    let c = 17
    var ds = s.dataset
    let first = ds.visits[s.dataset.visits.indexes(of: Int32(c))[0]]
    var v = first
    v.date = first.date.adding(-30)
    ds.visits.append(v)
    s.customersPane.detail = nil
    s.setData(ds, problems: s.problems, today: s.today)
    s.customersPane.detail = c
    XCTAssertEqual(s.detailVisits, ds.visits.indexes(of: Int32(c)))
    XCTAssertEqual(s.detailVisits.last, ds.visits.count - 1)
  }
}
