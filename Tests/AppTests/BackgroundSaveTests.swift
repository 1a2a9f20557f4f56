import Dispatch
import LiuliangApp
import LiuliangModel
import LiuliangRender
import LiuliangStore
import LiuliangText
import XCTest

/// A store whose every write waits until the test lets it go, and then fails with the next
/// error the test queued, if any; what each write carried is kept in the order they came.
final class HeldStore: RecordStore, @unchecked Sendable {
  private let lock = NSLock()
  private var _dataset: Dataset
  private var _written: [String] = []
  private var _failures: [StoreError] = []
  /// Signalled as each write begins; each write waits for one `release`.
  let started = DispatchSemaphore(value: 0)
  let release = DispatchSemaphore(value: 0)

  init(_ ds: Dataset) { _dataset = ds }

  var dataset: Dataset { lock.withLock { _dataset } }
  var problems: [Problem] { [] }
  var readOnly: ReadOnlyReason? { nil }
  var displayName: String { "held" }
  var written: [String] { lock.withLock { _written } }

  func failNext(_ e: StoreError) { lock.withLock { _failures.append(e) } }

  /// Holds the write until released (a minute at most, so a broken test ends).
  private func hold(_ what: String) throws(StoreError) {
    started.signal()
    _ = release.wait(timeout: .now() + 60)
    let failure: StoreError? = lock.withLock {
      _written.append(what)
      return _failures.isEmpty ? nil : _failures.removeFirst()
    }
    if let failure { throw failure }
  }

  func load() throws(StoreError) {}
  func save(_ ds: Dataset, overwrite: Bool) throws(StoreError) {
    try hold((overwrite ? "overwrite " : "save ") + ds.customers[0].name)
    lock.withLock { _dataset = ds }
  }
  func appendVisit(_ v: Visit, extra: [String: String]) throws(StoreError) {
    try hold("visit \(v.customer) \(v.amount)")
  }
  func appendVisits(_ visits: [Visit], extra: [[String: String]]) throws(StoreError) {}
  func removeLastAppendedVisit() throws(StoreError) { try hold("remove visit") }
  func retakeLock() -> Bool { true }
  func visitColumn(_ column: String) throws(StoreError) -> [String] { [] }
}

/// The dashboard's loop while the store writes: the screen answers keys, writes keep their
/// order, a failure comes back as the store's answer always did, and `q` asks while a write
/// is pending. On the demo shop, in English.
final class BackgroundSaveTests: XCTestCase {
  func loop() -> (DashboardLoop, HeldStore) {
    let s = Demo.state("en")
    let store = HeldStore(s.dataset)
    return (DashboardLoop(state: s, store: store), store)
  }

  /// The first customer in the table gets `suffix` added to their name and saved.
  func editFirstName(_ l: inout DashboardLoop, _ suffix: String) -> [Effect] {
    var out = l.send(.key(.char("2"))) + l.send(.key(.char("g"))) + l.send(.key(.char("e")))
    for c in suffix { out += l.send(.key(.char(c))) }
    return out + l.send(.key(.ctrl("s")))
  }

  func started(_ store: HeldStore) -> Bool { store.started.wait(timeout: .now() + 60) == .success }

  /// Two edits in a row, the first one's write failing with `error` after the second is made:
  /// the loop once that write is back, its store, the records before both edits and after them.
  func twoEditsTheFirstFailing(
    _ error: StoreError, file: StaticString = #filePath, line: UInt = #line
  ) -> (DashboardLoop, HeldStore, before: Dataset, mine: Dataset) {
    var (l, store) = loop()
    let before = l.state.dataset
    store.failNext(error)
    _ = editFirstName(&l, "A")
    XCTAssertTrue(started(store), file: file, line: line)
    _ = editFirstName(&l, "B")
    let mine = l.state.dataset
    store.release.signal()
    XCTAssertTrue(l.collect(waitingMs: 60_000), file: file, line: line)
    return (l, store, before, mine)
  }

  func statusLine(_ s: AppState) -> String { Demo.lines(s).last ?? "" }

  func testKeysAreAnsweredWhileTheWriteIsHeld() {
    var (l, store) = loop()
    let name = l.state.dataset.customers[l.state.customersPane.list.order[0]].name
    XCTAssertEqual(editFirstName(&l, "+1"), [], "the write went to the writer, not back to the runner")
    XCTAssertTrue(started(store))
    XCTAssertEqual(l.state.pendingWrites, 1)
    XCTAssertEqual(
      l.state.dataset.customers[l.state.customersPane.list.order[0]].name, name + "+1", "shown at once")
    // The message of the edit shares the line with the pending write.
    XCTAssertTrue(statusLine(l.state).contains("saving…"), statusLine(l.state))
    _ = l.send(.key(.char("j")))
    _ = l.send(.key(.char("j")))
    XCTAssertEqual(l.state.customersPane.cursor.index, 2, "keys move the cursor while the write is held")
    XCTAssertTrue(statusLine(l.state).contains("saving…"), statusLine(l.state))
    XCTAssertEqual(store.written, [], "still held")
    XCTAssertFalse(l.collect(), "nothing ended yet")
    store.release.signal()
    XCTAssertTrue(l.collect(waitingMs: 60_000))
    XCTAssertEqual(l.state.pendingWrites, 0)
    XCTAssertEqual(store.written, ["save " + l.state.dataset.customers[0].name])
    XCTAssertFalse(statusLine(l.state).contains("saving"), statusLine(l.state))
    XCTAssertNil(l.state.message.flatMap { l.state.messageIsError ? $0 : nil })
  }

  func testLaterWritesWaitBehindThePendingOneInOrder() {
    var (l, store) = loop()
    _ = editFirstName(&l, "A")
    XCTAssertTrue(started(store))
    // A visit for the customer under the cursor, then a second edit, both while held.
    _ = l.send(.key(.char("v")))
    for c in "77" { _ = l.send(.key(.char(c))) }
    _ = l.send(.key(.ctrl("s")))
    _ = editFirstName(&l, "B")
    XCTAssertEqual(l.state.pendingWrites, 3)
    let customer = l.state.customersPane.list.order[0]
    let first = l.state.dataset.customers[0].name
    for n in 1...3 {
      store.release.signal()
      XCTAssertTrue(l.collect(waitingMs: 60_000))
      XCTAssertEqual(l.state.pendingWrites, 3 - n)
    }
    XCTAssertEqual(
      store.written,
      ["save " + String(first.dropLast()), "visit \(customer) 77", "save " + first],
      "the order the owner made them in")
  }

  /// Queued writes follow one another on the writer's thread without a turn of the loop in
  /// between (an import's visits), and the loop then takes them in together.
  func testQueuedWritesRunWithoutWaitingForTheLoop() {
    var (l, store) = loop()
    _ = editFirstName(&l, "A")
    _ = editFirstName(&l, "B")
    _ = editFirstName(&l, "C")
    XCTAssertTrue(started(store))
    store.release.signal()
    XCTAssertTrue(started(store), "the second began with no collect")
    store.release.signal()
    XCTAssertTrue(started(store), "and the third")
    store.release.signal()
    XCTAssertTrue(l.settle())
    XCTAssertEqual(store.written.count, 3)
    XCTAssertEqual(l.state.pendingWrites, 0)
  }

  /// A change the files refuse (someone else changed them; a read-only store) is taken back
  /// exactly as the synchronous write took it back: same records, message and `:keep`.
  func testARefusalComesBackAsTheSynchronousWriteAnswers() {
    for error in [StoreError.changedOnDisk(file: "customers.csv"), .readOnly(.locked(pid: 42))] {
      var (l, store) = loop()
      let before = l.state.dataset
      store.failNext(error)
      _ = editFirstName(&l, "+1")
      XCTAssertTrue(started(store))
      store.release.signal()
      XCTAssertTrue(l.collect(waitingMs: 60_000))

      // The same keys with the write done on the spot, as the safety tests' runner does.
      var s = Demo.state("en")
      let refusing = HeldStore(s.dataset)
      refusing.failNext(error)
      refusing.release.signal()
      var effects = press(&s, .char("2"), .char("g"), .char("e"), .char("+"), .char("1"), .ctrl("s"))
      effects = effects.filter(\.writes)
      XCTAssertEqual(effects.count, 1)
      XCTAssertFalse(s.write(effects[0], to: refusing, then: []))

      XCTAssertTrue(l.state.dataset == before, "\(error): taken back")
      XCTAssertTrue(s.dataset == before)
      XCTAssertEqual(l.state.message, s.message)
      XCTAssertTrue(l.state.messageIsError)
      XCTAssertEqual(l.state.undo.count, s.undo.count)
      XCTAssertEqual(l.state.pendingOverwrite != nil, s.pendingOverwrite != nil)
      XCTAssertEqual(l.state.pendingOverwrite != nil, error == .changedOnDisk(file: "customers.csv"))
      XCTAssertEqual(l.state.pendingWrites, 0)
    }
  }

  /// Writes queued behind a refused one were made on top of it: they are not tried, their
  /// changes go back too, and `:keep` writes the owner's last version over the files.
  func testWritesBehindAConflictAreNotTriedAndKeepKeepsTheLast() {
    var (l, store, before, mine) = twoEditsTheFirstFailing(.changedOnDisk(file: "customers.csv"))
    XCTAssertEqual(store.written.count, 1, "the second write never reached the store")
    XCTAssertTrue(l.state.dataset == before, "the screen shows what the files hold")
    XCTAssertEqual(l.state.undo.count, 0)
    XCTAssertTrue(l.state.pendingOverwrite == mine)
    _ = l.send(.key(.char(":")))
    for c in "keep" { _ = l.send(.key(.char(c))) }
    _ = l.send(.key(.enter))
    XCTAssertTrue(started(store))
    store.release.signal()
    XCTAssertTrue(l.collect(waitingMs: 60_000))
    XCTAssertEqual(store.written.last, "overwrite " + mine.customers[0].name)
    XCTAssertTrue(l.state.dataset == mine)
  }

  /// A full disk keeps the change on screen and the writes behind it, in order, for `:retry`.
  func testAFailingDiskKeepsTheChangeAndTheWritesBehindIt() {
    var (l, store, _, mine) = twoEditsTheFirstFailing(.cannotWrite(file: "customers.csv", errno: ENOSPC))
    XCTAssertEqual(store.written.count, 1)
    XCTAssertTrue(l.state.dataset == mine, "kept on screen")
    XCTAssertEqual(l.state.unsaved.count, 2, "the failed write and the one behind it")
    XCTAssertTrue(l.state.message?.contains(":retry") == true, l.state.message ?? "")
    _ = l.send(.key(.char(":")))
    for c in "retry" { _ = l.send(.key(.char(c))) }
    _ = l.send(.key(.enter))
    XCTAssertEqual(l.state.pendingWrites, 2)
    for _ in 0..<2 {
      store.release.signal()
      XCTAssertTrue(l.collect(waitingMs: 60_000))
    }
    XCTAssertEqual(store.written.count, 3)
    XCTAssertEqual(store.written.last, "save " + mine.customers[0].name)
    XCTAssertEqual(l.state.unsaved.count, 0)
  }

  func testQuitAsksWhileAWriteIsPending() {
    var (l, store) = loop()
    _ = editFirstName(&l, "+1")
    XCTAssertTrue(started(store))
    XCTAssertEqual(l.send(.key(.char("q"))), [], "no quit while the write is under way")
    XCTAssertEqual(l.state.overlay, .confirm(.quitWhileWriting))
    XCTAssertTrue(Demo.lines(l.state).joined().contains("Still saving"))
    // n stays; y waits for the write, then quits.
    XCTAssertEqual(l.send(.key(.char("n"))), [])
    XCTAssertEqual(l.state.overlay, .none)
    XCTAssertFalse(l.quitsNow)
    _ = l.send(.key(.char("q")))
    XCTAssertEqual(l.send(.key(.char("y"))), [])
    XCTAssertFalse(l.quitsNow, "not before the write is done")
    XCTAssertTrue(statusLine(l.state).contains("saving, then quitting"), statusLine(l.state))
    store.release.signal()
    XCTAssertTrue(l.collect(waitingMs: 60_000))
    XCTAssertTrue(l.quitsNow)
    XCTAssertEqual(store.written.count, 1)
  }

  /// A write that ends while `q` waits for it (a small store's) quits without a question.
  func testQuitWaitsForAWriteAboutToEnd() {
    var (l, store) = loop()
    _ = editFirstName(&l, "+1")
    XCTAssertTrue(started(store))
    store.release.signal()
    XCTAssertEqual(l.send(.key(.char("q"))), [.quit])
    XCTAssertEqual(l.state.overlay, .none)
    XCTAssertEqual(store.written.count, 1)
  }

  func testQuitAnywayAndASecondCtrlCQuitAtOnce() {
    var (l, store) = loop()
    _ = editFirstName(&l, "+1")
    XCTAssertTrue(started(store))
    _ = l.send(.key(.char("q")))
    XCTAssertEqual(l.send(.key(.char("Q"))), [.quit])
    XCTAssertEqual(l.send(.key(.ctrl("c"))), [], "Ctrl-C asks too")
    XCTAssertEqual(l.state.overlay, .confirm(.quitWhileWriting))
    XCTAssertEqual(l.send(.key(.ctrl("c"))), [.quit])
    store.release.signal()
    XCTAssertTrue(l.collect(waitingMs: 60_000))
  }

  /// A failed write while waiting to quit does not quit: the owner reads why first.
  func testAFailureWhileWaitingToQuitStays() {
    var (l, store) = loop()
    store.failNext(.cannotWrite(file: "customers.csv", errno: ENOSPC))
    _ = editFirstName(&l, "+1")
    XCTAssertTrue(started(store))
    _ = l.send(.key(.char("q")))
    _ = l.send(.key(.char("y")))
    store.release.signal()
    XCTAssertTrue(l.collect(waitingMs: 60_000))
    XCTAssertFalse(l.quitsNow)
    XCTAssertEqual(l.state.unsaved.count, 1)
  }

  /// Before a reload or an import reads the store, every pending write ends.
  func testSettleWaitsForEveryPendingWrite() {
    var (l, held) = loop()
    let store = held
    _ = editFirstName(&l, "A")
    _ = editFirstName(&l, "B")
    XCTAssertTrue(started(store))
    let releaser = DispatchQueue(label: "releaser")
    releaser.async {
      store.release.signal()
      _ = store.started.wait(timeout: .now() + 60)
      store.release.signal()
    }
    XCTAssertTrue(l.settle())
    XCTAssertEqual(l.state.pendingWrites, 0)
    XCTAssertEqual(store.written.count, 2)
  }
}
