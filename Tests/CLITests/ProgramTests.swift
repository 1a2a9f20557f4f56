import Foundation
import LiuliangTestSupport
import XCTest

/// The program as a user gets it: one file, copied anywhere, started from any folder.
final class ProgramTests: XCTestCase {
  func testVersionIsOneLineOfThreeNumbers() throws {
    let r = try runLiuliang(["--version"])
    XCTAssertEqual(r.status, 0, r.stderr)
    XCTAssertNotNil(
      r.stdout.range(of: #"^[0-9]+\.[0-9]+\.[0-9]+\n$"#, options: .regularExpression),
      "--version: \(r.stdout.debugDescription)")
  }

  /// A copy of the binary alone in a folder, started from another empty folder: the demo still
  /// opens, its words are there, and the shop it opens is seeds/, every file byte for byte (the
  /// program makes it with the generator; seeds/ is only its readable copy).
  func testDemoFromACopiedBinaryInAnyFolderIsSeedsByteForByte() throws {
    try XCTSkipUnless(TmuxSession.available, "tmux is not installed (scripts/deps --test installs it)")
    let bin = try Repo.tempFolder("bin").appendingPathComponent("liuliang")
    try FileManager.default.copyItem(at: Repo.binary, to: bin)
    let elsewhere = try Repo.tempFolder("elsewhere")
    let temp = try Repo.tempFolder("tmp")
    let t = try TmuxSession(
      command: "sh -c "
        + shellQuote("cd \(shellQuote(elsewhere.path)) && exec \(shellQuote(bin.path)) demo --lang en"),
      env: ["TMPDIR": temp.path + "/"])
    try t.waitFor("Reach out today", timeout: 30)
    XCTAssertEqual(try t.quit(), 0)

    let made = try FileManager.default.contentsOfDirectory(atPath: temp.path)
    XCTAssertEqual(made.count, 1, "one demo folder: \(made)")
    let demo = temp.appendingPathComponent(try XCTUnwrap(made.first))
    func files(_ dir: URL) throws -> [String] {
      try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { !$0.hasPrefix(".") }.sorted()
    }
    let names = try files(Repo.seeds)
    XCTAssertTrue(names.contains("customers.csv") && names.contains("shop.toml"), "\(names)")
    XCTAssertEqual(try files(demo), names)
    for f in names {
      XCTAssertEqual(
        try Data(contentsOf: demo.appendingPathComponent(f)),
        try Data(contentsOf: Repo.seeds.appendingPathComponent(f)),
        f)
    }
  }
}
