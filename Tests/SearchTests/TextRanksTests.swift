import LiuliangGenerator
import LiuliangModel
import XCTest

@testable import LiuliangSearch

/// Sort keys made from bytes against sorting the `String`s themselves.
final class TextRanksTests: XCTestCase {
  func ranks(_ texts: [String]) -> [UInt32] {
    TextRanks.ranks(count: texts.count, utf8: { $1.append(texts[$0]) }, text: { texts[$0] })
  }

  /// Dense ranks the plain way, sorting as `String`s: the fallback the byte ranks stand for.
  func referenceRanks(_ v: [String]) -> [UInt32] { TextRanks.ranks(v) }

  func testHandWorked() {
    // Decomposed é equals precomposed é, and both sort after "f" (U+00E9 > U+0066), where
    // its own bytes (65 CC 81) would have put it between "e" and "f".
    XCTAssertEqual(ranks(["e\u{301}", "é", "f", "e"]), [2, 2, 1, 0])
    XCTAssertEqual(ranks(["b", "a", "B", "", "a"]), [3, 2, 1, 0, 2])
    // Longer than the eight bytes compared at once.
    XCTAssertEqual(ranks(["张伟伟", "张伟", "张伟伟a", "张伟伟"]), [1, 0, 2, 1])
    XCTAssertEqual(ranks(["a\u{0}", "a", "abcdefghij1", "abcdefghij0", "abcdefgh"]), [1, 0, 4, 3, 2])
    XCTAssertEqual(ranks([]), [])
  }

  /// Texts whose bytes decide: ASCII of both cases, Latin letters below U+0300, NUL, ideographs.
  func testSameAsStringSortOnTextsOrderedByBytes() {
    check(["a", "B", "b", "张", "伟", "é", "Å", "ǅ", "ſ", "\u{0}", "", "9", " ", "张伟伟伟"], seed: 3)
  }

  /// Columns with any other text are sorted as Strings, the way they always were.
  func testSameAsStringSortWithDecomposedAndCompatibilityTexts() {
    check(
      ["a", "é", "e\u{301}", "e", "\u{301}", "A\u{30A}", "\u{212B}", "한", "ﬀ", "😀", "Ω", "\u{2126}", "，"],
      seed: 5)
  }

  func check(_ parts: [String], seed: UInt64) {
    var rng = SeededRandom(seed: seed)
    for _ in 0..<40 {
      let texts = (0..<120).map { _ in
        (0..<Int.random(in: 0...5, using: &rng)).map { _ in
          parts[Int.random(in: 0..<parts.count, using: &rng)]
        }
        .joined()
      }
      XCTAssertEqual(ranks(texts), referenceRanks(texts), "\(texts)")
    }
  }
}

/// The byte shortcuts against the `String` operations they stand for.
final class UTF8TextTests: XCTestCase {
  func testCaselessScalarsAreLeftAloneByLowercased() {
    for v in UInt32(0x2000)...0xFFEF where UTF8Text.isCaseless(v) {
      guard let s = Unicode.Scalar(v) else { continue }
      XCTAssertEqual(String(s).lowercased(), String(s), "U+\(String(v, radix: 16))")
    }
    XCTAssertFalse(UTF8Text.isCaseless(0xFF21), "Ａ")
  }

  func testLowercasedBytesEqualLowercased() {
    for s in ["", "ABC xyz", "张伟ABC", "ÀB", "İstanbul", "ΣΑΣ", "ＡＢＣ", "ａ", "，。…“”", "e\u{301}É", "😀Z"] {
      var w = ByteWriter(capacity: 4)
      defer { w.free() }
      UTF8Text.appendLowercased(s, to: &w)
      XCTAssertEqual(Array(UnsafeBufferPointer(start: w.base, count: w.count)), Array(s.lowercased().utf8), s)
    }
  }

  func testWhichTextsCompareAsBytes() {
    for (s, bytewise) in [
      ("张伟", true), ("Café", true), ("", true), ("a\u{0}", true), ("e\u{301}", false), ("한", false),
      ("\u{F900}", false), ("𠀀", false), ("，", false),
    ] {
      XCTAssertEqual(UTF8Text.withBytes(s, UTF8Text.comparesAsBytes), bytewise, s)
    }
  }
}
