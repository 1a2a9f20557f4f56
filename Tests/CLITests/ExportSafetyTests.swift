import Foundation
import LiuliangTestSupport
import XCTest

/// `export --output` writes outside the store only, over an existing file only with --force,
/// and atomically.
final class ExportSafetyTests: XCTestCase {
  func contents(_ folder: URL) throws -> [String: Data] {
    var out: [String: Data] = [:]
    for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
      out[name] = try Data(contentsOf: folder.appendingPathComponent(name))
    }
    return out
  }

  /// The store's own customers.csv, reached directly, through `..` and through a symlink
  /// outside the store: refused each time, --force or not, and the store stays byte for byte.
  func testExportRefusesEveryPathInsideTheStore() throws {
    let store = try Repo.demoCopy()
    let before = try contents(store)
    let link = store.deletingLastPathComponent().appendingPathComponent("elsewhere")
    try FileManager.default.createSymbolicLink(at: link, withDestinationURL: store)
    let targets = [
      store.path + "/customers.csv",
      store.path + "/../" + store.lastPathComponent + "/customers.csv",
      link.path + "/customers.csv",
      link.path + "/new-file.csv",
      store.path,
    ]
    for target in targets {
      for force in [false, true] {
        let r = try runLiuliang(
          ["export", "--data", store.path, "--segment", "at_risk", "--output", target, "--lang", "en"]
            + (force ? ["--force"] : []))
        XCTAssertEqual(r.status, 1, "\(target) force=\(force): \(r.stdout)")
        XCTAssertTrue(r.stderr.contains("is inside the store folder"), r.stderr)
        XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, "one sentence: \(r.stderr)")
      }
    }
    XCTAssertEqual(try contents(store), before, "nothing in the store changed, nothing was added")
  }

  func testExportRefusesAnExistingFileUnlessForced() throws {
    let out = try Repo.tempFolder("out")
    let file = out.appendingPathComponent("at-risk.csv")
    try Data("the owner's own notes\n".utf8).write(to: file)
    let store = Repo.seeds.path
    let refused = try runLiuliang([
      "export", "--data", store, "--segment", "at_risk", "--output", file.path, "--lang", "en",
    ])
    XCTAssertEqual(refused.status, 1)
    XCTAssertTrue(refused.stderr.contains("\(file.path) already exists; add --force"), refused.stderr)
    XCTAssertEqual(try String(contentsOf: file, encoding: .utf8), "the owner's own notes\n")

    let forced = try runLiuliang([
      "export", "--data", store, "--segment", "at_risk", "--output", file.path, "--force",
    ])
    XCTAssertEqual(forced.status, 0, forced.stderr)
    let written = try String(contentsOf: file, encoding: .utf8)
    XCTAssertTrue(written.hasPrefix("id,name,wechat,phone,"), String(written.prefix(80)))
    // The demo shop has 422 customers at risk on its own date (README's Today figures).
    let onDemoDay = try runLiuliang([
      "export", "--data", store, "--segment", "at_risk", "--today", "2026-11-16", "--output",
      out.appendingPathComponent("fresh.csv").path,
    ])
    XCTAssertEqual(onDemoDay.status, 0, onDemoDay.stderr)
    let fresh = try String(contentsOf: out.appendingPathComponent("fresh.csv"), encoding: .utf8)
    XCTAssertEqual(fresh.split(separator: "\n").count, 1 + 422)
    XCTAssertEqual(
      try FileManager.default.contentsOfDirectory(atPath: out.path).sorted(), ["at-risk.csv", "fresh.csv"],
      "no temp file left beside them")
    let mode = try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int
    XCTAssertEqual(mode, 0o600, "an export holds phone numbers: owner-only like the store")
  }
}
