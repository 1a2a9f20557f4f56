import Foundation
import LiuliangModel
import XCTest

@testable import LiuliangStore

/// contacts.csv keeps the promises of every store file: appended, never rewritten for a new
/// contact; unreadable rows reported and kept; hand edits noticed; an undo cut back exactly.
final class ContactsStoreTests: XCTestCase {
  var folder = ""

  override func setUpWithError() throws {
    folder = try temporaryFolder("contacts")
    try write("customers.csv", "id,name,welcomed_on,win_back_on\nC1,a,,2026-10-01\nC2,b,2026-01-01,\n")
  }

  func write(_ name: String, _ text: String) throws {
    try Data(text.utf8).write(to: URL(fileURLWithPath: folder + "/" + name))
  }

  func text(_ name: String) throws -> String {
    String(decoding: try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name)), as: UTF8.self)
  }

  static let log =
    "customer,date,kind,note,channel\r\n"
    + "C1,2026-10-02,birthday,\"生日, 快乐\",wx\r\n"
    + "C2,2026-13-01,welcome,,wx\r\n"
    + "C2,2026-10-03,hello,,wx\r\n"
    + "C9,2026-10-04,other,,wx\r\n"
    + "C2,2026-10-05,win_back,last,wx"

  /// Contacts are looked up in two halves at once; the unknown ones in either half are
  /// reported in file order, each with its line.
  func testUnknownCustomersOfEveryHalfInFileOrder() throws {
    let ids = ["C1", "U1", "C2", "C2", "U2", "C1", "U3", "U4", "C1"]
    try write(
      "contacts.csv", "customer,date,kind\n" + ids.map { $0 + ",2026-10-02,other\n" }.joined())
    let s = try Store(folder: folder, mode: .readOnly)
    XCTAssertEqual(s.dataset.contacts.count, 9)
    XCTAssertEqual(
      s.problems.map(\.place), ["contacts.csv:3", "contacts.csv:6", "contacts.csv:8", "contacts.csv:9"])
    XCTAssertEqual(
      s.problems.map(\.kind), ["U1", "U2", "U3", "U4"].map { ProblemKind.unknownCustomer($0) })
    // Each contact's customer as the figures read it: C1 is the first row, C2 the second.
    XCTAssertEqual(s.dataset.foundCustomers.ofContacts(in: s.dataset), [0, -1, 1, 1, -1, 0, -1, -1, 0])
  }

  func testRowsReadProblemsByLineAndLegacyWinBackOn() throws {
    try write("contacts.csv", Self.log)
    let s = try Store(folder: folder, mode: .readOnly)
    XCTAssertEqual(
      s.dataset.contacts,
      [
        Contact(customer: "C1", date: Day("2026-10-02")!, kind: .birthday, note: "生日, 快乐"),
        Contact(customer: "C9", date: Day("2026-10-04")!, kind: .other),
        Contact(customer: "C2", date: Day("2026-10-05")!, kind: .winBack, note: "last"),
      ])
    XCTAssertEqual(s.problems.map(\.place), ["contacts.csv:3", "contacts.csv:4", "contacts.csv:5"])
    XCTAssertEqual(s.problems[0].kind, .badValue(field: "date", value: "2026-13-01"))
    XCTAssertEqual(s.problems[1].kind, .badValue(field: "kind", value: "hello"))
    XCTAssertEqual(s.problems[2].kind, .unknownCustomer("C9"))
    XCTAssertEqual(
      s.dataset.contactLog.first, Contact(customer: "C1", date: Day("2026-10-01")!, kind: .winBack),
      "win_back_on is read as a win_back contact")
  }

  /// A new contact is one appended line; taking it back leaves the file byte for byte as it was,
  /// bad rows, the unknown column and the missing final newline included.
  func testAppendThenUndoKeepsEveryByte() throws {
    try write("contacts.csv", Self.log)
    let s = try Store(folder: folder, mode: .readWrite)
    let before = s.dataset
    var ds = before
    ds.contacts.append(Contact(customer: "C1", date: Day("2026-11-16")!, kind: .welcome))
    ds.customers[0].welcomedOn = Day("2026-11-16")
    try s.save(ds)
    XCTAssertEqual(try text("contacts.csv"), Self.log + "\r\nC1,2026-11-16,welcome,,\r\n")
    XCTAssertTrue(try text("customers.csv").contains("C1,a,2026-11-16,2026-10-01"))
    try s.save(before)
    XCTAssertEqual(try text("contacts.csv"), Self.log)
    try s.load()
    XCTAssertEqual(s.dataset.contacts, before.contacts)
  }

  func testFirstContactMakesTheFileWithItsHeader() throws {
    let s = try Store(folder: folder, mode: .readWrite)
    var ds = s.dataset
    ds.contacts.append(Contact(customer: "C2", date: Day("2026-11-16")!, kind: .winBack, note: "8折"))
    try s.save(ds)
    XCTAssertEqual(try text("contacts.csv"), "customer,date,kind,note\nC2,2026-11-16,win_back,8折\n")
    ds.contacts.append(Contact(customer: "C1", date: Day("2026-11-16")!, kind: .birthday))
    try s.save(ds)
    XCTAssertEqual(
      try text("contacts.csv"),
      "customer,date,kind,note\nC2,2026-11-16,win_back,8折\nC1,2026-11-16,birthday,\n")
  }

  func testHandEditIsNoticedBeforeAppending() throws {
    try write("contacts.csv", "customer,date,kind,note\nC1,2026-10-02,other,\n")
    let s = try Store(folder: folder, mode: .readWrite)
    try write("contacts.csv", "customer,date,kind,note\nC1,2026-10-02,other,fixed in WPS\n")
    var ds = s.dataset
    ds.contacts.append(Contact(customer: "C2", date: Day("2026-11-16")!, kind: .other))
    XCTAssertThrowsError(try s.save(ds)) {
      XCTAssertEqual($0 as? StoreError, .changedOnDisk(file: "contacts.csv"))
    }
    XCTAssertEqual(try text("contacts.csv"), "customer,date,kind,note\nC1,2026-10-02,other,fixed in WPS\n")
  }

  func testSecondStoreMayNotAppend() throws {
    let first = try Store(folder: folder, mode: .readWrite)
    let second = try Store(folder: folder, mode: .readWrite)
    var ds = second.dataset
    ds.contacts.append(Contact(customer: "C2", date: Day("2026-11-16")!, kind: .other))
    XCTAssertThrowsError(try second.save(ds))
    XCTAssertFalse(FileManager.default.fileExists(atPath: folder + "/contacts.csv"))
    first.close()
  }
}

extension ContactsStoreTests {
  /// Taking back the append that made the file removes it; a contact changed by hand in the
  /// dataset (not an undo) rewrites the file atomically with the other rows as they were.
  func testUndoOfTheFirstAppendRemovesTheFileAndOtherChangesRewrite() throws {
    let s = try Store(folder: folder, mode: .readWrite)
    let before = s.dataset
    var ds = before
    ds.contacts.append(Contact(customer: "C2", date: Day("2026-11-16")!, kind: .other))
    try s.save(ds)
    try s.save(before)
    XCTAssertFalse(FileManager.default.fileExists(atPath: folder + "/contacts.csv"))
    try write("contacts.csv", Self.log)
    try s.load()
    ds = s.dataset
    ds.contacts[0].note = "改"
    try s.save(ds)
    XCTAssertEqual(
      try text("contacts.csv"),
      Self.log.replacingOccurrences(of: "\"生日, 快乐\"", with: "改"))
  }
}

extension ContactsStoreTests {
  func testMessagesTomlOverridesAndBadKeysAreProblems() throws {
    try write("messages.toml", "# 本店\nwin_back = \"{name}，好久不见！\"\nhello = \"x\"\nbirthday = 3\n")
    let s = try Store(folder: folder, mode: .readWrite)
    XCTAssertEqual(s.dataset.shop.messages, [.winBack: "{name}，好久不见！"])
    XCTAssertEqual(s.problems.map(\.place), ["messages.toml:4", "messages.toml:3"].sorted())
    var ds = s.dataset
    ds.shop.messages[.welcome] = "欢迎 \"新朋友\""
    try s.save(ds)
    XCTAssertEqual(
      try text("messages.toml"), "welcome = \"欢迎 \\\"新朋友\\\"\"\nwin_back = \"{name}，好久不见！\"\n")
    try s.load()
    XCTAssertEqual(s.dataset.shop.messages[.welcome], "欢迎 \"新朋友\"")
  }
}

extension ContactsStoreTests {
  /// An append tells the table where its rows went without reading the file again, and an
  /// undo cuts the table back with the file: a rewrite after both copies every row, the
  /// appended one too, from the file as it now is.
  func testARewriteAfterAppendsAndAnUndoCopiesTheAppendedRow() throws {
    try write("contacts.csv", Self.log)
    let s = try Store(folder: folder, mode: .readWrite)
    var ds = s.dataset
    ds.contacts.append(Contact(customer: "C1", date: Day("2026-11-16")!, kind: .welcome))
    try s.save(ds)
    let once = ds
    ds.contacts.append(Contact(customer: "C2", date: Day("2026-11-16")!, kind: .birthday, note: "礼"))
    try s.save(ds)
    try s.save(once)
    ds = once
    ds.contacts[0].note = "改"
    try s.save(ds)
    XCTAssertEqual(
      try text("contacts.csv"),
      Self.log.replacingOccurrences(of: "\"生日, 快乐\"", with: "改") + "\r\nC1,2026-11-16,welcome,,\r\n")
    XCTAssertEqual(try Store(folder: folder, mode: .readOnly).dataset.contacts, ds.contacts)
  }
}
