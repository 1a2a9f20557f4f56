import LiuliangGenerator
import LiuliangModel
import XCTest

@testable import LiuliangSearch

/// The search index against the way it was first written: every field lowercased as a
/// `String`, pinyin through `Pinyin` name by name, and a plain substring test per record.
final class SearchIndexTests: XCTestCase {
  /// Each customer's record as the index held it before it was built from bytes.
  func referenceRecords(_ cs: [Customer]) -> [[UInt8]] {
    let pinyin = Pinyin()
    return cs.map { c in
      var r: [UInt8] = []
      for f in [c.name, c.wechat, c.phone, c.tags.joined(separator: " "), c.notes] where !f.isEmpty {
        r += Array(f.lowercased().utf8) + [0x1F]
      }
      let syl = pinyin.syllables(c.name)
      if syl.count > 0 && c.name.unicodeScalars.contains(where: { $0.value >= 0x3400 }) {
        r += Array(syl.joined().utf8) + [0x1F] + Array(String(syl.compactMap(\.first)).utf8) + [0x1F]
      }
      return r + [0x0A]
    }
  }

  func referenceSearch(_ records: [[UInt8]], _ q: String) -> [Int32] {
    let needle = Array(q.lowercased().utf8)
    return records.indices.filter { i in
      needle.isEmpty
        || (0..<max(0, records[i].count - needle.count + 1)).contains {
          records[i][$0..<$0 + needle.count].elementsEqual(needle)
        }
    }.map(Int32.init)
  }

  static let nameParts = [
    "张", "伟", "李", "娜", "王", "芳", "薛", "文", "A", "b", "Zoe", "É", "e\u{301}", "\u{F900}", "𠀀", "ß", "İ", "Σ",
    " ", "1", "9", "-", "\r\n", "〇", "Ａ",
  ]
  static let tagPool = ["老客", "爱辣", "VIP", "ＡＢ", "Café", "", "素食", "ΣΑΣ"]
  static let notePool = ["", "", "周末带娃，爱提建议", "Likes WINDOW seats", "İstanbul", "不吃香菜"]

  func randomPool(_ n: Int, _ rng: inout some RandomNumberGenerator) -> [Customer] {
    func pick<T>(_ a: [T]) -> T { a[Int.random(in: 0..<a.count, using: &rng)] }
    let alnum = Array("abcXYZ0123456789_")
    return (0..<n).map { i in
      let name = (0..<Int.random(in: 0...4, using: &rng)).map { _ in pick(Self.nameParts) }.joined()
      let wechat = String((0..<Int.random(in: 0...8, using: &rng)).map { _ in pick(alnum) })
      let phone =
        Bool.random(using: &rng) ? "1" + String((0..<10).map { _ in pick(Array("0123456789")) }) : ""
      let tags = (0..<Int.random(in: 0...3, using: &rng)).map { _ in pick(Self.tagPool) }
      return Customer(
        id: "C\(i)", name: name, wechat: wechat, phone: phone, tags: tags, notes: pick(Self.notePool))
    }
  }

  func testRecordsAreByteForByteWhatTheStringWayMade() {
    var rng = SeededRandom(seed: 7)
    let cs = randomPool(400, &rng)
    let idx = SearchIndex(ChunkedArray(cs), pieceSize: 37)
    XCTAssertEqual(idx.count, 400)
    XCTAssertEqual(idx.pieces.count, 11)
    var records: [[UInt8]] = []
    for p in idx.pieces {
      XCTAssertEqual(p.first, records.count)
      for r in 0..<p.count { records.append(Array(p.bytes[Int(p.starts[r])..<Int(p.starts[r + 1])])) }
    }
    XCTAssertEqual(records, referenceRecords(cs))
  }

  func testHitsEqualAPlainSubstringTestWithAndWithoutThePreviousHits() {
    var rng = SeededRandom(seed: 11)
    for round in 0..<6 {
      let cs = randomPool(300, &rng)
      let records = referenceRecords(cs)
      let idx = SearchIndex(ChunkedArray(cs), pieceSize: [1, 5, 64, 1000][round % 4])
      var queries = [
        "1", "19", "192", "z", "zw", "a", "é", "e\u{301}", "ab", "ＡＢ", "老客", "σας", "i̇", "\u{1F}", "zz",
      ]
      for _ in 0..<30 {
        let r = records[Int.random(in: 0..<records.count, using: &rng)]
        let from = Int.random(in: 0..<r.count, using: &rng)
        let len = Int.random(in: 1...4, using: &rng)
        // Record ends aside: a needle with the newline may match across two records.
        queries.append(
          String(decoding: r[from..<min(r.count, from + len)].filter { $0 != 0x0A }, as: UTF8.self))
      }
      for q in queries {
        let hits = idx.search(q)
        XCTAssertEqual(hits, referenceSearch(records, q), "\(q)")
        // Typing one more character re-checks the hits (or sweeps and keeps only those).
        for more in ["1", "a", "伟", "9"] {
          let expected = Set(referenceSearch(records, q + more)).intersection(hits).sorted()
          XCTAssertEqual(idx.search(q + more, within: hits), expected, "\(q)+\(more)")
        }
      }
    }
  }

  func testHandWorkedHits() {
    let cs = [
      Customer(id: "1", name: "张伟", phone: "13800001111"),
      Customer(id: "2", name: "Zoe", wechat: "ZW_88"),
      Customer(id: "3", name: "李娜", tags: ["ＡＢ", "Café"]),
    ]
    let idx = SearchIndex(ChunkedArray(cs), pieceSize: 2)
    XCTAssertEqual(idx.search("zw"), [0, 1], "张伟's initials, Zoe's WeChat id lowercased")
    XCTAssertEqual(idx.search("zhangwei"), [0])
    XCTAssertEqual(idx.search("ａｂ"), [2], "full-width letters are lowercased too")
    XCTAssertEqual(idx.search("ＡＢ caf"), [2], "tags are joined by a space")
    XCTAssertEqual(idx.search("1111"), [0])
    XCTAssertEqual(idx.search("weil"), [], "a match never spans two fields")
    XCTAssertEqual(idx.search(""), [0, 1, 2])
    XCTAssertEqual(SearchIndex().search("a"), [])
    // Re-checking the hits never looks past a record's end, dense or sparse.
    XCTAssertEqual(idx.search("\n", within: [0, 1, 2]), [0, 1, 2])
    XCTAssertEqual(idx.search("\nz", within: [0, 1, 2]), [])
    XCTAssertEqual(idx.search("\nz"), [0], "a sweep does, as it always has: 张伟's end and Zoe's z")
  }
}

/// Pinyin spelled from the table by scalar against `Pinyin` name by name.
final class NamePinyinTests: XCTestCase {
  func spelled(_ names: [String]) -> [String] {
    let table = NamePinyin(count: names.count) { names[$0] }
    return names.indices.map { i in
      var w = ByteWriter(capacity: 16)
      defer { w.free() }
      table.append(i, names[i], separator: UInt8(ascii: "|"), to: &w)
      return String(decoding: UnsafeBufferPointer(start: w.base, count: w.count), as: UTF8.self)
    }
  }

  func testHandWorked() {
    XCTAssertEqual(
      spelled(["张伟", "Anna", "A张b", "a b李", "", "张伟", "12张"]),
      ["zhangwei|zw|", "", "azhangb|azb|", "abli|al|", "", "zhangwei|zw|", "12zhang|1z|"])
  }

  func testSameAsPinyinOnTrickyNames() {
    let names = [
      "张伟", "Anna", "李 娜", "a中b", "Ab12张", "\r\n张", "张\u{301}", "\u{F900}", "更\u{F900}", "𠀀李", "〇", "王-芳",
      "ÉLise王",
      "İ李", "Σ王", "张伟", "x", "李娜娜", "伟A伟",
    ]
    let pinyin = Pinyin()
    let expected = names.map { n -> String in
      guard let t = Pinyin.searchText(pinyin.syllables(n), of: n) else { return "" }
      return t.full + "|" + t.initials + "|"
    }
    XCTAssertEqual(spelled(names), expected)
  }
}
