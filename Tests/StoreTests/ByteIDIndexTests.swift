import XCTest

@testable import LiuliangStore

/// The id index by bytes answers what a dictionary of the first index of each id answers: for
/// short ids (kept inline in the table), long ones, numbered ones, duplicates and misses.
final class ByteIDIndexTests: XCTestCase {
  func check(_ ids: [String], misses: [String], file: StaticString = #filePath, line: UInt = #line) {
    var first: [String: Int] = [:]
    var dups: [Int] = []
    for (i, id) in ids.enumerated() {
      if first[id] == nil { first[id] = i } else { dups.append(i) }
    }
    let index = ByteIDIndex(ids)
    for (id, i) in first { XCTAssertEqual(index.lookup(id), Int32(i), id, file: file, line: line) }
    for m in misses { XCTAssertNil(index.lookup(m), m, file: file, line: line) }
    XCTAssertEqual(index.duplicates.map(\.at), dups, file: file, line: line)
    XCTAssertEqual(index.duplicates.map(\.first), dups.map { first[ids[$0]]! }, file: file, line: line)
  }

  func testShortIdsInline() {
    var rng = SystemRandomNumberGenerator()
    let letters = Array("abcxyz019")
    var ids = (0..<5000).map { _ in
      String((0..<Int.random(in: 0...11, using: &rng)).map { _ in letters.randomElement(using: &rng)! })
    }
    ids += ["u0123456789", "u012345678", "", "ab", "ab", "éé名"]
    // Ids that differ in one byte only, at each place.
    let base = Array("abcdefghijk")
    for p in base.indices {
      var v = base
      v[p] = "Z"
      ids.append(String(v))
    }
    ids.append(String(base))
    XCTAssertTrue(ids.allSatisfy { $0.utf8.count <= Packed.most })
    // One byte longer than any id kept inline, and ids that share their first eight bytes.
    check(ids, misses: ["u01234567890", "u012345679", "zzzzzzzzzzz", "abc\u{0}"])
  }

  /// Ids differing in any one byte, or only in length, pack to different words: the inline
  /// table compares these words alone once the hash has led it to a slot.
  func testPackedWordsTellEveryByteApart() {
    let base = Array("abcdefghijk".utf8)
    var seen: [String: [UInt8]] = [:]
    var variants: [[UInt8]] = [base, Array(base.prefix(10)), base.prefix(10) + [0], []]
    for p in base.indices {
      var v = base
      v[p] = 0x5A
      variants.append(v)
    }
    for v in variants {
      let k = v.withUnsafeBufferPointer { Packed($0) }
      let key = "\(k.high) \(k.low)"
      XCTAssertNil(seen[key], "\(v) packs like \(seen[key] ?? [])")
      seen[key] = v
    }
  }

  func testLongIdsAndMixedLengths() {
    let ids = (0..<3000).map { "wxid_customer_\($0 % 2500)" } + ["short", "a"]
    check(ids, misses: ["wxid_customer_2500", "wxid_customer_", "shor", "b"])
  }

  func testNumberedIds() {
    let ids = (1...2000).map { "C" + String(repeating: "0", count: 5 - String($0).count) + String($0) }
    check(ids, misses: ["C00000", "C02001", "C0001", "D00001"])
  }
}
