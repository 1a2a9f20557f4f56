import Foundation
import LiuliangModel
import XCTest

@testable import LiuliangStore

/// A big file is read as two halves at once; wherever the second half starts, the result must
/// be what one reader going through the whole file gets: the same records, problems with the
/// same lines, the same rows kept verbatim in the same places.
final class StretchTests: XCTestCase {
  /// Three columns; rows with quoted line breaks and commas, doubled quotes, a stray quote, a
  /// blank line, CRLF and lone CR endings, a row with four fields, non-ASCII text, a value the
  /// decoder refuses (BAD) and one it reads but notes (NOTE), and no final line break.
  static let body = Array(
    ("a,b,c\n" + "1,x,y\n" + "2,\"two\nlines\",z\n" + "3,\"a, \"\"quoted\"\" comma\",z\n" + "\n"
      + "4,st\"ray,z\n" + "5,crlf,z\r\n" + "6,lone,cr\r" + "7,too,many,fields\n" + "8,BAD,z\n"
      + "9,NOTE,z\n" + "10,留量,z\n" + "11,\"\n\n\",z\n" + "12,last,z").utf8)

  /// Reads `body` after its header, with the second half starting at `split` (nil: one reader).
  func read(split: Int?, plain: Bool, ahead: PlainAhead? = nil) -> (Stretch<[String]>, [[String]]) {
    var context = Context(columns: ["a", "b", "c"], rewritable: true, name: "t.csv")
    context.map = [0, 1, 2]
    context.width = 3
    let bodyStart = Self.body.firstIndex(of: 0x0A)! + 1
    let decode: RowDecoder<[String]> = { r, notes throws(ProblemKind) in
      let fields = [r.text(0), r.text(1), r.text(2)]
      if fields[1] == "BAD" { throw .badValue(field: "b", value: "BAD") }
      if fields[1] == "NOTE" {
        notes.append(Problem(file: "t.csv", line: r.record.line, kind: .unknownCustomer("x")))
      }
      return fields
    }
    // The plain reader leaves BAD and NOTE to the general one, as the log's does with values
    // it has to complain about.
    let plainDecode: PlainDecoder<[String]> = { row in
      let fields = (0..<3).map { String(decoding: row.field($0)!, as: UTF8.self) }
      return fields[1] == "BAD" || fields[1] == "NOTE" ? nil : fields
    }
    return Self.body.withUnsafeBufferPointer { b in
      Stretch<[String]>.read(
        b, from: bodyStart, line: 2, split: split, context: context, release: nil,
        plain: plain ? plainDecode : nil, ahead: ahead,
        decode: decode)
    }
  }

  func assertSame(_ x: (Stretch<[String]>, [[String]]), _ y: (Stretch<[String]>, [[String]]), _ what: String)
  {
    let (a, b) = (x.0, y.0)
    XCTAssertEqual(x.1, y.1, what)
    XCTAssertEqual(a.count, x.1.count, what)
    XCTAssertEqual(a.rows, b.rows, what)
    XCTAssertEqual(a.rowLines, b.rowLines, what)
    XCTAssertEqual(a.kept.map(\.after), b.kept.map(\.after), what)
    XCTAssertEqual(a.kept.map(\.raw), b.kept.map(\.raw), what)
    XCTAssertEqual(a.problems, b.problems, what)
    XCTAssertEqual(a.notes, b.notes, what)
    XCTAssertEqual(a.end, b.end, what)
    XCTAssertEqual(a.line, b.line, what)
  }

  func testOneReaderReadsWhatTheRulesSay() {
    let (one, records) = read(split: nil, plain: false)
    XCTAssertEqual(
      records.map { $0[0] }, ["1", "2", "3", "5", "6", "9", "10", "11", "12"],
      "4 has a stray quote, 7 four fields, 8 a refused value")
    XCTAssertEqual(records[1], ["2", "two\nlines", "z"])
    XCTAssertEqual(records[2], ["3", "a, \"quoted\" comma", "z"])
    XCTAssertEqual(records[6], ["10", "留量", "z"])
    // Lines: the header is 1; row 2's line break makes row 3 start on line 5.
    XCTAssertEqual(one.rowLines, [2, 3, 5, 8, 9, 12, 13, 14, 17])
    XCTAssertEqual(
      one.problems.map(\.line), [7, 10, 11], "the stray quote, the four fields, the refused value")
    XCTAssertEqual(one.notes.map(\.line), [12])
    XCTAssertEqual(one.kept.map(\.after), [3, 3, 5, 5], "the blank line, then 4, 7 and 8")
    XCTAssertEqual(one.end, Self.body.count)
  }

  func testPlainRowsReadAsTheGeneralReaderReadsThem() {
    assertSame(read(split: nil, plain: true), read(split: nil, plain: false), "plain")
  }

  func testEverySplitPointGivesTheSameResult() {
    let one = read(split: nil, plain: false)
    let bodyStart = Self.body.firstIndex(of: 0x0A)! + 1
    // Every byte, also inside quoted fields and in the middle of rows: a wrong start for the
    // second half must only cost time.
    for split in bodyStart...Self.body.count {
      assertSame(read(split: split, plain: true), one, "split at \(split)")
      assertSame(read(split: split, plain: false), one, "split at \(split), general reader")
    }
  }

  func testTheSplitPointIsALineStartOutsideQuotes() {
    // The middle of this body falls inside a quoted field that spans many lines.
    let text = "a,b\n" + "1,\"" + String(repeating: "x\n", count: 50) + "\"\n" + "2,y\n" + "3,z\n"
    let bytes = Array(text.utf8)
    let split = bytes.withUnsafeBufferPointer { Stretch<[String]>.splitPoint($0, from: 4) }
    XCTAssertEqual(split, text.utf8.count - "3,z\n".utf8.count - "2,y\n".utf8.count)
    let none = Array("a,b\n1,\"x\n".utf8).withUnsafeBufferPointer {
      Stretch<[String]>.splitPoint($0, from: 4)
    }
    XCTAssertNil(none, "no line start outside the quotes")
  }

  /// A whole store read in halves, down to the smallest file, is the store read whole: the
  /// same records and problems, and after the same edit the same bytes on disk.
  func testAStoreReadInHalvesIsTheStoreReadWhole() throws {
    let customers = String(decoding: StoreTests.customers, as: UTF8.self) + "\r\nC1,重复,,,2026-03-05,\r\n"
    let visits =
      "customer,date,time,amount\n"
      + (0..<40).map { "C\([1, 3, 6, 9][$0 % 4]),2026-03-\(10 + $0 % 9),12:00,\($0)\n" }.joined()
      + "C1,2026-03-40,12:00,5\n" + "C3,\"2026-03-11\",\"12:30\",7\n"
    func load(splitFrom: Int) throws -> (Store, String) {
      let folder = try temporaryFolder("halves")
      try customers.write(toFile: folder + "/customers.csv", atomically: true, encoding: .utf8)
      try visits.write(toFile: folder + "/visits.csv", atomically: true, encoding: .utf8)
      let before = Reading.splitFrom
      Reading.splitFrom = splitFrom
      defer { Reading.splitFrom = before }
      return (try Store(folder: folder, mode: .readWrite), folder)
    }
    let (whole, a) = try load(splitFrom: Int.max)
    let (halves, b) = try load(splitFrom: 1)
    XCTAssertEqual(halves.dataset, whole.dataset)
    XCTAssertEqual(halves.problems, whole.problems)
    // Visit row k is on line k + 2; every fourth names C9, who is nobody.
    let nobody = stride(from: 3, to: 40, by: 4).map { "visits.csv:\($0 + 2)" }
    XCTAssertEqual(
      whole.problems.map(\.place),
      ["customers.csv:3", "customers.csv:5", "customers.csv:6", "customers.csv:8"] + nobody + [
        "visits.csv:42"
      ],
      "C2, C4, C5, the second C1; the visits of C9; the 40th of March")
    XCTAssertEqual(
      whole.dataset.visits.count, 41, "the 40 rows (C9's still count for the shop) and the quoted one")
    for s in [whole, halves] {
      var ds = s.dataset
      ds.customers[1].name = "王芳芳"
      try s.save(ds)
    }
    XCTAssertEqual(
      try Data(contentsOf: URL(fileURLWithPath: b + "/customers.csv")),
      try Data(contentsOf: URL(fileURLWithPath: a + "/customers.csv")))
  }

  /// The fields a warming ahead was shown, and the word it points every row's lookup at.
  final class Noted: @unchecked Sendable {
    var fields: [String] = []
    let word = UnsafeMutablePointer<UInt64>.allocate(capacity: 1)
    init(_ value: UInt64) { word.initialize(to: value) }
    deinit { word.deallocate() }
  }

  /// A warming of `column` ahead that notes each field it is shown, every row's lookup
  /// pointed at one word holding `value`.
  func noting(column: Int, value: UInt64) -> (PlainAhead, Noted) {
    let noted = Noted(value)
    let ahead = PlainAhead(column: column) { bytes in
      noted.fields.append(String(decoding: bytes, as: UTF8.self))
      return UnsafeRawPointer(noted.word)
    }
    return (ahead, noted)
  }

  /// Warming the rows' lookups ahead changes nothing read, and is told each row's field of the
  /// column it looks up (here b), so that it warms the place that row's lookup will read.
  func testWarmingAheadReadsTheSameAndSeesEachRowsField() {
    let (ahead, seen) = noting(column: 1, value: 7)
    let warmed = read(split: nil, plain: true, ahead: ahead)
    assertSame(warmed, read(split: nil, plain: true), "warmed ahead")
    assertSame(warmed, read(split: nil, plain: false), "warmed ahead, against the general reader")
    XCTAssertGreaterThan(warmed.0.warmed, 0, "the warmed places were read")
    // Line feeds end a warmed row (a lone CR does not), a quoted field is only guessed at (the
    // rest of a quoted line break reads as a row of its own), and a blank line has no field b.
    XCTAssertEqual(
      seen.fields,
      ["x", "\"two", "z", "\"a", "st\"ray", "crlf", "lone", "BAD", "NOTE", "留量", "\"", "z", "last"])
  }

  /// Past its first sixteen rows the warming goes on sixteen at a time: every row once, in order.
  func testWarmingAheadSeesEveryRowOnce() {
    let (ahead, seen) = noting(column: 0, value: 1)
    let ids = (1...40).map { "c\($0)" }
    let body = Array(ids.map { $0 + ",v\n" }.joined().utf8)
    var context = Context(columns: ["a", "b"], rewritable: false, name: "t.csv")
    context.map = [0, 1]
    context.width = 2
    let (stretch, records) = body.withUnsafeBufferPointer { b in
      Stretch<String>.read(
        b, from: 0, line: 1, split: nil, context: context, release: nil,
        plain: { String(decoding: $0.field(0)!, as: UTF8.self) }, ahead: ahead,
        decode: { r, _ throws(ProblemKind) in r.text(0) })
    }
    XCTAssertEqual(records, ids)
    XCTAssertEqual(seen.fields, ids)
    XCTAssertEqual(stretch.warmed, 40)
  }
}
