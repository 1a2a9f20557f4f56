import Foundation
import LiuliangModel
import XCTest

@testable import LiuliangStore

/// `.liuliang-orders` and `.liuliang-phones`: what an import reads from them must be what a
/// fresh read of visits.csv and customers.csv gives, whatever happened to the log or to them.
final class OrderIndexTests: XCTestCase {
  static let header = "customer,date,time,amount,party,promotion,channel,order\n"

  /// A log of `n` rows, the order of row k `T` and k zero-padded to 7 digits (every tenth row
  /// has none, as a visit logged by hand), about 40 bytes a row.
  static func log(_ n: Int, from: Int = 0) -> String {
    var s = ""
    for k in from..<(from + n) {
      let order = k % 10 == 9 ? "" : "T" + String(format: "%07d", k)
      s += "C0001,2025-10-01,12:00,100,2,,dine-in,\(order)\n"
    }
    return s
  }

  /// The order numbers of a log, worked out from its text: each row's last field, when any.
  static func orders(_ text: String) -> Set<String> {
    Set(
      text.split(separator: "\n").dropFirst().compactMap {
        $0.split(separator: ",", omittingEmptySubsequences: false).last
      }
      .filter { !$0.isEmpty }.map(String.init))
  }

  func store(_ text: String) throws -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "liuliang-orderindex-\(UUID().uuidString)"
    ).path
    try Store.create(folder: folder, Dataset())
    try text.write(toFile: folder + "/visits.csv", atomically: true, encoding: .utf8)
    return folder
  }

  /// What `OrderIndex.read` gives, as strings; fails the test when it gives nothing.
  func read(_ folder: String, file: StaticString = #filePath, line: UInt = #line) throws -> (
    Set<String>, stale: Bool
  ) {
    guard let found = try OrderIndex.read(folder: folder) else {
      XCTFail("the log was not read", file: file, line: line)
      return ([], false)
    }
    return (found.orders.strings, found.stale)
  }

  /// Writes the index of the log as it is (what an import does after its append).
  func keep(_ folder: String) throws {
    guard let found = try OrderIndex.read(folder: folder) else { return XCTFail("the log was not read") }
    let size = try FileManager.default.attributesOfItem(atPath: folder + "/visits.csv")[.size] as! Int
    OrderIndex.write(folder: folder, orders: found.orders, size: size)
    XCTAssertTrue(FileManager.default.fileExists(atPath: folder + "/" + OrderIndex.fileName))
    XCTAssertEqual(try read(folder).stale, false, "the index just written covers the log")
  }

  func append(_ folder: String, _ text: String) throws {
    let h = try FileHandle(forWritingTo: URL(fileURLWithPath: folder + "/visits.csv"))
    try h.seekToEnd()
    try h.write(contentsOf: Data(text.utf8))
    try h.close()
  }

  func testTheIndexIsTheLogsOrdersAfterAppends() throws {
    var text = Self.header + Self.log(3000)
    let folder = try store(text)
    XCTAssertEqual(try read(folder).0.symmetricDifference(Self.orders(text)), [])
    XCTAssertEqual(Self.orders(text).count, 2700)
    try keep(folder)
    // Rows appended as the dashboard and the general import append them, twice over.
    for more in [Self.log(25, from: 3000), ",2025-10-02,13:00,5,1,,takeaway,\n" + Self.log(1, from: 5000)] {
      try append(folder, more)
      text += more
      let (orders, stale) = try read(folder)
      XCTAssertEqual(orders.symmetricDifference(Self.orders(text)), [])
      XCTAssertTrue(stale, "an index that covers part of the log is written again")
    }
    try keep(folder)
    XCTAssertEqual(try read(folder).0.symmetricDifference(Self.orders(text)), [])
  }

  /// Imports through `TillTarget`, as a till's import does: the rows whose order is new.
  func importOrders(_ folder: String, _ orders: [String]) throws {
    let t = try XCTUnwrap(TillTarget.open(folder: folder, write: true))
    var out: [UInt8] = []
    let visit = Visit(customer: Visit.walkIn, date: Day("2025-11-01")!, time: TimeOfDay(minutes: 720))
    for o in orders {
      Array(o.utf8).withUnsafeBufferPointer { b in
        if t.insertOrder(b) { TillTarget.appendRow(visit, customerID: [], order: b, to: &out) }
      }
    }
    try t.append(out)
  }

  func indexFile(_ folder: String) throws -> Int {
    try FileManager.default.attributesOfItem(atPath: folder + "/" + OrderIndex.fileName)[.systemFileNumber]
      as! Int
  }

  /// An import writes the index when there is none, and again only once the rows it leaves to
  /// read pass a quarter of what it covers; each import in between reads them.
  func testTheIndexIsWrittenAgainOnlyPastAQuarterOfTheLog() throws {
    let folder = try store(Self.header + Self.log(1000))
    try importOrders(folder, [])
    let first = try indexFile(folder)
    XCTAssertEqual(try read(folder).stale, false)
    // The log is 46,257 bytes (57 + 900 × 47 + 100 × 39), a row added here 34 to 36: 200 rows
    // are within a quarter of it, 400 are past.
    try importOrders(folder, (0..<200).map { "N\($0)" } + ["T0000001"])
    XCTAssertEqual(try indexFile(folder), first, "not written again")
    XCTAssertEqual(try read(folder).stale, true)
    try importOrders(folder, (100..<400).map { "N\($0)" })
    XCTAssertNotEqual(try indexFile(folder), first, "written again")
    let (orders, stale) = try read(folder)
    XCTAssertFalse(stale)
    XCTAssertEqual(orders.count, 900 + 400)
    XCTAssertTrue(orders.isSuperset(of: (0..<400).map { "N\($0)" }))
  }

  /// The index is taken without reading the log it covers: one that names an order the log
  /// does not have (written here by hand, with the log's own signature) is believed.
  func testACoveringIndexIsTakenWithoutReadingTheLog() throws {
    let text = Self.header + Self.log(50)
    let folder = try store(text)
    var orders = ByteSet()
    _ = Array("ONLY-IN-THE-INDEX".utf8).withUnsafeBufferPointer { orders.insert($0) }
    OrderIndex.write(folder: folder, orders: orders, size: text.utf8.count)
    XCTAssertEqual(try read(folder).0, ["ONLY-IN-THE-INDEX"])
    try append(folder, Self.log(1, from: 60))
    XCTAssertEqual(try read(folder).0, ["ONLY-IN-THE-INDEX", "T0000060"], "only the tail is read")
  }

  /// Hand edits of the log that keep its size, grow it or shrink it, in place or written anew:
  /// each time the whole log is read again.
  func testAHandEditOfTheLogRebuildsTheIndex() throws {
    let text = Self.header + Self.log(19999)
    let middle = text.range(of: "T0010000")!
    let edits: [(String, (String) throws -> String)] = [
      (
        "in place, same size, in the middle",
        { folder in
          let edited = text.replacingCharacters(in: middle, with: "X0010000")
          try self.overwrite(folder, edited)
          return edited
        }
      ),
      (
        "in place, then appended",
        { folder in
          let edited = text.replacingOccurrences(of: "T0019998", with: "X0019998") + Self.log(2, from: 30000)
          try self.overwrite(folder, edited)
          return edited
        }
      ),
      (
        "shorter",
        { folder in
          let edited = String(text.dropLast(47))
          try self.overwrite(folder, edited)
          return edited
        }
      ),
      (
        "written anew, longer",
        { folder in
          let edited = text.replacingCharacters(in: middle, with: "X0010000") + Self.log(3, from: 40000)
          try edited.write(toFile: folder + "/visits.csv", atomically: true, encoding: .utf8)
          return edited
        }
      ),
    ]
    for (what, edit) in edits {
      let folder = try store(text)
      try keep(folder)
      let edited = try edit(folder)
      let (orders, stale) = try read(folder)
      XCTAssertEqual(orders.symmetricDifference(Self.orders(edited)), [], what)
      XCTAssertTrue(stale, what)
    }
  }

  /// Writes the file in place (same inode), its modification time a minute later, as an editor
  /// saving over it would leave it.
  func overwrite(_ folder: String, _ text: String) throws {
    let path = folder + "/visits.csv"
    let h = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
    try h.truncate(atOffset: 0)
    try h.write(contentsOf: Data(text.utf8))
    try h.close()
    try FileManager.default.setAttributes(
      [.modificationDate: Date().addingTimeInterval(60)], ofItemAtPath: path)
  }

  /// Index files torn, garbage, empty, from elsewhere, or not files at all: the log is read as
  /// without one, nothing crashes, and the next write puts a good one in place.
  func testABadIndexIsNeverTrusted() throws {
    let text = Self.header + Self.log(3000)
    let base = try store(text)
    try keep(base)
    let good = try Data(contentsOf: URL(fileURLWithPath: base + "/" + OrderIndex.fileName))
    var flipped = good
    flipped[good.count / 2] ^= 0x01
    var rng = SystemRandomNumberGenerator()
    let bad: [(String, Data)] = [
      ("empty", Data()),
      ("torn", good.prefix(good.count - 7)),
      ("a header only", good.prefix(80)),
      ("one bit of the body", flipped),
      ("garbage", Data((0..<good.count).map { _ in UInt8.random(in: 0...255, using: &rng) })),
      ("the phone cache's", Data()),
    ]
    for (what, bytes) in bad {
      let folder = try store(text)
      let path = folder + "/" + OrderIndex.fileName
      if what == "the phone cache's" {
        PhoneCache.write(
          folder: folder, phones: PhoneTable(), customers: [],
          source: DerivedFile.source(folder + "/customers.csv")!)
        try FileManager.default.moveItem(atPath: folder + "/" + PhoneCache.fileName, toPath: path)
      } else {
        try bytes.write(to: URL(fileURLWithPath: path))
      }
      let (orders, stale) = try read(folder)
      XCTAssertEqual(orders.symmetricDifference(Self.orders(text)), [], what)
      XCTAssertTrue(stale, what)
      try keep(folder)
    }
    // A well-formed index (its checksums right) whose slots point outside its bytes.
    let folder = try store(text)
    var slots = [UInt8](repeating: 0, count: 12 << 12)
    slots[0] = 0xFF
    slots[1] = 0xFF
    slots[4] = 8
    slots.withUnsafeBytes { s in
      [UInt8]([1, 2]).withUnsafeBytes { a in
        DerivedFile.write(
          folder: folder, name: OrderIndex.fileName, magic: OrderIndex.magic,
          words: DerivedFile.source(folder + "/visits.csv")!.words + [UInt64(s.count), 1], parts: [s, a])
      }
    }
    XCTAssertEqual(try read(folder).0.symmetricDifference(Self.orders(text)), [], "slots outside the arena")
    // A link to a file elsewhere, a directory and a FIFO in the index's place.
    let elsewhere = folder + "-elsewhere"
    try good.write(to: URL(fileURLWithPath: elsewhere))
    for kind in ["link", "directory", "fifo"] {
      let folder = try store(text)
      let path = folder + "/" + OrderIndex.fileName
      switch kind {
      case "link": try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: elsewhere)
      case "directory":
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
      default: XCTAssertEqual(mkfifo(path, 0o600), 0)
      }
      XCTAssertEqual(try read(folder).0.symmetricDifference(Self.orders(text)), [], kind)
      if kind != "directory" { try keep(folder) }
    }
    XCTAssertEqual(
      try Data(contentsOf: URL(fileURLWithPath: elsewhere)), good, "the link's target is untouched")
  }

  /// The phone table kept beside customers.csv is taken while customers.csv is the same file,
  /// and read again from it once it is saved.
  func testThePhoneCacheFollowsCustomersCSV() throws {
    let folder = try store(Self.header)
    let customers = """
      id,name,wechat,phone,tags,source,joined,tier,birthday,churned_on,churn_reason,notes,welcomed_on
      C0001,王芳,,13800138000,,,2025-01-02,friend,,,,,
      C0002,李雷,,13900139000,,,2025-02-03,vip,,,,,

      """
    try customers.write(toFile: folder + "/customers.csv", atomically: true, encoding: .utf8)
    func id(_ phone: UInt64) throws -> String? {
      let t = try XCTUnwrap(TillTarget.open(folder: folder, write: true))
      defer { try? t.append([]) }
      return t.customerID(phone: phone).map { String(decoding: $0, as: UTF8.self) }
    }
    XCTAssertEqual(try id(13_800_138_000), "C0001")
    XCTAssertNotNil(PhoneCache.read(folder: folder), "kept after the first import")
    XCTAssertEqual(try id(13_900_139_000), "C0002")
    do {
      let s = try Store(folder: folder, mode: .readWrite)
      var ds = s.dataset
      ds.customers[0].phone = "13700137000"
      try s.save(ds)
    }
    XCTAssertNil(PhoneCache.read(folder: folder), "customers.csv was saved since")
    XCTAssertEqual(try id(13_800_138_000), nil)
    XCTAssertEqual(try id(13_700_137_000), "C0001")
    try Data([1, 2, 3]).write(to: URL(fileURLWithPath: folder + "/" + PhoneCache.fileName))
    XCTAssertEqual(try id(13_900_139_000), "C0002")
    XCTAssertNotNil(PhoneCache.read(folder: folder))
  }
}

extension ByteSet {
  /// The members, for tests.
  var strings: Set<String> {
    withParts { s, a in
      Set(
        s.bindMemory(to: Slot.self).filter { $0.offset != 0 }.map {
          String(decoding: a[(Int($0.offset) - 1)..<(Int($0.offset) - 1 + Int($0.count))], as: UTF8.self)
        })
    }
  }
}
