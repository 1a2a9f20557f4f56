import XCTest

@testable import LiuliangModel

/// Looking ids up sixteen at a time finds what looking each up alone finds: the first customer
/// with the id, or none.
final class CustomerLookupTests: XCTestCase {
  func testIndexesAreEachIdsIndex() {
    var rng = SystemRandomNumberGenerator()
    let letters = Array("abcxyz019名")
    let ids = (0..<3000).map { k in
      k % 7 == 0
        ? "c\(k / 7)"
        : String((0..<Int.random(in: 1...14, using: &rng)).map { _ in letters.randomElement(using: &rng)! })
    }
    let customers = ChunkedArray(ids.map { Customer(id: $0, name: "n") })
    let lookup = CustomerLookup(customers)
    // Ids of customers (some twice in the file), ids of none, and one long enough to be stored apart.
    let asked =
      ids.shuffled(using: &rng) + ["nobody", "", "c99999", String(repeating: "长", count: 30)] + ids.prefix(37)
    var firstIndex: [String: Int] = [:]
    for (i, id) in ids.enumerated() where firstIndex[id] == nil { firstIndex[id] = i }
    let found = lookup.indexes(asked) { $0 }
    XCTAssertEqual(found.count, asked.count)
    for (k, id) in asked.enumerated() {
      XCTAssertEqual(found[k], Int32(firstIndex[id] ?? -1), id)
      XCTAssertEqual(found[k], Int32(lookup.index(of: id) ?? -1), id)
    }
    // A slice, as the reach-out rates look up one part of contacts.csv per core.
    XCTAssertEqual(lookup.indexes(asked[1000..<2500]) { $0 }, Array(found[1000..<2500]))
  }
}
