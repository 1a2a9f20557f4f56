import Foundation
import LiuliangApp
import LiuliangGenerator
import LiuliangModel
import LiuliangRender
import LiuliangTestSupport
import LiuliangText
import XCTest

@testable import LiuliangStore

/// Broken and fuzzed CSV and TOML: nothing crashes, every unreadable row is a `file:line`
/// problem (in `liuliang check` and in the dashboard's count), and a rewrite after an edit
/// gives every unreadable row back byte for byte. `LIULIANG_FUZZ_RUNS=N` runs N mutated
/// stores instead of the in-suite default.
final class BadFileTests: XCTestCase {
  static let names = [
    "customers.csv", "visits.csv", "posts.csv", "promotions.csv", "complaints.csv", "shop.toml",
  ]

  /// The first 40 customers of the demo and only what refers to them, so a run takes milliseconds.
  static let small: [String: [UInt8]] = {
    func lines(_ n: String) -> [Substring] {
      let text = try! String(contentsOf: Repo.seeds.appendingPathComponent(n), encoding: .utf8)
      return text.split(separator: "\n", omittingEmptySubsequences: false)
    }
    let customers = Array(lines("customers.csv").prefix(41))
    let ids = Set(customers.dropFirst().map { $0.split(separator: ",").first.map(String.init) ?? "" })
    let visits = lines("visits.csv")
    let mine = visits.dropFirst().filter { ids.contains(String($0.prefix { $0 != "," })) }.prefix(200)
    let complaints = lines("complaints.csv")
    let theirs = complaints.dropFirst().filter { ids.contains(String($0.prefix { $0 != "," })) }
    func join(_ l: some Sequence<Substring>) -> [UInt8] { Array((l.joined(separator: "\n") + "\n").utf8) }
    return [
      "customers.csv": join(customers), "visits.csv": join([visits[0]] + mine),
      "complaints.csv": join([complaints[0]] + theirs),
      "posts.csv": Array(try! Data(contentsOf: Repo.seeds.appendingPathComponent("posts.csv"))),
      "promotions.csv": Array(try! Data(contentsOf: Repo.seeds.appendingPathComponent("promotions.csv"))),
      "shop.toml": Array(try! Data(contentsOf: Repo.seeds.appendingPathComponent("shop.toml"))),
    ]
  }()

  func write(_ files: [String: [UInt8]], to folder: URL) throws {
    try? FileManager.default.removeItem(at: folder)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    for (n, b) in files { try Data(b).write(to: folder.appendingPathComponent(n)) }
  }

  /// Opens the store, edits one readable customer, saves, and checks that every row kept
  /// verbatim is still in its file and that the problems are the same after reading again.
  func rewriteKeepsEveryUnreadableRow(_ folder: URL, context: String) throws {
    let s = try Store(folder: folder.path, mode: .readWrite)
    XCTAssertNil(s.readOnly, context)
    let problems = s.problems
    for p in problems {
      XCTAssertTrue(Self.names.contains(p.file), "\(context): \(p)")
      if p.file.hasSuffix(".csv") { XCTAssertGreaterThan(p.line, 0, "\(context): \(p)") }
    }
    // The store keeps where each row was, not the bytes: those are the file's as it was read.
    let kept: [(String, [UInt8])] = s.tables.values.flatMap { t in
      let bytes = (try? Data(contentsOf: folder.appendingPathComponent(t.name))).map { Array($0) } ?? []
      return t.kept.map { (t.name, Array(bytes[$0.raw])) }
    }
    var ds = s.dataset
    guard let i = ds.customers.indices.first, s.tables[.customers]?.index(of: "name") != nil else { return }
    ds.customers[i].name += "·改"
    // A header that can't be read makes its file unwritable: refused whole, which is the promise.
    if s.tables[.customers]?.unreadableHeader == true {
      XCTAssertThrowsError(try s.save(ds), context)
      return
    }
    try s.save(ds)
    var files: [String: [UInt8]] = [:]
    for n in Self.names {
      files[n] = (try? Data(contentsOf: folder.appendingPathComponent(n))).map { Array($0) }
    }
    for (name, raw) in kept {
      // A kept last row that lacked a line ending gains one only if a row now follows it.
      let body = raw.last == CSV.lf ? Array(raw.dropLast(raw.suffix(2) == [CSV.cr, CSV.lf] ? 2 : 1)) : raw
      XCTAssertTrue(
        contains(files[name] ?? [], body),
        "\(context): a kept row of \(name) is gone: \(String(decoding: raw.prefix(80), as: UTF8.self))")
    }
    let again = try Store(folder: folder.path, mode: .readOnly)
    XCTAssertEqual(again.problems.map(\.description), problems.map(\.description), context)
  }

  func contains(_ hay: [UInt8], _ needle: [UInt8]) -> Bool {
    guard !needle.isEmpty else { return true }
    return Data(hay).range(of: Data(needle)) != nil
  }

  /// The problem count the dashboard's status line shows.
  func dashboardShows(_ problems: [Problem], _ ds: Dataset) -> Bool {
    let text = Text(language: "en")
    var s = AppState(
      dataset: ds, problems: problems, today: Day("2026-11-16")!, folder: "~/shop", text: text, width: 120,
      height: 30)
    _ = update(&s, .resize(width: 120, height: 30))
    var buf = Buffer(width: 120, height: 30)
    view(s, into: &buf)
    let want =
      problems.first.map { text.counted("status.problems", problems.count, $0.place) }
      ?? text["status.no_problems"]
    return buf.lines().contains { $0.contains(want) }
  }

  func testEveryKindOfBadRowIsReportedWithItsLineAndKept() throws {
    var files = Self.small
    var customers = files["customers.csv"]!
    let header = String(decoding: customers.prefix { $0 != CSV.lf }, as: UTF8.self)
    let width = header.split(separator: ",").count
    func row(_ fields: [String]) -> [UInt8] {
      Array((fields + Array(repeating: "", count: width - fields.count)).joined(separator: ",").utf8) + [
        CSV.lf
      ]
    }
    var line = 41
    var expect: [Int: String] = [:]
    customers += Array("C8001,".utf8) + [0xFF, 0xFE] + Array("名".utf8) + row([]).dropFirst(2)
    line += 1
    expect[line] = "invalidUTF8"
    customers += Array("C8002,a".utf8) + [0] + row(["b"])
    line += 1
    expect[line] = "nulByte"
    customers += row(["C8003", "\"" + String(repeating: "长", count: 350_000) + "\""])
    line += 1
    customers += Array("C8004,only,three\n".utf8)
    line += 1
    expect[line] = "columnCount"
    customers += row(["C0001", "重复的人"])
    line += 1
    expect[line] = "duplicateID"
    customers += row(["C8005", "二月", "", "", "", "", "2025-02-30"])
    line += 1
    expect[line] = "badValue"
    customers += Array("C8006,\"never closed,friend\n".utf8)
    line += 1
    expect[line] = "unterminatedQuote"
    files["customers.csv"] = customers
    files["visits.csv"]! += Array("C7777,2026-11-01,12:00,50,2,,dine-in\n".utf8)
    let visitLine = files["visits.csv"]!.filter { $0 == CSV.lf }.count
    files["shop.toml"]! += Array("\n[thresholds]\nactive_days = \"soon\"\n".utf8) + [0xFF]

    let folder = try Repo.tempFolder()
    try write(files, to: folder)
    let s = try Store(folder: folder.path, mode: .readOnly)
    var places = Dictionary(grouping: s.problems, by: \.place)
    for (l, what) in expect {
      let found = places.removeValue(forKey: "customers.csv:\(l)") ?? []
      XCTAssertTrue(found.contains { "\($0.kind)".contains(what) }, "line \(l): \(what), got \(found)")
    }
    XCTAssertNotNil(places.removeValue(forKey: "visits.csv:\(visitLine)"), "the visit for nobody")
    XCTAssertTrue(places.keys.allSatisfy { $0.hasPrefix("shop.toml") }, "\(places.keys)")
    XCTAssertFalse(places.isEmpty, "the bad setting")
    XCTAssertEqual(
      s.dataset.customers.first { $0.id == "C8003" }?.name.utf8.count, 1_050_000, "a 1 MB field is a field")
    XCTAssertTrue(dashboardShows(s.problems, s.dataset))

    let r = try runLiuliang(["check", "--data", folder.path, "--lang", "en"])
    XCTAssertEqual(r.status, 1)
    for l in expect.keys { XCTAssertTrue(r.stdout.contains("customers.csv:\(l): "), "\(l): \(r.stdout)") }
    XCTAssertTrue(r.stdout.contains("visits.csv:\(visitLine): "), r.stdout)
    XCTAssertTrue(r.stdout.contains("\(s.problems.count) problems"), r.stdout)

    try rewriteKeepsEveryUnreadableRow(folder, context: "hand-made")
  }

  /// A seeded mutator: bytes flipped, inserted (NUL, invalid UTF-8, quotes, line ends) and
  /// cut; lines doubled, swapped and joined; fields made bad dates, unknown ids, duplicate ids;
  /// now and then a 1 MB field or a file cut short.
  struct Mutator {
    var rng: DrillRNG
    /// Tokens of the format at hand (XML for xlsx parts), inserted like the specials.
    var extra: [[UInt8]] = []

    mutating func int(_ n: Int) -> Int { n <= 0 ? 0 : Int(rng.next() % UInt64(n)) }

    mutating func mutate(_ b: inout [UInt8]) {
      let specials: [[UInt8]] =
        [
          [0], [0xFF], [0xC3], [0xE4, 0xB8], [0x22], [0x2C], [0x0A], [0x0D], [0x0D, 0x0A], [0x22, 0x22],
          [0xEF, 0xBB, 0xBF], Array("=".utf8), Array("[x]".utf8),
        ] + extra
      let values = [
        "2025-02-30", "2026-13-01", "abc", "", "-5", "99:99", "gold", "C0001", "C9999", "1e9", "是",
      ]
      var lines = b.split(separator: CSV.lf, omittingEmptySubsequences: false).map(Array.init)
      switch int(12) {
      case 0, 1:
        let at = int(b.count)
        if !b.isEmpty { b[at] = UInt8(truncatingIfNeeded: rng.next()) }
        return
      case 2, 3:
        let what = specials[int(specials.count)]
        b.insert(contentsOf: what, at: int(b.count + 1))
        return
      case 4:
        let at = int(b.count)
        b.removeSubrange(at..<min(b.count, at + 1 + int(30)))
        return
      case 5:
        let i = int(lines.count)
        lines.insert(lines[i], at: i)
      case 6:
        let (i, j) = (int(lines.count), int(lines.count))
        lines.swapAt(i, j)
      case 7:
        let i = int(lines.count - 1)
        if i + 1 < lines.count {
          let next = lines.remove(at: i + 1)
          lines[i] += next
        }
      case 8, 9, 10:
        let i = int(lines.count)
        var fields = lines[i].split(separator: 0x2C, omittingEmptySubsequences: false).map(Array.init)
        let f = int(fields.count)
        fields[f] = Array(values[int(values.count)].utf8)
        lines[i] = Array(fields.joined(separator: [0x2C]))
      default:
        if int(4) == 0 {
          let i = int(lines.count)
          lines[i] += [0x2C, 0x22] + Array(repeating: 0x78, count: 1 << 20) + [0x22]
        } else {
          b.removeSubrange(int(b.count)...)
          return
        }
      }
      b = Array(lines.joined(separator: [CSV.lf]))
    }
  }

  func testFuzzedStoresNeverCrashAndNeverLoseARow() throws {
    let runs = Int(ProcessInfo.processInfo.environment["LIULIANG_FUZZ_RUNS"] ?? "") ?? 150
    let seed = UInt64(ProcessInfo.processInfo.environment["LIULIANG_FUZZ_SEED"] ?? "") ?? 20_261_116
    var m = Mutator(rng: DrillRNG(state: seed))
    let folder = try Repo.tempFolder()
    var mutations = 0
    var problems = 0
    for run in 0..<runs {
      var files = Self.small
      for _ in 0..<(1 + m.int(4)) {
        let n = Self.names[m.int(Self.names.count)]
        var bytes = files[n]!
        m.mutate(&bytes)
        files[n] = bytes
        mutations += 1
      }
      try write(files, to: folder)
      let context = "seed \(seed) run \(run)"
      let s = try Store(folder: folder.path, mode: .readOnly)
      problems += s.problems.count
      XCTAssertTrue(dashboardShows(s.problems, s.dataset), context)
      if run % 25 == 0 {
        let r = try runLiuliang(["check", "--data", folder.path, "--lang", "en", "--format", "csv"])
        XCTAssertTrue(r.status == 0 || r.status == 1, "\(context): check exited \(r.status) \(r.stderr)")
        XCTAssertEqual(r.stdout.split(separator: "\n").count, s.problems.count + 1, context)
      }
      try rewriteKeepsEveryUnreadableRow(folder, context: context)
    }
    print("fuzz: \(runs) stores, \(mutations) mutations, \(problems) problems found, seed \(seed)")
  }
}

/// SplitMix64, as the drill uses: a failing run is repeated from its seed.
typealias DrillRNG = SeededRandom

extension SeededRandom {
  init(state: UInt64) { self.init(seed: state) }
}
