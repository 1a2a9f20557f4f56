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
      ("reach", s.reach), ("customers", s.customers), ("complaints", s.complaintCursor),
      ("promotions", s.promotions), ("atRisk", s.atRisk),
    ] {
      let inside =
        c.count >= 0 && c.index >= 0 && c.offset >= 0 && (c.count == 0 ? c.index == 0 : c.index < c.count)
      if !inside { XCTFail("\(context()): \(name) cursor \(c) is outside its list") }
    }
    if s.slotRow < 0 || (s.slotRow > 0 && s.slotRow >= s.dataset.shop.slots.count) {
      XCTFail("\(context()): the Moments cursor is outside the slots")
    }
    if !(1...7).contains(s.heatWeekday) || !(0..<24).contains(s.heatHour) {
      XCTFail("\(context()): the heatmap cursor is outside the map")
    }
    if s.customers.count != s.list.order.count {
      XCTFail("\(context()): customers cursor counts a stale list")
    }
    if let d = s.detail, d >= s.dataset.customers.count { XCTFail("\(context()): detail \(d) past the pool") }
    if s.detailScroll < 0 || s.width < 0 || s.height < 0 { XCTFail("\(context()): a negative size") }
    var buf = Buffer(width: s.width, height: s.height)
    view(s, into: &buf)
    let lines = buf.lines()
    if lines.count != s.height { XCTFail("\(context()): \(lines.count) lines on a \(s.height)-line screen") }
    for (i, l) in lines.enumerated() where CellWidth.of(l) != s.width {
      XCTFail("\(context()): line \(i) is \(CellWidth.of(l)) wide, not \(s.width): \(l)")
      break
    }
  }

  func testRandomKeysKeepTheStateSaneAndTheFilesTrue() throws {
    let keys = Int(ProcessInfo.processInfo.environment["LIULIANG_STORM_KEYS"] ?? "") ?? 3_000
    let seed = UInt64(ProcessInfo.processInfo.environment["LIULIANG_STORM_SEED"] ?? "") ?? 1116
    let folder = try Repo.demoCopy()
    var r = Runner(store: try Store(folder: folder.path, mode: .readWrite), lang: "zh-Hans")
    var rng = DrillRNG(state: seed)
    var before = signatures(folder)
    var changedFiles = 0
    for i in 0..<keys {
      if i % 500 == 0 {
        let (w, h) = Self.sizes[(i / 500) % Self.sizes.count]
        _ = r.run(update(&r.state, .resize(width: w, height: h)))
      }
      let key = Self.randomKey(&rng)
      let effects = update(&r.state, .key(key))
      _ = r.run(effects)
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
    print("storm: \(keys) keys, seed \(seed), \(changedFiles) keys changed files; effects: \(counts)")
  }
}
