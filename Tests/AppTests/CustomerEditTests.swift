import LiuliangModel
import XCTest

@testable import LiuliangApp
@testable import LiuliangSearch

/// A customer edit updates the search index and the sort orders made before it; after any
/// run of random edits they are those made anew from the records.
final class CustomerEditTests: XCTestCase {
  /// SplitMix64: the same edits on every run.
  struct Seeded {
    var state: UInt64
    mutating func next(_ n: Int) -> Int {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return Int((z ^ (z >> 31)) % UInt64(n))
    }
  }

  // Few names and tags, so that edits make and break ties, and some new ones.
  let names = ["王芳", "Anna", "李娜", "anna", "", "张伟", "Zoe", "王芳芳", "é", "李"]
  let tags = ["老客", "爱辣", "VIP", "", "a", "b"]
  let sources = ["", "朋友", "到店", "抖音"]
  let today = Day("2026-11-16")!

  func pool(_ r: inout Seeded, _ n: Int) -> Dataset {
    var ds = Dataset()
    ds.customers = ChunkedArray(
      (0..<n).map { i in
        Customer(
          id: "C\(i)", name: names[r.next(names.count)],
          tags: (0..<r.next(3)).map { _ in tags[r.next(tags.count)] },
          source: sources[r.next(sources.count)], tier: [Tier.friend, .vip, .member][r.next(3)])
      })
    for k in 0..<(n * 2) {
      ds.visits.append(
        Visit(
          customer: Int32(r.next(n)), date: today.adding(-k % 400), time: TimeOfDay(minutes: 600),
          amount: Money(fen: Int64(r.next(50_000)))))
    }
    return ds
  }

  /// One customer's row changed at random: a name (sometimes new), tags, source or tier; now
  /// and then a visit too, so that figure columns move.
  func edit(_ ds: inout Dataset, _ r: inout Seeded) -> Int {
    let i = r.next(ds.customers.count)
    var c = ds.customers[i]
    switch r.next(5) {
    case 0: c.name = names[r.next(names.count)]
    case 1: c.name = "新\(r.next(1000))"
    case 2: c.tags = (0..<r.next(3)).map { _ in tags[r.next(tags.count)] }
    case 3: c.source = sources[r.next(sources.count)]
    default: c.tier = [Tier.friend, .vip, .member][r.next(3)]
    }
    ds.customers[i] = c
    if r.next(4) == 0 {
      ds.visits.append(
        Visit(customer: Int32(i), date: today, time: TimeOfDay(minutes: 700), amount: Money(fen: 12_300)))
    }
    return i
  }

  func assertSame(_ a: SortOrders, _ b: SortOrders, _ note: String) {
    XCTAssertEqual(a.key, b.key, note)
    XCTAssertEqual(a.order, b.order, note)
    XCTAssertEqual(a.spendBase, b.spendBase, note)
    for d in CustomerList.Dimension.allCases {
      XCTAssertEqual(a.choices[d]!.map(\.value), b.choices[d]!.map(\.value), "\(note) \(d)")
      XCTAssertEqual(a.choices[d]!.map(\.count), b.choices[d]!.map(\.count), "\(note) \(d)")
    }
  }

  func testOrdersAndIndexAfterRandomEditsAreThoseMadeAnew() {
    var r = Seeded(state: 23)
    var ds = pool(&r, 300)
    var orders = SortOrders(ds, Analysis(ds, today: today))
    var index = SearchIndex(ds.customers, pieceSize: 32)
    for step in 0..<150 {
      let was = ds
      // Mostly one customer, sometimes a few at once (a tag given to the marked customers).
      let n = r.next(5) == 0 ? 3 : 1
      for _ in 0..<n { _ = edit(&ds, &r) }
      let a = Analysis(ds, today: today)
      guard let e = CustomerEdit(from: was.customers, to: ds.customers, search: index, orders: orders) else {
        return XCTFail("step \(step): an edit of \(n) customers is updated, not made anew")
      }
      XCTAssertLessThanOrEqual(e.changed.count, n)
      // An edit of what no figure reads (a name, a source) keeps the figure columns as they are.
      let kept = was.sameFigures(as: ds)
      guard let o = e.sortOrders(ds, a, figuresKept: kept), let s = e.searchIndex(ds.customers) else {
        return XCTFail("step \(step): no update")
      }
      assertSame(o, SortOrders(ds, a), "step \(step)")
      XCTAssertTrue(s == SearchIndex(ds.customers, pieceSize: 32), "step \(step)")
      orders = o
      index = s
    }
  }

  /// A text only a `String` sort orders (a combining mark) makes the orders anew.
  func testATextOutsideByteOrderIsMadeAnew() {
    var r = Seeded(state: 5)
    let ds = pool(&r, 40)
    var after = ds
    after.customers[3].name = "Cafe\u{301}"
    let e = CustomerEdit(
      from: ds.customers, to: after.customers, search: nil, orders: SortOrders(ds, Analysis(ds, today: today))
    )
    XCTAssertEqual(e?.changed, [3])
    XCTAssertNil(e?.sortOrders(after, Analysis(after, today: today)))
  }

  /// On a pool big enough for the index to be made beside the screen, `setData` after an edit
  /// updates the index and orders it holds to what a fresh state makes.
  func testAStateAfterAnEditSearchesAndSortsAsAFreshOne() {
    var r = Seeded(state: 7)
    var ds = pool(&r, AppState.eagerSearchFrom)
    var s = AppState(dataset: ds, problems: [], today: today, folder: "~", text: Demo.state().text)
    s.ensureIndexes()
    for _ in 0..<3 {
      _ = edit(&ds, &r)
      s.setData(ds, problems: [], today: today)
    }
    // What an edit could not update (a text only a `String` sort orders) comes from beside the
    // screen after the next frame.
    for case .makeIndexes(let job) in update(&s, .frameDrawn) { _ = update(&s, .indexesMade(job.run())) }
    var fresh = AppState(dataset: ds, problems: [], today: today, folder: "~", text: Demo.state().text)
    fresh.ensureIndexes()
    XCTAssertTrue(s.customersPane.search == fresh.customersPane.search)
    assertSame(s.customersPane.list.orders!, fresh.customersPane.list.orders!, "state")
  }
}
