import Foundation
import LiuliangModel
import XCTest

@testable import LiuliangStore

#if canImport(Glibc)
  import Glibc
#endif

/// A rewrite holds neither the old file's bytes nor the new one's: it copies the rows it keeps
/// from the file on disk, a megabyte at a time, and only from the file it loaded.
final class StreamedRewriteTests: XCTestCase {
  var folder = ""

  override func setUpWithError() throws {
    folder = try temporaryFolder("stream")
  }

  override func tearDownWithError() throws {
    WriteProbe.room = nil
  }

  var path: String { folder + "/customers.csv" }

  func onDisk() throws -> [UInt8] { Array(try Data(contentsOf: URL(fileURLWithPath: path))) }

  func write(_ text: String) throws { try Data(text.utf8).write(to: URL(fileURLWithPath: path)) }

  /// Rows of a customers.csv several megabytes long, so that a rewrite goes through many
  /// windows of the old file and many writes of the new: CRLF, an unknown column, quoted
  /// notes, a row every 997 that can't be read (a bad date), and one row of 1.5 MB.
  func bigRows() -> [String] {
    var rows: [String] = []
    for i in 0..<80_000 {
      let joined = i % 997 == 5 ? "2026-02-30" : "2026-01-0\(1 + i % 9)"
      let notes = i == 20_001 ? String(repeating: "长", count: 500_000) : "\"备注, \(i)\""
      rows.append("C\(i),客\(i),推荐\(i % 7),\(joined),\(notes)\r\n")
    }
    return rows
  }

  static let header = "\u{FEFF}id,name,referrer,joined,notes\r\n"

  func testARewriteAfterLoadGivesBackEveryOtherRowByteForByte() throws {
    var rows = bigRows()
    // A last row without a line ending keeps lacking it.
    rows[rows.count - 1].removeLast()  // "\r\n" is one Character
    try write(Self.header + rows.joined())
    XCTAssertGreaterThan(try onDisk().count, 3 * FileSink.capacity)
    let s = try Store(folder: folder, mode: .readWrite)
    XCTAssertEqual(s.problems.count, 81, "every 997th row from the 6th, kept verbatim")
    var ds = s.dataset
    let k = try XCTUnwrap(ds.customers.firstIndex { $0.id == "C30000" })
    ds.customers[k].name = "改名"
    try s.save(ds)
    rows[30_000] = "C30000,改名,推荐5,2026-01-04,\"备注, 30000\"\r\n"
    XCTAssertEqual(try onDisk(), Array((Self.header + rows.joined()).utf8))
    // The table of the file just written knows where its rows are: a second save copies them.
    ds.customers.remove(at: try XCTUnwrap(ds.customers.firstIndex { $0.id == "C2" }))
    ds.customers[0].notes = "首行"
    try s.save(ds)
    rows.remove(at: 2)
    rows[0] = "C0,客0,推荐0,2026-01-01,首行\r\n"
    XCTAssertEqual(try onDisk(), Array((Self.header + rows.joined()).utf8))
    XCTAssertTrue(try Store(folder: folder, mode: .readOnly).dataset.customers == ds.customers)
  }

  /// Records in a new order: each row is read where it is, and comes back whole.
  func testRecordsInANewOrderComeBackByteForByte() throws {
    let rows = (0..<60_000).map { "C\($0),客\($0),推荐\($0 % 7),2026-01-0\(1 + $0 % 9),\"备注, \($0)\"\r\n" }
    try write(Self.header + rows.joined())
    let s = try Store(folder: folder, mode: .readWrite)
    var ds = s.dataset
    ds.customers = ChunkedArray(ds.customers.reversed())
    try s.save(ds)
    XCTAssertEqual(try onDisk(), Array((Self.header + rows.reversed().joined()).utf8))
  }

  /// Someone writes into the file in place, same size, and sets its time back: its size,
  /// inode and time say nothing changed, but its bytes do, and none of them is copied.
  func testAFileChangedInPlaceBehindTheStoresBackIsNotCopiedFrom() throws {
    try write(Self.header + bigRows().joined())
    let s = try Store(folder: folder, mode: .readWrite)
    var st = stat()
    XCTAssertEqual(stat(path, &st), 0)
    let theirs = Array("C1,客7".utf8)
    let at = try XCTUnwrap(try onDisk().firstRange(of: Array("C1,客1".utf8)))
    let fd = open(path, O_WRONLY)
    XCTAssertEqual(theirs.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, off_t(at.lowerBound)) }, 7)
    close(fd)
    var times = [st.st_atim, st.st_mtim]
    XCTAssertEqual(utimensat(AT_FDCWD, path, &times, 0), 0)
    XCTAssertEqual(s.changedOnDisk(), [], "the signature alone does not see it")
    let edited = try onDisk()
    var ds = s.dataset
    ds.customers[5].name = "我的"
    XCTAssertThrowsError(try s.save(ds)) {
      XCTAssertEqual($0 as? StoreError, .changedOnDisk(file: "customers.csv"))
    }
    XCTAssertEqual(try onDisk(), edited, "their file is left as they wrote it")
    XCTAssertEqual(
      try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasPrefix(".liuliang-tmp") }, []
    )
  }

  /// `:keep` over a file changed elsewhere: the loaded bytes are gone, so the owner's records
  /// are written over the file as it now is: rows equal in both stay as theirs, a record of
  /// the owner's is written from the model with their unknown columns, their unreadable rows
  /// stay, and a row only they added goes (the owner's version wins).
  func testKeepWritesTheOwnersRecordsOverTheirFile() throws {
    try write("id,name,referrer,joined\nC1,a,x,2026-01-01\nC2,b,y,2026-01-02\nC3,c,z,2026-01-03\n")
    let s = try Store(folder: folder, mode: .readWrite)
    try write(
      "id,name,referrer,joined\nC1,a,x,2026-01-01\nC2,b2,y2,2026-01-02\nC8,h,,2026-13-01\n"
        + "C9,new,,2026-01-09\nC3,c,z2,2026-01-03\n")
    var ds = s.dataset
    ds.customers[2].name = "c3"
    XCTAssertThrowsError(try s.save(ds)) {
      XCTAssertEqual($0 as? StoreError, .changedOnDisk(file: "customers.csv"))
    }
    try s.save(ds, overwrite: true)
    XCTAssertEqual(
      String(decoding: try onDisk(), as: UTF8.self),
      "id,name,referrer,joined\nC1,a,x,2026-01-01\nC2,b,y2,2026-01-02\nC8,h,,2026-13-01\nC3,c3,z2,2026-01-03\n"
    )
    // What was written is now the store's file: the next edit saves without asking.
    ds.customers[0].name = "a1"
    try s.save(ds)
    XCTAssertEqual(
      String(decoding: try onDisk(), as: UTF8.self),
      "id,name,referrer,joined\nC1,a1,x,2026-01-01\nC2,b,y2,2026-01-02\nC8,h,,2026-13-01\nC3,c3,z2,2026-01-03\n"
    )
  }

  /// `:keep` where their file's header can't be read any more: refused, their file untouched.
  func testKeepOverAFileWithoutAHeaderIsRefusedWhole() throws {
    try write("id,name\nC1,a\n")
    let s = try Store(folder: folder, mode: .readWrite)
    try write("name\na\n")
    var ds = s.dataset
    ds.customers[0].name = "b"
    XCTAssertThrowsError(try s.save(ds, overwrite: true)) {
      XCTAssertEqual($0 as? StoreError, .unwritableFile("customers.csv"))
    }
    XCTAssertEqual(String(decoding: try onDisk(), as: UTF8.self), "name\na\n")
  }

  /// The disk fills up after the first megabytes of the new file: the write fails whole, the
  /// old file stays byte for byte, no temp file is left, and the same save works once there is room.
  func testADiskFullMidStreamLeavesTheOldFileWhole() throws {
    try write(Self.header + bigRows().joined())
    let before = try onDisk()
    let s = try Store(folder: folder, mode: .readWrite)
    var ds = s.dataset
    ds.customers[ds.customers.count - 1].name = "最后"
    WriteProbe.room = 2 * FileSink.capacity + 100
    XCTAssertThrowsError(try s.save(ds)) {
      XCTAssertEqual($0 as? StoreError, .cannotWrite(file: "customers.csv", errno: ENOSPC))
    }
    XCTAssertEqual(WriteProbe.room, 0, "it failed in the middle, having written what fitted")
    XCTAssertEqual(try onDisk(), before)
    XCTAssertEqual(
      try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasPrefix(".liuliang-tmp") }, []
    )
    WriteProbe.room = nil
    try s.save(ds)
    XCTAssertTrue(try Store(folder: folder, mode: .readOnly).dataset.customers == ds.customers)
  }
}

/// `matchFew` finds the few changed records' old rows by one pass over the old ids, and
/// gives up where ids would clash, as an index of every id would.
final class MatchFewTests: XCTestCase {
  func customers(_ ids: [String]) -> [Customer] { ids.map { Customer(id: $0, name: "n" + $0) } }

  func testAnEditedAndAnAddedRecord() throws {
    let old = customers(["A", "B", "C", "D"])
    var records = old
    records[2].name = "changed"
    records.append(Customer(id: "E", name: "new"))
    let m = try XCTUnwrap(Store.matchFew(records, old, \.id))
    XCTAssertEqual((0..<5).map { m.sameRow($0) }, [0, 1, nil, 3, nil])
    XCTAssertEqual(m.related, [2: 2])
  }

  func testARecordMovedIsTheSameRow() throws {
    let old = customers(["A", "B", "C"])
    let records = [old[0], old[2], old[1]]
    let m = try XCTUnwrap(Store.matchFew(records, old, \.id))
    XCTAssertEqual((0..<3).map { m.sameRow($0) }, [0, 2, 1])
    XCTAssertEqual(m.related, [:])
  }

  func testAChangedRecordTakingTheIdOfOneKeptGivesUp() {
    let old = customers(["A", "B", "C"])
    var records = old
    records[2].id = "A"
    XCTAssertNil(Store.matchFew(records, old, \.id))
    records[2].id = "C"
    records.append(Customer(id: "B", name: "again"))
    XCTAssertNil(Store.matchFew(records, old, \.id))
  }
}

/// Row ranges packed in eight bytes give back what went in, a row of 16 MB or more too.
final class RowSpansTests: XCTestCase {
  func testRangesComeBackAsTheyWent() {
    let ranges = [
      0..<10, 10..<(10 + (1 << 24)), (10 + (1 << 24))..<(20 + (1 << 24)), (1 << 39)..<((1 << 39) + 5),
    ]
    var spans = RowSpans(ranges)
    XCTAssertEqual((0..<spans.count).map { spans[$0] }, ranges)
    XCTAssertEqual(spans.remove(at: 1), 10..<(10 + (1 << 24)))
    spans[0] = 0..<(1 << 25)
    XCTAssertEqual(spans[0], 0..<(1 << 25))
    spans.removeLast(2)
    XCTAssertEqual(spans.last, 0..<(1 << 25))
    XCTAssertEqual(spans.count, 1)
  }
}

extension RowSpansTests {
  /// A rewrite that lengthens one row moves every later one: their chunks are the old ones.
  func testChunksOfRowsThatOnlyMovedAreShared() {
    let old = RowSpans((0..<5000).map { ($0 * 40)..<($0 * 40 + 40) })
    var b = RowSpans.Builder(sharingWith: old)
    var new: [Range<Int>] = []
    for j in 0..<5000 {
      let r =
        j < 3000
        ? (j * 40)..<(j * 40 + 40) : j == 3000 ? (j * 40)..<(j * 40 + 50) : (j * 40 + 10)..<(j * 40 + 50)
      new.append(r)
      b.append(r)
    }
    let spans = b.finish()
    XCTAssertEqual((0..<spans.count).map { spans[$0] }, new)
    XCTAssertEqual((0..<5).map { spans.sharesChunk($0, with: old) }, [true, true, false, true, true])
  }
}
