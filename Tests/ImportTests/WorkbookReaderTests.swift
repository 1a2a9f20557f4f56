import Foundation
import LiuliangImport
import LiuliangTestSupport
import XCTest

/// The xlsx reader's own zip and XML code: what it must read as Excel and WPS write it, and
/// every malformation, entity trick and archive trick refused with a thrown error, not a trap.
final class WorkbookReaderTests: XCTestCase {
  static let sheetPath = "xl/worksheets/sheet1.xml"
  static let head =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    + "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">\n<sheetData>\n"
  static let tail = "\n</sheetData></worksheet>"

  /// A one-sheet workbook whose sheet is `head + body + tail` (the body starts on line 4).
  func book(_ body: String, extra: [(String, String)] = [], deflate: Bool = true) -> [UInt8] {
    var zip = ZipWriter()
    for (path, text) in extra { zip.add(path, Array(text.utf8), deflate: deflate) }
    zip.add(Self.sheetPath, Array((Self.head + body + Self.tail).utf8), deflate: deflate)
    return zip.archive
  }

  func error(_ bytes: [UInt8], file: StaticString = #filePath, line: UInt = #line) -> ImportError? {
    do {
      let sheet = try Sheet.read(bytes)
      XCTFail("read as \(sheet)", file: file, line: line)
      return nil
    } catch {
      return error
    }
  }

  func testReferencesCDATACommentsAndPrefixesReadAsExcelMeansThem() throws {
    let bytes = book(
      """
      <row r="1"><c r="A1" t="inlineStr"><is><t>name</t></is></c><c r="B1" t='inlineStr'><is><t>note</t></is></c></row>
      <!-- a comment holding <c> is no cell --><?mso-application progid="Excel.Sheet"?>
      <row r="2"><c r="A2" t="inline&#83;tr"><is><t>&lt;&gt;&amp;&apos;&quot;&#20013;&#x6587;</t></is></c>\
      <c r="B2" t="inlineStr"><is><t><![CDATA[a<b&c]]></t></is></c></row>
      <x:row r="3"><x:c r="A3" t="inlineStr"><x:is><x:t>p&amp;q</x:t></x:is></x:c>\
      <x:c r="B3" t="inlineStr"><x:is><x:t><![CDATA[x]]]></x:t></x:is></x:c></x:row>
      """)
    let sheet = try Sheet.read(bytes)
    XCTAssertEqual(sheet.header, ["name", "note"])
    XCTAssertEqual(
      sheet.rows,
      [
        Sheet.Row(line: 2, cells: ["<>&'\"中文", "a<b&c"]),
        Sheet.Row(line: 3, cells: ["p&q", "x]"]),
      ])
  }

  /// Each malformation names the part and the line it is on.
  func testEveryMalformationIsABrokenPartWithItsLine() {
    let part = Self.sheetPath
    let cases: [(String, Int)] = [
      ("<row><c><v>1</x></c></row>", 4),
      ("<row><c t=\"inlineStr\"><is><t>a&nbsp;b</t></is></c></row>", 4),
      ("<row>\n<c><v>&#0;</v></c></row>", 5),
      ("<row><c><v>&#xD800;</v></c></row>", 4),
      ("<row><c><v>&#99999999999;</v></c></row>", 4),
      ("<row><c r=A1><v>1</v></c></row>", 4),
      ("<row><c r=\"A1\"r=\"B1\"><v>1</v></c></row>", 4),
      ("<row><c r=\"A1\" r=\"B1\"><v>1</v></c></row>", 4),
      ("<row><c><v>1\u{1}</v></c></row>", 4),
      ("<row><c><v a=\"<\">1</v></c></row>", 4),
      // Found at the end of the part, on the tail's line.
      ("\n\n<row><c><v>1<!-- never closed", 7),
      ("<row><c><v><![CDATA[never closed", 5),
      ("<row><c><v>1</v></c></row></sheetData></worksheet><worksheet>", 4),
      ("<row><1c/></row>", 4),
    ]
    for (body, line) in cases {
      XCTAssertEqual(error(book(body)), .badWorkbook("\(part):\(line)"), body)
    }
    // An element whose attributes hold more than 1 MB together (600 of 2,000 bytes each).
    let value = String(repeating: "x", count: 2000)
    let wide = "<row><c " + (0..<600).map { "a\($0)=\"\(value)\"" }.joined(separator: " ") + "/></row>"
    XCTAssertEqual(error(book(wide)), .badWorkbook("\(part):4"))
    // Text outside the root, a missing end, and bytes that are not UTF-8.
    var zip = ZipWriter()
    zip.add(part, Array((Self.head + "<row><c><v>1</v></c></row>").utf8))
    XCTAssertEqual(error(zip.archive), .badWorkbook("\(part):4"))
    zip = ZipWriter()
    zip.add(part, Array((Self.head + Self.tail + "\nx").utf8))
    XCTAssertEqual(error(zip.archive), .badWorkbook("\(part):6"))
    zip = ZipWriter()
    zip.add(
      part,
      Array((Self.head + "<row><c t=\"inlineStr\"><is><t>").utf8) + [0xFF] + Array("</t></is></c></row>".utf8)
    )
    XCTAssertEqual(error(zip.archive), .badWorkbook("\(part):4"))
  }

  /// External entities (XXE) and entity expansion (billion laughs) are declared in a DOCTYPE:
  /// any DOCTYPE is refused, in every part read, before an entity is declared.
  func testADoctypeIsRefusedInEveryPart() {
    let xxe =
      "<?xml version=\"1.0\"?><!DOCTYPE worksheet [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
      + "<worksheet><sheetData><row><c t=\"inlineStr\"><is><t>&xxe;</t></is></c></row></sheetData></worksheet>"
    var zip = ZipWriter()
    zip.add(Self.sheetPath, Array(xxe.utf8))
    XCTAssertEqual(error(zip.archive), .entities(Self.sheetPath))

    var laughs = "<?xml version=\"1.0\"?><!DOCTYPE sst [<!ENTITY l0 \"ha\">"
    for i in 1...9 { laughs += "<!ENTITY l\(i) \"" + String(repeating: "&l\(i - 1);", count: 10) + "\">" }
    laughs += "]><sst><si><t>&l9;</t></si></sst>"
    let shared = book("<row><c t=\"s\"><v>0</v></c></row>", extra: [("xl/sharedStrings.xml", laughs)])
    XCTAssertEqual(error(shared), .entities("xl/sharedStrings.xml"))

    // workbook.xml is read leniently (a damaged one falls back to sheet1), but not this.
    let workbook = book(
      "<row><c><v>1</v></c></row>",
      extra: [("xl/workbook.xml", "<!DOCTYPE w [<!ENTITY e SYSTEM \"/etc/passwd\">]><workbook/>")])
    XCTAssertEqual(error(workbook), .entities("xl/workbook.xml"))
  }

  /// Names and targets that climb out of the package, duplicate names, encryption and
  /// compression methods no spreadsheet uses.
  func testArchiveTricksAreRefused() throws {
    var zip = ZipWriter()
    zip.add("../../evil.xml", Array("<x/>".utf8))
    zip.add(Self.sheetPath, Array((Self.head + "<row><c><v>1</v></c></row>" + Self.tail).utf8))
    XCTAssertEqual(error(zip.archive), .badWorkbook("zip"))

    zip = ZipWriter()
    zip.add(Self.sheetPath, Array("<worksheet/>".utf8))
    zip.add(Self.sheetPath, Array("<worksheet/>".utf8))
    XCTAssertEqual(error(zip.archive), .badWorkbook("zip"))

    func relating(_ target: String) -> [UInt8] {
      book(
        "<row><c t=\"inlineStr\"><is><t>name</t></is></c></row>",
        extra: [
          (
            "xl/workbook.xml",
            "<workbook xmlns:r=\"r\"><sheets><sheet name=\"a\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"
          ),
          (
            "xl/_rels/workbook.xml.rels",
            "<Relationships><Relationship Id=\"rId1\" Target=\"\(target)\"/></Relationships>"
          ),
        ])
    }
    XCTAssertEqual(error(relating("../../../etc/passwd")), .badWorkbook("../../../etc/passwd"))
    for target in ["/xl/worksheets/sheet1.xml", "../xl/worksheets/sheet1.xml", "./worksheets/sheet1.xml"] {
      XCTAssertEqual(try Sheet.read(relating(target)).header, ["name"], target)
    }

    // Flags and method of the one entry, in both headers.
    let plain = book("<row><c><v>1</v></c></row>")
    func patched(_ at: (local: Int, central: Int), _ value: UInt8) -> [UInt8] {
      var b = plain
      let central = Int(b[b.count - 6]) | Int(b[b.count - 5]) << 8
      b[at.local] = value
      b[central + at.central] = value
      return b
    }
    XCTAssertEqual(error(patched((6, 8), 1)), .badWorkbook(Self.sheetPath), "encrypted")
    XCTAssertEqual(error(patched((8, 10), 12)), .badWorkbook(Self.sheetPath), "bzip2")
  }

  /// Any byte of a part's data changed: the CRC (or inflate, or the XML) refuses it, so a
  /// damaged part is never read as if it were whole.
  func testEveryDamagedByteOfAPartIsCaught() {
    for deflate in [true, false] {
      let good = book("<row><c t=\"inlineStr\"><is><t>name</t></is></c></row>", deflate: deflate)
      let name = Self.sheetPath.utf8.count
      let directory = Int(good[good.count - 6]) | Int(good[good.count - 5]) << 8
      for i in (30 + name)..<directory {
        var bad = good
        bad[i] ^= 0x04
        guard case .badWorkbook(let part)? = error(bad) else {
          XCTFail("byte \(i), deflate \(deflate)")
          continue
        }
        XCTAssertTrue(part.hasPrefix(Self.sheetPath), "byte \(i): \(part)")
      }
    }
  }

  /// Archives cut short or pointing anywhere: one thrown error each, whatever the cut.
  func testEveryTruncationIsAnError() {
    let good = book("<row><c t=\"inlineStr\"><is><t>name</t></is></c></row>")
    for n in 4..<good.count {
      guard case .badWorkbook? = error(Array(good[0..<n])) else { return XCTFail("cut at \(n)") }
    }
  }

  /// Inputs the 100,000-input reader fuzz found crashing the XML library once used: mutated
  /// shared strings whose CRC no longer matches.
  func testTheFuzzersXLSXFindsAreBrokenWorkbooks() throws {
    let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("crashes")
    for name in ["seed8642-customers-30268.xlsx", "seed8642-customers-38122.xlsx"] {
      let bytes = [UInt8](try Data(contentsOf: folder.appendingPathComponent(name)))
      XCTAssertEqual(error(bytes), .badWorkbook("xl/sharedStrings.xml"), name)
    }
  }
}
