import Foundation
import XCTest

@testable import LiuliangSearch

/// Names read from the embedded table (pinyin/readings.txt) exactly as ICU read them before.
final class PinyinTableTests: XCTestCase {
  func search(_ name: String) -> String {
    guard let t = Pinyin.searchText(Pinyin().syllables(name), of: name) else { return "" }
    return t.full + " " + t.initials
  }

  /// Names of the demo shop, read by hand from a dictionary.
  func testDemoNames() {
    XCTAssertEqual(search("张伟"), "zhangwei zw")
    XCTAssertEqual(search("杨军"), "yangjun yj")
    XCTAssertEqual(search("段伟梦"), "duanweimeng dwm")
    XCTAssertEqual(search("丁凯怡"), "dingkaiyi dky")
    XCTAssertEqual(search("薛文丹"), "xuewendan xwd")
    XCTAssertEqual(search("侯梓"), "houzi hz")
    XCTAssertEqual(search("司马旭"), "simaxu smx")
    XCTAssertEqual(search("欧阳"), "ouyang oy")
    XCTAssertEqual(search("木木"), "mumu mm")
  }

  /// A character with several readings reads as the common word does, not as the surname:
  /// 曾 céng (the surname is Zēng), 覃 tán (Qín), 单 dān (Shàn), 解 jiě (Xiè). The search
  /// always found 曾洋 by `cengyang`; the table keeps it so.
  func testSurnamesReadAsTheCommonWord() {
    XCTAssertEqual(search("曾洋"), "cengyang cy")
    XCTAssertEqual(search("覃静亮"), "tanjingliang tjl")
    XCTAssertEqual(search("单"), "dan d")
    XCTAssertEqual(search("解"), "jie j")
  }

  /// Beyond the ideographs: accents dropped, kana and Hangul romanized, letters and digits
  /// kept, anything without a reading skipped.
  func testOtherScripts() {
    XCTAssertEqual(Pinyin().syllables("Zoë王"), ["zo", "e", "wang"])
    XCTAssertEqual(Pinyin().syllables("e\u{301}李"), ["e", "li"], "a letter and its accent")
    XCTAssertEqual(Pinyin().syllables("A1-张😀"), ["a1", "zhang"])
    XCTAssertEqual(Pinyin().syllables("𠀀"), ["he"], "U+20000, beyond the BMP: hē")
  }

  /// Every scalar of the Basic Multilingual Plane, and every 16th beyond, against ICU itself:
  /// the table is what the search read before it, not only for the names above.
  func testEveryScalarAsICUReadsIt() {
    func icu(_ s: Unicode.Scalar) -> String {
      let latin =
        String(Character(s)).applyingTransform(.toLatin, reverse: false)?
        .applyingTransform(.stripDiacritics, reverse: false)?.lowercased() ?? ""
      return String(
        latin.unicodeScalars.filter { $0.isASCII && $0.properties.isAlphabetic }.map(Character.init))
    }
    var differ: [String] = []
    for v in Array(0x80..<0x10000) + Array(stride(from: 0x10000, to: 0x110000, by: 16)) {
      guard let s = Unicode.Scalar(UInt32(v)) else { continue }
      let table = Pinyin().syllable(Character(s)) ?? ""
      if table != icu(s) { differ.append(String(v, radix: 16) + " " + table + " " + icu(s)) }
    }
    XCTAssertEqual(differ.prefix(10), [])
  }
}
