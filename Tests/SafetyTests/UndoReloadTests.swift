import Foundation
import LiuliangApp
import LiuliangModel
import LiuliangRender
import LiuliangStore
import LiuliangTestSupport
import XCTest

/// Undo and redo walk through the whole session, across `r` and `:keep`: a step whose rows
/// are still as it left them is undone in the files read again; one whose rows someone else
/// changed is dropped, and the message names it.
final class UndoReloadTests: XCTestCase {
  func file(_ folder: URL, _ name: String) throws -> String {
    try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
  }

  /// Someone else's edit of one file, as WPS would save it.
  func handEdit(_ folder: URL, _ name: String, _ from: String, _ to: String) throws {
    let text = try file(folder, name)
    XCTAssertTrue(text.contains(from), "\(name) holds \(from)")
    try text.replacingOccurrences(of: from, with: to).write(
      to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
  }

  func promotion(_ r: Runner, _ id: String) -> Promotion { r.state.dataset.promotions.first { $0.id == id }! }

  func onDisk(_ folder: URL, _ id: String) throws -> Promotion {
    try Store(folder: folder.path, mode: .readOnly).dataset.promotions.first { $0.id == id }!
  }

  func testUndoSurvivesAReloadWhereItsRowsAreUnchanged() throws {
    let folder = try Repo.demoCopy()
    var r = Runner(store: try Store(folder: folder.path, mode: .readWrite))
    r.press(.char("4"), .char("x"), .char("j"), .char("x"))
    XCTAssertEqual(promotion(r, "P01").end, Day("2026-11-15"))
    XCTAssertEqual(promotion(r, "P02").end, Day("2026-11-15"))
    try handEdit(folder, "posts.csv", "加店长微信送凉菜一份", "加店长微信送凉菜两份，先到先得")
    r.press(.char("r"))
    XCTAssertFalse(r.state.messageIsError, r.state.message ?? "")
    r.press(.char("u"))
    XCTAssertNil(promotion(r, "P02").end)
    r.press(.char("u"))
    XCTAssertNil(promotion(r, "P01").end)
    XCTAssertNil(try onDisk(folder, "P01").end)
    XCTAssertNil(try onDisk(folder, "P02").end)
    XCTAssertTrue(try file(folder, "posts.csv").contains("两份，先到先得"), "their edit stays")
    // And forward again.
    r.press(.ctrl("r"))
    XCTAssertEqual(try onDisk(folder, "P01").end, Day("2026-11-15"))
  }

  func testAStepWhoseRowChangedIsDroppedAndNamed() throws {
    let folder = try Repo.demoCopy()
    var r = Runner(store: try Store(folder: folder.path, mode: .readWrite))
    r.press(.char("4"), .char("x"), .char("j"), .char("x"))
    let first = r.state.undo[0].what
    // Someone renamed P01 meanwhile: its end can no longer be taken back without theirs going.
    try handEdit(folder, "promotions.csv", "P01,工作日下午茶时段", "P01,工作日下午茶")
    r.press(.char("r"))
    XCTAssertTrue(r.state.message?.contains(first) == true, r.state.message ?? "")
    XCTAssertEqual(r.state.undo.count, 1)
    r.press(.char("u"))
    XCTAssertNil(try onDisk(folder, "P02").end)
    r.press(.char("u"))
    XCTAssertEqual(try onDisk(folder, "P01").end, Day("2026-11-15"))
    XCTAssertEqual(try onDisk(folder, "P01").name, "工作日下午茶")
  }

  func testUndoSurvivesKeep() throws {
    let folder = try Repo.demoCopy()
    var r = Runner(store: try Store(folder: folder.path, mode: .readWrite))
    r.press(.char("4"), .char("x"))
    try handEdit(folder, "promotions.csv", "VIP群订座优先", "VIP群订座优先（周末）")
    r.press(.char("j"), .char("x"))
    XCTAssertNil(promotion(r, "P02").end, "refused: the file changed on disk")
    r.command("keep")
    XCTAssertEqual(try onDisk(folder, "P02").end, Day("2026-11-15"))
    r.press(.char("u"))
    XCTAssertNil(try onDisk(folder, "P02").end)
    r.press(.char("u"))
    XCTAssertNil(try onDisk(folder, "P01").end)
  }
}
