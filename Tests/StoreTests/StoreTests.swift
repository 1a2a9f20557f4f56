import Foundation
import LiuliangModel
import XCTest

@testable import LiuliangStore

/// The store's promises: nothing lost, unchanged rows byte for byte, atomic, locked, owner-only.
final class StoreTests: XCTestCase {
  var folder = ""

  override func setUpWithError() throws {
    folder = try temporaryFolder("store")
  }

  func write(_ name: String, _ bytes: [UInt8]) throws {
    try Data(bytes).write(to: URL(fileURLWithPath: folder + "/" + name))
  }

  func write(_ name: String, _ text: String) throws { try write(name, Array(text.utf8)) }

  func bytes(_ name: String) throws -> [UInt8] {
    Array(try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name)))
  }

  /// BOM, CRLF, an unknown column in the middle, a quoted note, odd but valid spellings, and
  /// three rows that can't be read (a bad date, a missing field, an unknown tier).
  static let customers: [UInt8] =
    [0xEF, 0xBB, 0xBF]
    + Array(
      ("id,name,referrer,tier,joined,notes\r\n"
        + "C1,张伟,老李,vip,2026-01-05,\"爱吃辣, 不要香菜\"\r\n"
        + "C2,李娜,,friend,2026-02-30,\r\n"
        + "C3,王芳,,,2026-03-01,\"说 \"\"好吃\"\"\"\r\n"
        + "C4,赵敏,,friend,2026-03-02\r\n"
        + "C5,钱多,,gold,2026-03-03,\r\n"
        + "C6,孙悟,,member,2026-03-04,last row").utf8)

  func testReadsRowsAndReportsTheUnreadableWithTheirLines() throws {
    try write("customers.csv", Self.customers)
    let s = try Store(folder: folder, mode: .readOnly)
    XCTAssertEqual(s.dataset.customers.map(\.id), ["C1", "C3", "C6"])
    XCTAssertEqual(s.dataset.customers[0].notes, "爱吃辣, 不要香菜")
    XCTAssertEqual(s.dataset.customers[1].notes, "说 \"好吃\"")
    XCTAssertEqual(s.dataset.customers[1].tier, .friend, "an empty tier reads as friend")
    XCTAssertEqual(s.problems.map(\.place), ["customers.csv:3", "customers.csv:5", "customers.csv:6"])
    XCTAssertEqual(s.problems[0].kind, .badValue(field: "joined", value: "2026-02-30"))
    XCTAssertEqual(s.problems[1].kind, .columnCount(expected: 6, got: 5))
    XCTAssertEqual(s.problems[2].kind, .badValue(field: "tier", value: "gold"))
  }

  func testUnchangedStoreIsRewrittenByteIdentical() throws {
    try write("customers.csv", Self.customers)
    let s = try Store(folder: folder, mode: .readWrite)
    var ds = s.dataset
    // A change and its undo: the records equal what was read, so nothing is written.
    ds.customers[0].notes = "x"
    try s.save(ds)
    ds.customers[0].notes = "爱吃辣, 不要香菜"
    try s.save(ds)
    XCTAssertEqual(try bytes("customers.csv"), Self.customers)
  }

  func testChangedRowIsRewrittenAndEveryOtherRowKeptByteForByte() throws {
    try write("customers.csv", Self.customers)
    let s = try Store(folder: folder, mode: .readWrite)
    var ds = s.dataset
    ds.customers[1].name = "王芳芳"
    try s.save(ds)
    let expected =
      [0xEF, 0xBB, 0xBF]
      + Array(
        ("id,name,referrer,tier,joined,notes\r\n"
          + "C1,张伟,老李,vip,2026-01-05,\"爱吃辣, 不要香菜\"\r\n"
          + "C2,李娜,,friend,2026-02-30,\r\n"
          + "C3,王芳芳,,friend,2026-03-01,\"说 \"\"好吃\"\"\"\r\n"
          + "C4,赵敏,,friend,2026-03-02\r\n"
          + "C5,钱多,,gold,2026-03-03,\r\n"
          + "C6,孙悟,,member,2026-03-04,last row").utf8)
    XCTAssertEqual(
      String(decoding: try bytes("customers.csv"), as: UTF8.self), String(decoding: expected, as: UTF8.self))
  }

  func testUnknownColumnsKeptForChangedRowsAndMissingColumnsAddedOnlyWhenNeeded() throws {
    try write("customers.csv", "id,name,referrer\nC1,张伟,老李\n")
    let s = try Store(folder: folder, mode: .readWrite)
    var ds = s.dataset
    ds.customers[0].phone = "13800001234"
    ds.customers.append(Customer(id: "C2", name: "李娜"))
    try s.save(ds)
    XCTAssertEqual(
      String(decoding: try bytes("customers.csv"), as: UTF8.self),
      "id,name,referrer,phone\nC1,张伟,老李,13800001234\nC2,李娜,,\n",
      "tier friend reads as empty: no column added for it")
  }

  func testDeletedRowGoesAndUnreadableNeighboursStay() throws {
    try write("customers.csv", "id,name,joined\nC1,a,2026-01-01\nC2,b,bad\nC3,c,2026-01-03\n")
    let s = try Store(folder: folder, mode: .readWrite)
    var ds = s.dataset
    ds.customers.removeAll { $0.id == "C1" }
    try s.save(ds)
    XCTAssertEqual(
      String(decoding: try bytes("customers.csv"), as: UTF8.self),
      "id,name,joined\nC2,b,bad\nC3,c,2026-01-03\n")
  }

  func testDuplicateIDIsAProblemAndKept() throws {
    let text = "id,name\nC1,a\nC1,b\nC2,c\n"
    try write("customers.csv", text)
    let s = try Store(folder: folder, mode: .readWrite)
    XCTAssertEqual(s.dataset.customers.map(\.name), ["a", "c"])
    XCTAssertEqual(
      s.problems, [Problem(file: "customers.csv", line: 3, kind: .duplicateID("C1", firstLine: 2))])
    var ds = s.dataset
    ds.customers[1].name = "cc"
    try s.save(ds)
    XCTAssertEqual(
      String(decoding: try bytes("customers.csv"), as: UTF8.self), "id,name\nC1,a\nC1,b\nC2,cc\n")
  }

  func testAtomicWriteLeavesNoTempAndOwnerOnlyFiles() throws {
    let sub = folder + "/new/shop"
    try Store.initialize(folder: sub, shop: Shop())
    let s = try Store(folder: sub, mode: .readWrite)
    var ds = s.dataset
    ds.customers = [Customer(id: "C1", name: "张伟", phone: "13800001234")]
    try s.save(ds)
    let names = try FileManager.default.contentsOfDirectory(atPath: sub).sorted()
    XCTAssertEqual(names, [".liuliang.lock", "customers.csv", "shop.toml"])
    let fileMode =
      try FileManager.default.attributesOfItem(atPath: sub + "/customers.csv")[.posixPermissions] as? Int
    let dirMode = try FileManager.default.attributesOfItem(atPath: sub)[.posixPermissions] as? Int
    XCTAssertEqual(fileMode, 0o600)
    XCTAssertEqual(dirMode, 0o700)
  }

  func testLeftoverTempFilesAreRemovedAtOpen() throws {
    try write("customers.csv", "id,name\nC1,a\n")
    try write(".liuliang-tmp-customers.csv.999", "id,na")
    _ = try Store(folder: folder, mode: .readWrite)
    XCTAssertFalse(FileManager.default.fileExists(atPath: folder + "/.liuliang-tmp-customers.csv.999"))
    XCTAssertEqual(try bytes("customers.csv"), Array("id,name\nC1,a\n".utf8))
  }

  func testSecondStoreOpensReadOnlyAndRefusesToWrite() throws {
    try write("customers.csv", "id,name\nC1,a\n")
    let first = try Store(folder: folder, mode: .readWrite)
    XCTAssertNil(first.readOnly)
    let second = try Store(folder: folder, mode: .readWrite)
    XCTAssertEqual(second.readOnly, .locked(pid: getpid()))
    var ds = second.dataset
    ds.customers[0].name = "b"
    XCTAssertThrowsError(try second.save(ds)) {
      XCTAssertEqual($0 as? StoreError, .readOnly(.locked(pid: getpid())))
    }
    XCTAssertEqual(try bytes("customers.csv"), Array("id,name\nC1,a\n".utf8))
    first.close()
    let third = try Store(folder: folder, mode: .readWrite)
    XCTAssertNil(third.readOnly, "the lock is free once its holder closes")
  }

  func testFileChangedOnDiskIsNoticedBeforeWriting() throws {
    try write("customers.csv", "id,name\nC1,a\n")
    let s = try Store(folder: folder, mode: .readWrite)
    try write("customers.csv", "id,name\nC1,a fixed in WPS\n")
    var ds = s.dataset
    ds.customers[0].name = "b"
    XCTAssertThrowsError(try s.save(ds)) {
      XCTAssertEqual($0 as? StoreError, .changedOnDisk(file: "customers.csv"))
    }
    XCTAssertEqual(try bytes("customers.csv"), Array("id,name\nC1,a fixed in WPS\n".utf8))
    XCTAssertEqual(s.changedOnDisk(), ["customers.csv"])
    try s.load()
    XCTAssertEqual(s.dataset.customers[0].name, "a fixed in WPS")
  }

  func testLoggingAVisitAppendsAndKeepsEveryEarlierByte() throws {
    try write("customers.csv", "id,name\nC1,a\n")
    let old = "customer,date,time,amount,party,promotion,channel\r\nC1,2026-11-01,12:10,58.5,2,,dine-in"
    try write("visits.csv", old)
    let s = try Store(folder: folder, mode: .readWrite)
    XCTAssertEqual(s.dataset.visits.count, 1)
    XCTAssertEqual(s.dataset.visits[0].amount, Money(fen: 5850))
    try s.appendVisit(
      Visit(
        customer: 0, date: Day("2026-11-02")!, time: TimeOfDay("18:05")!, amount: Money(fen: 12000), party: 3)
    )
    XCTAssertEqual(
      String(decoding: try bytes("visits.csv"), as: UTF8.self),
      old + "\r\nC1,2026-11-02,18:05,120,3,,dine-in\r\n")
    try s.load()
    XCTAssertEqual(s.dataset.visits.count, 2)
  }

  func testVisitsForUnknownIdsAreProblemsButStillShopTraffic() throws {
    try write("customers.csv", "id,name\nC1,a\n")
    try write(
      "visits.csv",
      "customer,date,time,amount,party,promotion,channel\nC9,2026-11-01,12:10,10,1,P9,\n,2026-11-01,13:00,5,1,,takeaway\n"
    )
    let s = try Store(folder: folder, mode: .readOnly)
    XCTAssertEqual(s.dataset.visits.map(\.customer), [Visit.unknownCustomer, Visit.walkIn])
    XCTAssertEqual(s.dataset.visits[0].promotion, Visit.unknownPromotion)
    XCTAssertEqual(s.problems, [Problem(file: "visits.csv", line: 2, kind: .unknownCustomer("C9"))])
  }

  /// Opening never makes a folder, whatever the mode: only `initialize` does, and it never
  /// replaces the shop.toml of a store already there.
  func testMissingFolderIsAnErrorUntilInitializeMakesIt() throws {
    for mode in [Store.Mode.readOnly, .readWrite] {
      XCTAssertThrowsError(try Store(folder: folder + "/nope", mode: mode)) {
        XCTAssertEqual($0 as? StoreError, .folderMissing(folder + "/nope"))
      }
    }
    XCTAssertFalse(FileManager.default.fileExists(atPath: folder + "/nope"))
    XCTAssertEqual(Store.presence(of: folder + "/nope"), .missing)
    try FileManager.default.createDirectory(atPath: folder + "/empty", withIntermediateDirectories: false)
    XCTAssertEqual(Store.presence(of: folder + "/empty"), .empty)
    try write("customers.csv", "id,name\n")
    XCTAssertEqual(Store.presence(of: folder), .store)
    XCTAssertEqual(Store.presence(of: folder + "/customers.csv"), .notAFolder)

    try Store.initialize(folder: folder + "/made", shop: Shop(name: "新店", language: "en"))
    XCTAssertEqual(Store.presence(of: folder + "/made"), .store)
    let s = try Store(folder: folder + "/made", mode: .readWrite)
    XCTAssertEqual(s.dataset.shop.name, "新店")
    XCTAssertEqual(s.problems, [])
    let mode = try FileManager.default.attributesOfItem(atPath: folder + "/made")[.posixPermissions] as? Int
    XCTAssertEqual(mode, 0o700)
    XCTAssertThrowsError(try Store.initialize(folder: folder + "/made", shop: Shop(name: "另一家")))
    XCTAssertEqual(try Store(folder: folder + "/made", mode: .readOnly).dataset.shop.name, "新店")
  }

  func testShopTomlSettingsDefaultsAndBadValues() throws {
    try write(
      "shop.toml",
      "name = \"老王家常菜\"\nslots = [\"11:30\", \"07:30\"]\n[hours]\nmon = \"10:30-14:00,17:00-21:30\"\ntue = \"\"\n"
        + "wed = \"9-5\"\n[thresholds]\nactive_days = 14\nsuper_top_share = 2\n")
    let s = try Store(folder: folder, mode: .readOnly)
    let shop = s.dataset.shop
    XCTAssertEqual(shop.name, "老王家常菜")
    XCTAssertEqual(shop.slots.map(\.description), ["07:30", "11:30"])
    XCTAssertTrue(shop.isOpen(weekday: 1, hour: 13))
    XCTAssertFalse(shop.isOpen(weekday: 1, hour: 15))
    XCTAssertTrue(shop.isOpen(weekday: 1, hour: 21), "21:00–21:30 overlaps the hour 21")
    XCTAssertFalse(shop.isOpen(weekday: 2, hour: 12), "an empty string means closed")
    XCTAssertEqual(shop.thresholds.activeDays, 14)
    XCTAssertEqual(shop.thresholds.superTopShare, 0.2, "an out-of-range value keeps the default")
    XCTAssertEqual(shop.thresholds.loyalVisits, 4)
    XCTAssertEqual(s.problems.map(\.place), ["shop.toml:6", "shop.toml:9"])
  }

  func testEveryKindRoundTripsThroughCreateAndLoad() throws {
    var ds = Dataset()
    ds.shop = Shop(name: "店", hours: [1: Shop.parseHours("10:00-24:00")!])
    ds.customers = [
      Customer(
        id: "C1", name: "张, \"伟\"", wechat: "zw", phone: "13800001234", tags: ["老客", "爱辣"], source: "到店扫码",
        joined: Day("2026-01-01"), tier: .vip, birthday: Day("1990-02-28"), churnedOn: Day("2026-10-01"),
        churnReason: .competitor, notes: "两行\n备注", welcomedOn: Day("2026-01-02"))
    ]
    ds.promotions = [
      Promotion(
        id: "P1", name: "下午茶", kind: .offpeak, discount: "8折", weekdays: [1, 2, 3, 4, 5],
        window: ClosedOpenTime(from: TimeOfDay("14:00")!, to: TimeOfDay("24:00", allowEndOfDay: true)!),
        audience: .tag("老客"), start: Day("2026-01-01"))
    ]
    ds.posts = [Post(id: "M1", date: nil, slot: nil, category: .game, text: "点赞送菜", fun: true, status: .idea)]
    ds.complaints = [
      Complaint(customer: "C1", date: Day("2026-09-01")!, reason: .serviceQuality, text: "慢", resolved: true)
    ]
    ds.visits = [
      Visit(
        customer: 0, date: Day("2026-09-01")!, time: TimeOfDay("14:30")!, amount: Money(fen: 9990),
        promotion: 0)
    ]
    ds.contacts = [Contact(customer: "C1", date: Day("2026-09-02")!, kind: .complaint, note: "道歉, 送菜")]
    try Store.create(folder: folder, ds)
    let s = try Store(folder: folder, mode: .readOnly)
    XCTAssertEqual(s.problems, [])
    XCTAssertEqual(s.dataset.customers, ds.customers)
    XCTAssertEqual(s.dataset.promotions, ds.promotions)
    XCTAssertEqual(s.dataset.posts, ds.posts)
    XCTAssertEqual(s.dataset.complaints, ds.complaints)
    XCTAssertEqual(s.dataset.visits, ds.visits)
    XCTAssertEqual(s.dataset.contacts, ds.contacts)
    XCTAssertEqual(s.dataset.shop.hours[1], ds.shop.hours[1])
  }

  func testUndoingAnAppendCutsTheLogBackExactly() throws {
    try write("customers.csv", "id,name\nC1,a\n")
    let old = "customer,date,time,amount,party,promotion,channel\nC1,2026-11-01,12:10,58.5,2,,dine-in"
    try write("visits.csv", old)
    let s = try Store(folder: folder, mode: .readWrite)
    let v = Visit(customer: 0, date: Day("2026-11-02")!, time: TimeOfDay("18:05")!)
    try s.appendVisit(v)
    try s.appendVisit(v)
    try s.removeLastAppendedVisit()
    try s.removeLastAppendedVisit()
    XCTAssertEqual(
      String(decoding: try bytes("visits.csv"), as: UTF8.self), old, "even the missing final newline")
    XCTAssertEqual(s.dataset.visits.count, 1)
    try s.appendVisit(v)
    XCTAssertEqual(
      String(decoding: try bytes("visits.csv"), as: UTF8.self), old + "\nC1,2026-11-02,18:05,0,1,,dine-in\n")
  }

  func testUndoingTheAppendThatMadeTheLogRemovesIt() throws {
    try write("customers.csv", "id,name\nC1,a\n")
    let s = try Store(folder: folder, mode: .readWrite)
    try s.appendVisit(Visit(customer: 0, date: Day("2026-11-02")!, time: TimeOfDay("18:05")!))
    try s.removeLastAppendedVisit()
    XCTAssertFalse(FileManager.default.fileExists(atPath: folder + "/visits.csv"))
    try s.appendVisit(Visit(customer: 0, date: Day("2026-11-03")!, time: TimeOfDay("18:05")!))
    XCTAssertEqual(
      String(decoding: try bytes("visits.csv"), as: UTF8.self),
      "customer,date,time,amount,party,promotion,channel\nC1,2026-11-03,18:05,0,1,,dine-in\n")
  }
}
