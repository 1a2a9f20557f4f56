import Foundation
import LiuliangApp
import LiuliangModel
import LiuliangRender
import LiuliangStore
import LiuliangTestSupport
import XCTest

/// Random keys into the real update function on the demo shop, its effects performed against
/// a real Store on a copy: after every key the cursors are inside their lists, the view draws
/// every line exactly as wide as the terminal, and no file changes unless the key's effects
/// included a write. At the end the files read back as exactly what the screen holds.
/// History is fixed: a posted or skipped post, an ended promotion, a welcome date and a logged
/// visit change only when the key's effects name them (`.editHistory`, an appended or removed
/// visit). While the terminal is too small, a key has no effect at all but redraw and quit.
/// `LIULIANG_STORM_KEYS=N` presses N keys instead of 3,000 (scripts/crash-test presses 10,000).
final class StormTests: XCTestCase {
  static let sizes = [(80, 24), (120, 40), (10, 5)]

  static func randomKey(_ rng: inout DrillRNG) -> Key {
    let named: [Key] = [
      .up, .down, .left, .right, .pageUp, .pageDown, .home, .end, .enter, .escape, .backspace, .delete, .tab,
      .backTab, .ctrl("r"), .ctrl("s"), .ctrl("s"), .ctrl("l"), .ctrl("u"), .ctrl("w"), .function(1),
    ]
    let chars = Array("jkhlgGnNwvuUceadmxtT12345 /?:rRsSfFpPoOiIbB[]{}<>+-=0.9,;丁张#@!yy22wvv")
    switch rng.next() % 10 {
    case 0, 1, 2, 3: return named[Int(rng.next() % UInt64(named.count))]
    // Escape now and then, so the storm does not spend itself typing into one form.
    case 4: return .escape
    default: return .char(chars[Int(rng.next() % UInt64(chars.count))])
    }
  }

  func signatures(_ folder: URL) -> [String: String] {
    var out: [String: String] = [:]
    for n in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] where !n.hasPrefix(".")
    {
      let a = try? FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent(n).path)
      out[n] = "\(a?[.size] ?? 0) \((a?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0)"
    }
    return out
  }

  func checkInvariants(_ s: AppState, _ context: @autoclosure () -> String) {
    for (name, c) in [
      ("reach", s.todayPane.reach), ("customers", s.customersPane.cursor),
      ("complaints", s.churnPane.complaints),
      ("promotions", s.promotionsPane.list), ("atRisk", s.churnPane.atRisk),
    ] {
      let inside =
        c.count >= 0 && c.index >= 0 && c.offset >= 0 && (c.count == 0 ? c.index == 0 : c.index < c.count)
      if !inside { XCTFail("\(context()): \(name) cursor \(c) is outside its list") }
    }
    if s.momentsPane.slotRow < 0
      || (s.momentsPane.slotRow > 0 && s.momentsPane.slotRow >= s.dataset.shop.slots.count)
    {
      XCTFail("\(context()): the Moments cursor is outside the slots")
    }
    if !(1...7).contains(s.promotionsPane.heatWeekday) || !(0..<24).contains(s.promotionsPane.heatHour) {
      XCTFail("\(context()): the heatmap cursor is outside the map")
    }
    if s.customersPane.cursor.count != s.customersPane.list.order.count {
      XCTFail("\(context()): customers cursor counts a stale list")
    }
    if let d = s.customersPane.detail, d >= s.dataset.customers.count {
      XCTFail("\(context()): detail \(d) past the pool")
    }
    if s.customersPane.detailScroll < 0 || s.width < 0 || s.height < 0 {
      XCTFail("\(context()): a negative size")
    }
    var buf = Buffer(width: s.width, height: s.height)
    view(s, into: &buf)
    let lines = buf.lines()
    if lines.count != s.height { XCTFail("\(context()): \(lines.count) lines on a \(s.height)-line screen") }
    for (i, l) in lines.enumerated() where CellWidth.of(l) != s.width {
      XCTFail("\(context()): line \(i) is \(CellWidth.of(l)) wide, not \(s.width): \(l)")
      break
    }
  }

  /// The saved past facts of a dataset, worked out here from their definitions (not by the
  /// program's own HistoryRow), keyed as `.editHistory` names them.
  /// Compared as values: two equal sets of weekdays may print in different orders.
  enum Fact: Equatable {
    case post(Post)
    case promotion(Promotion)
    case day(Day)
  }

  static func history(_ ds: Dataset, today: Day) -> [String: Fact] {
    var out: [String: Fact] = [:]
    for p in ds.posts where p.status == .posted || p.status == .skipped { out["post:" + p.id] = .post(p) }
    for p in ds.promotions where p.end != nil && p.end! < today { out["promotion:" + p.id] = .promotion(p) }
    for c in ds.customers where c.welcomedOn != nil { out["welcomed:" + c.id] = .day(c.welcomedOn!) }
    return out
  }

  static func named(_ effects: [Effect]) -> Set<String> {
    var out: Set<String> = []
    for case .editHistory(let rows) in effects {
      for r in rows {
        switch r {
        case .post(let id): out.insert("post:" + id)
        case .promotion(let id): out.insert("promotion:" + id)
        case .welcomed(let id): out.insert("welcomed:" + id)
        case .visits: out.insert("visits")
        }
      }
    }
    return out
  }

  /// The visits both logs hold, compared by customer id (a deleted customer renumbers the rest).
  static func sameVisits(_ a: Dataset, _ b: Dataset) -> Bool {
    func id(_ ds: Dataset, _ c: Int32) -> String {
      c >= 0 && Int(c) < ds.customers.count ? ds.customers[Int(c)].id : ""
    }
    for k in 0..<min(a.visits.count, b.visits.count) {
      var x = a.visits[k]
      var y = b.visits[k]
      guard id(a, x.customer) == id(b, y.customer) else { return false }
      x.customer = 0
      y.customer = 0
      if x != y { return false }
    }
    return true
  }

  func checkHistory(_ before: Dataset, _ after: Dataset, _ today: Day, _ effects: [Effect], _ context: String)
  {
    let was = Self.history(before, today: today)
    let now = Self.history(after, today: today)
    let named = Self.named(effects)
    for (row, value) in was where now[row] != value && !named.contains(row) {
      XCTFail("\(context): history row \(row) changed without an edit naming it: \(effects.map(Runner.name))")
    }
    let visitEffects = effects.filter { if case .appendVisit = $0 { true } else { $0 == .removeLastVisit } }
    if before.visits.count != after.visits.count && visitEffects.isEmpty && !named.contains("visits") {
      XCTFail("\(context): the visit log changed length without a visit effect")
    }
    if !Self.sameVisits(before, after) { XCTFail("\(context): a logged visit changed") }
  }

  /// Keys that edit, move, end, mark and undo, mostly in Moments and Promotions where the
  /// history rows are: a storm aimed at them, so that the history invariant meets many edits.
  static func editKey(_ rng: inout DrillRNG) -> Key {
    let keys: [Key] =
      Array("3333HLJKHLJKhhhhhllljkjk[xx4GppwuuyyeE").map { .char($0) } + [
        .ctrl("s"), .ctrl("s"), .ctrl("r"), .escape, .enter, .tab, .char("y"), .char("n"), .char("1"),
      ]
    return keys[Int(rng.next() % UInt64(keys.count))]
  }

  func testRandomKeysKeepTheStateSaneAndTheFilesTrue() throws {
    let keys = Int(ProcessInfo.processInfo.environment["LIULIANG_STORM_KEYS"] ?? "") ?? 3_000
    try storm(keys: keys, seed: 1116, Self.randomKey)
  }

  func testAStormOfEditsNeverRewritesHistory() throws {
    let keys = (Int(ProcessInfo.processInfo.environment["LIULIANG_STORM_KEYS"] ?? "") ?? 3_000) / 3
    try storm(keys: keys, seed: 1117, Self.editKey)
  }

  func storm(keys: Int, seed defaultSeed: UInt64, _ pick: (inout DrillRNG) -> Key) throws {
    let seed = UInt64(ProcessInfo.processInfo.environment["LIULIANG_STORM_SEED"] ?? "") ?? defaultSeed
    let folder = try Repo.demoCopy()
    var r = Runner(store: try Store(folder: folder.path, mode: .readWrite), lang: "zh-Hans")
    var rng = DrillRNG(state: seed)
    var before = signatures(folder)
    var changedFiles = 0
    var historyNamed = 0
    for i in 0..<keys {
      if i % 500 == 0 {
        let (w, h) = Self.sizes[(i / 500) % Self.sizes.count]
        _ = r.run(update(&r.state, .resize(width: w, height: h)))
      }
      let key = pick(&rng)
      let small = r.state.width < Layouts.minWidth || r.state.height < Layouts.minHeight
      let (data, pane, overlay, today) = (r.state.dataset, r.state.pane, r.state.overlay, r.state.today)
      let effects = update(&r.state, .key(key))
      if small {
        // Nothing on screen but the too-small message: nothing but redraw and quit may act.
        if !effects.allSatisfy({ $0 == .redraw || $0 == .quit }) || r.state.dataset != data
          || r.state.pane != pane || r.state.overlay != overlay
        {
          XCTFail("key \(i) (\(key.label)) acted while too small: \(effects.map(Runner.name))")
        }
      }
      _ = r.run(effects)
      if r.state.dataset != data {
        checkHistory(data, r.state.dataset, today, effects, "seed \(seed) key \(i) \(key.label)")
        historyNamed += Self.named(effects).count
      }
      let after = signatures(folder)
      if after != before {
        changedFiles += 1
        if !effects.contains(where: \.writes) {
          XCTFail("key \(i) (\(key.label)) changed files without a write: \(effects.map(Runner.name))")
        }
      }
      before = after
      checkInvariants(r.state, "seed \(seed) key \(i) \(key.label)")
      if testRun?.failureCount ?? 0 > 5 { break }
    }
    let back = try Store(folder: folder.path, mode: .readOnly)
    let ds = r.state.dataset
    XCTAssertTrue(back.dataset.customers == ds.customers, "customers on disk are what the screen holds")
    XCTAssertTrue(back.dataset.visits == ds.visits, "visits on disk are what the screen holds")
    XCTAssertTrue(back.dataset.posts == ds.posts)
    XCTAssertTrue(back.dataset.promotions == ds.promotions)
    XCTAssertTrue(back.dataset.complaints == ds.complaints)
    XCTAssertEqual(back.problems.count, 0)
    let counts = r.counts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
    print(
      "storm: \(keys) keys, seed \(seed), \(changedFiles) keys changed files, \(historyNamed) history rows "
        + "edited by name; effects: \(counts)")
  }
}
