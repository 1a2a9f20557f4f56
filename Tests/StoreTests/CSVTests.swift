import LiuliangModel
import XCTest

@testable import LiuliangStore

/// Every quoting case of RFC 4180, and the files Excel and WPS save.
final class CSVTests: XCTestCase {
  func records(_ bytes: [UInt8]) -> [(line: Int, fields: [String], fault: CSVFault?, raw: [UInt8])] {
    var out: [(Int, [String], CSVFault?, [UInt8])] = []
    bytes.withUnsafeBufferPointer { b in
      CSV.parse(b, from: CSV.bomLength(b)) { r in out.append((r.line, r.fields, r.fault, Array(b[r.raw]))) }
    }
    return out.map { (line: $0.0, fields: $0.1, fault: $0.2, raw: $0.3) }
  }

  func records(_ s: String) -> [(line: Int, fields: [String], fault: CSVFault?, raw: [UInt8])] {
    records(Array(s.utf8))
  }

  func testPlainFieldsAndLineEndings() {
    XCTAssertEqual(records("a,b\nc,d\n").map(\.fields), [["a", "b"], ["c", "d"]])
    XCTAssertEqual(records("a,b\r\nc,d\r\n").map(\.fields), [["a", "b"], ["c", "d"]])
    XCTAssertEqual(records("a,b\r\nc,d").map(\.fields), [["a", "b"], ["c", "d"]], "no final newline")
    XCTAssertEqual(records("a,b\nc,d").last?.raw, Array("c,d".utf8))
  }

  func testEmptyFields() {
    XCTAssertEqual(records("a,,c\n").map(\.fields), [["a", "", "c"]])
    XCTAssertEqual(records(",\n").map(\.fields), [["", ""]])
    XCTAssertEqual(records("a,\n").map(\.fields), [["a", ""]])
    XCTAssertEqual(records("a,").map(\.fields), [["a", ""]], "trailing comma at end of file")
    XCTAssertEqual(records("\"\",x\n").map(\.fields), [["", "x"]], "quoted empty field")
  }

  func testQuotedCommaQuoteAndNewline() {
    XCTAssertEqual(records("\"a,b\",c\n").map(\.fields), [["a,b", "c"]])
    XCTAssertEqual(records("\"say \"\"hi\"\"\",x\n").map(\.fields), [["say \"hi\"", "x"]])
    let r = records("id,note\n1,\"line one\nline two\"\n2,x\n")
    XCTAssertEqual(r.map(\.fields), [["id", "note"], ["1", "line one\nline two"], ["2", "x"]])
    XCTAssertEqual(r.map(\.line), [1, 2, 4], "a record after a newline inside quotes starts two lines on")
    XCTAssertEqual(
      records("\"a\r\nb\",c\r\n").map(\.fields), [["a\r\nb", "c"]], "CRLF inside quotes is data")
  }

  func testBOMAndChinese() {
    let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("姓名,标签\r\n张伟,\"老客;爱辣\"\r\n".utf8)
    XCTAssertEqual(records(bytes).map(\.fields), [["姓名", "标签"], ["张伟", "老客;爱辣"]])
  }

  func testFaults() {
    XCTAssertEqual(records("a,\"open\nb,c\n").last?.fault, .unterminatedQuote)
    XCTAssertEqual(records("a,\"open\nb,c\n").count, 1, "the rest of the file is one record")
    let after = records("\"a\"b,c\nd,e\n")
    XCTAssertEqual(after.first?.fault, .textAfterQuote)
    XCTAssertEqual(after.last?.fields, ["d", "e"], "reading resumes on the next line")
    XCTAssertEqual(records("a\"b,c\n").first?.fault, .strayQuote)
    XCTAssertEqual(records([0x61, 0xFF, 0x0A]).first?.fault, .invalidUTF8)
    XCTAssertEqual(records([0x61, 0x00, 0x0A]).first?.fault, .nulByte)
    XCTAssertEqual(records([0xE5, 0xBC, 0x0A]).first?.fault, .invalidUTF8, "a cut three-byte character")
  }

  func testEncodingQuotesOnlyWhatNeedsIt() {
    var out: [UInt8] = []
    CSV.appendRecord(
      ["plain", "a,b", "say \"hi\"", "two\nlines", "", "张伟"], lineEnding: [0x0D, 0x0A], to: &out)
    XCTAssertEqual(
      String(decoding: out, as: UTF8.self), "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",,张伟\r\n")
  }

  func testRoundTripOfAwkwardFields() {
    let fields = ["", "\"", "\"\"", ",", "\n", "\r\n", " lead", "trail ", "a\"b", "中,文"]
    var out: [UInt8] = []
    CSV.appendRecord(fields, lineEnding: [0x0A], to: &out)
    XCTAssertEqual(records(out).map(\.fields), [fields])
  }
}

final class TagTests: XCTestCase {
  func testTagsSplitAtSemicolonsAndLoseTheirSpaces() {
    XCTAssertEqual(RecordCodec.tags("a; b;;c"), ["a", "b", "c"])
    XCTAssertEqual(RecordCodec.tags(" 素食 ;  ; 喜欢 靠窗;"), ["素食", "喜欢 靠窗"])
    XCTAssertEqual(RecordCodec.tags(""), [])
    XCTAssertEqual(RecordCodec.tags(" ; "), [])
  }
}
