import Dispatch
import LiuliangModel
import LiuliangRender
import XCTest

@testable import LiuliangApp
@testable import LiuliangSearch

#if canImport(Glibc)
  import Glibc
#endif

/// A big pool's search index and sort orders are made beside the screen after the first frame:
/// the state they arrive in late answers every key as one that made them at once; ones made
/// from data since changed are dropped and asked for again; a key that needs them before they
/// come makes them itself; and the dashboard's loop makes them on a thread of its own.
final class IndexesBesideTests: XCTestCase {
  static let today = Day("2026-11-16")!

  /// A pool just big enough to have its indexes made beside the screen: names that share
  /// characters (so that a search finds many, in several fields), phones, tags, tiers, sources,
  /// and two visits a customer over 400 days.
  static let big: Dataset = {
    var r = CustomerEditTests.Seeded(state: 11)
    let family = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄"]
    let given = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋"]
    let tags = ["老客", "爱辣", "VIP", "生日宴", "带娃"]
    var ds = Dataset()
    ds.shop = Shop(name: "店")
    let n = AppState.eagerSearchFrom
    ds.customers = ChunkedArray(
      (0..<n).map { i in
        Customer(
          id: "C\(i)",
          name: r.next(20) == 0
            ? "Anna \(r.next(50))" : family[r.next(family.count)] + given[r.next(given.count)],
          wechat: "wx\(r.next(100_000))", phone: "138\(10_000_000 + r.next(89_999_999))",
          tags: (0..<r.next(3)).map { _ in tags[r.next(tags.count)] }, source: ["", "朋友", "到店"][r.next(3)],
          tier: [Tier.friend, .vip, .member][r.next(3)])
      })
    for k in 0..<(n * 2) {
      ds.visits.append(
        Visit(
          customer: Int32(r.next(n)), date: today.adding(-(k * 7919) % 400), time: TimeOfDay(minutes: 600),
          amount: Money(fen: Int64(r.next(50_000)))))
    }
    return ds
  }()

  func state(_ ds: Dataset = IndexesBesideTests.big) -> AppState {
    var s = AppState(dataset: ds, problems: [], today: Self.today, folder: "~", text: Demo.state("en").text)
    s.pane = .customers
    return s
  }

  /// A state whose indexes were made at once, as every big pool's were before.
  func eager(_ ds: Dataset = IndexesBesideTests.big) -> AppState {
    var s = state(ds)
    s.ensureIndexes()
    return s
  }

  func jobs(_ effects: [Effect]) -> [IndexJob] {
    effects.compactMap { e -> IndexJob? in
      if case .makeIndexes(let j) = e { return j }
      return nil
    }
  }

  func assertSame(_ a: SortOrders?, _ b: SortOrders?, _ note: String, line: UInt = #line) {
    guard let a, let b else { return XCTFail("\(note): no orders", line: line) }
    XCTAssertEqual(a.key, b.key, note, line: line)
    XCTAssertEqual(a.order, b.order, note, line: line)
    for d in CustomerList.Dimension.allCases {
      XCTAssertEqual(a.choices[d]!.map(\.value), b.choices[d]!.map(\.value), "\(note) \(d)", line: line)
      XCTAssertEqual(a.choices[d]!.map(\.count), b.choices[d]!.map(\.count), "\(note) \(d)", line: line)
    }
  }

  func press(_ s: inout AppState, _ keys: [Key]) {
    for k in keys { _ = update(&s, .key(k)) }
  }

  func typed(_ text: String) -> [Key] { text.map { Key.char($0) } }

  /// What the owner sees of the table: its rows, the search's counts by field, the picker.
  func seen(_ s: AppState) -> [String] {
    var out = s.customersPane.list.order.prefix(400).map(String.init)
    out.append("rows \(s.customersPane.list.order.count) kinds \(s.customersPane.list.kindCounts)")
    if case .picker(let p) = s.overlay { out += p.items.map(\.label) }
    return out + Demo.lines(s)
  }

  /// Keys a search, a sort, a filter and its picker's counts need the indexes for.
  let session: [(String, [Key])] = [
    ("search", [.char("/")] + "王".map { Key.char($0) } + [.enter]),
    ("pinyin", [.escape, .char("/")] + "zw".map { Key.char($0) } + [.enter]),
    ("filter picker", [.escape, .char("f")]),
    ("a filter", [.char("j"), .char("j"), .enter]),
    ("sort by spend", [.char("s"), .char("j"), .char("j"), .char("j"), .char("j"), .char("j"), .enter]),
    ("search sorted", [.char("/")] + "anna".map { Key.char($0) } + [.enter]),
  ]

  func testIndexesComeAfterTheFirstFrameAndAnswerAsOnesMadeAtOnce() {
    var late = state()
    XCTAssertTrue(late.customersPane.search == nil, "the dashboard is ready without the search index")
    XCTAssertTrue(late.customersPane.list.orders == nil, "and without the sort orders")
    var at = eager()
    XCTAssertEqual(seen(late), seen(at), "the first frame and its rows")
    let asked = jobs(update(&late, .frameDrawn))
    XCTAssertEqual(asked.count, 1, "the first frame asks for them")
    XCTAssertEqual(jobs(update(&late, .frameDrawn)), [], "once")
    XCTAssertEqual(update(&late, .indexesMade(asked[0].run())), [], "nothing more to ask")
    XCTAssertTrue(late.customersPane.search == at.customersPane.search, "the search index")
    assertSame(late.customersPane.list.orders, at.customersPane.list.orders, "arrived")
    XCTAssertEqual(jobs(update(&late, .frameDrawn)), [], "nothing asked once they are in")
    for (what, keys) in session {
      press(&late, keys)
      press(&at, keys)
      XCTAssertEqual(seen(late), seen(at), what)
    }
    XCTAssertGreaterThan(late.customersPane.list.matchCount, 0, "the search found someone")
  }

  func testAStaleDeliveryIsDroppedAndTheRightOnesAreMade() {
    var s = state()
    let first = jobs(update(&s, .frameDrawn))
    // A customer edited while the job runs: a name the old index does not hold.
    var ds = s.dataset
    ds.customers[5].name = "Zebedee"
    ds.customers[6].tags = ["新标签"]
    s.setData(ds, problems: [], today: Self.today)
    let again = jobs(update(&s, .indexesMade(first[0].run())))
    XCTAssertTrue(s.customersPane.search == nil, "the index of the customers before the edit is dropped")
    XCTAssertTrue(s.customersPane.list.orders == nil, "and the orders")
    XCTAssertEqual(again.count, 1, "and they are asked for again")
    XCTAssertEqual(update(&s, .indexesMade(again[0].run())), [])
    let fresh = eager(ds)
    XCTAssertTrue(s.customersPane.search == fresh.customersPane.search, "the index of the edited customers")
    assertSame(s.customersPane.list.orders, fresh.customersPane.list.orders, "after the edit")
    press(&s, [.char("/")] + typed("zebedee") + [.enter])
    XCTAssertEqual(s.customersPane.list.order, [5])
  }

  /// A visit logged while they are made changes the figures, not the customers: the search
  /// index is taken, the orders made again.
  func testAVisitMeanwhileKeepsTheIndexAndMakesTheOrdersAgain() {
    var s = state()
    let first = jobs(update(&s, .frameDrawn))
    var ds = s.dataset
    let v = Visit(customer: 9, date: Self.today, time: TimeOfDay(minutes: 700), amount: Money(fen: 9_999_900))
    ds.visits.append(v)
    s.setVisits(ds, v, added: true)
    let again = jobs(update(&s, .indexesMade(first[0].run())))
    XCTAssertTrue(s.customersPane.search != nil, "made from the same customers")
    XCTAssertTrue(s.customersPane.list.orders == nil, "made from the figures before the visit")
    XCTAssertEqual(again.map(\.ask), [IndexJob.Ask(search: nil, orders: s.customersPane.ordersGeneration)])
    _ = update(&s, .indexesMade(again[0].run()))
    let fresh = eager(ds)
    XCTAssertTrue(s.customersPane.search == fresh.customersPane.search)
    assertSame(s.customersPane.list.orders, fresh.customersPane.list.orders, "after the visit")
    XCTAssertEqual(s.customersPane.list.orders?.order[CustomerList.Column.spend.rawValue].last, 9)
  }

  /// Keys that need them before they come make them then, and find what a state that had them
  /// finds; what comes later changes nothing.
  func testKeysBeforeTheyComeAnswerTheSame() {
    var late = state()
    let asked = jobs(update(&late, .frameDrawn))
    var at = eager()
    for (what, keys) in session {
      press(&late, keys)
      press(&at, keys)
      XCTAssertEqual(seen(late), seen(at), what)
    }
    let index = late.customersPane.search
    XCTAssertTrue(index != nil, "made by the search")
    let before = seen(late)
    XCTAssertEqual(update(&late, .indexesMade(asked[0].run())), [])
    XCTAssertEqual(seen(late), before, "the late ones change no row")
    XCTAssertTrue(late.customersPane.search == index)
  }

  /// An edit before they come: nothing to update, and the next frame asks for the edited pool's.
  func testAnEditBeforeTheyComeIsMadeForTheEditedPool() {
    var s = state()
    _ = update(&s, .frameDrawn)
    press(&s, [.char("g"), .char("e")] + typed("+1") + [.ctrl("s")])
    let edited = s.dataset.customers[s.customersPane.list.order[0]].name
    XCTAssertTrue(edited.hasSuffix("+1"), edited)
    XCTAssertTrue(s.customersPane.search == nil)
    let asked = jobs(update(&s, .frameDrawn))
    XCTAssertEqual(asked.count, 1, "the next frame asks for the edited pool's")
    _ = update(&s, .indexesMade(asked[0].run()))
    let fresh = eager(s.dataset)
    XCTAssertTrue(s.customersPane.search == fresh.customersPane.search)
    assertSame(s.customersPane.list.orders, fresh.customersPane.list.orders, "edited")
  }

  func testASmallPoolMakesItsOrdersWithTheData() {
    var s = Demo.state("en")
    XCTAssertNotNil(s.customersPane.list.orders)
    XCTAssertEqual(update(&s, .frameDrawn), [], "nothing beside the screen")
  }

  /// The loop hands the job to the index maker's thread and answers keys while the job is held
  /// there; once it is let go, the loop takes what it made in.
  func testTheLoopMakesThemOnAThreadOfItsOwnWhileKeysAreAnswered() {
    let started = DispatchSemaphore(value: 0)
    let release = DispatchSemaphore(value: 0)
    let mine = pthread_self()
    let elsewhere = Flag()
    let maker = IndexMaker { _ in
      elsewhere.value = pthread_equal(pthread_self(), mine) == 0
      started.signal()
      _ = release.wait(timeout: .now() + 60)
    }
    var loop = DashboardLoop(state: state(), store: HeldStore(Self.big), indexes: maker)
    loop.drawn()
    XCTAssertEqual(started.wait(timeout: .now() + 60), .success, "the job began")
    XCTAssertTrue(elsewhere.value, "on a thread other than the loop's")
    for k in [Key.char("j"), .char("j"), .char("j")] { XCTAssertEqual(loop.send(.key(k)), []) }
    XCTAssertEqual(loop.state.customersPane.cursor.index, 3, "keys answered while the job is held")
    XCTAssertTrue(loop.state.customersPane.search == nil, "still held")
    XCTAssertTrue(maker.busy)
    loop.drawn()
    release.signal()
    XCTAssertTrue(loop.takeInIndexes(waitingMs: 60_000))
    XCTAssertTrue(loop.state.customersPane.search != nil)
    XCTAssertTrue(loop.state.customersPane.list.orders != nil)
    XCTAssertNil(loop.state.customersPane.asked, "one job for the frames drawn while it ran")
  }
}

/// Set on the index maker's thread, read after it signalled.
private final class Flag: @unchecked Sendable {
  var value = false
}
