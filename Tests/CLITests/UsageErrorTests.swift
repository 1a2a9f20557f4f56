import Foundation
import LiuliangTestSupport
import XCTest

/// A command line that cannot run as written: exit 64 (EX_USAGE) and one sentence, nothing else.
final class UsageErrorTests: XCTestCase {
  func run(_ args: [String], env extra: [String: String] = [:]) throws -> (status: Int32?, stderr: String) {
    // SmallSafetyTests' runner: the binary with stdin and stdout closed, stderr kept.
    var env = ProcessInfo.processInfo.environment
    for (k, v) in extra { env[k] = v }
    let p = Process()
    p.executableURL = Repo.binary
    p.arguments = args
    p.environment = env
    let err = Pipe()
    p.standardError = err
    p.standardOutput = FileHandle.nullDevice
    p.standardInput = FileHandle.nullDevice
    try p.run()
    let text = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    p.waitUntilExit()
    return (p.terminationStatus, text)
  }

  func testAnImpossibleDateIsOneSentenceAndExit64InEitherLanguage() throws {
    let store = try Repo.newStore().path
    let en = try run(["today", "--today", "2025-02-30", "--data", store, "--lang", "en"])
    XCTAssertEqual(en.status, 64)
    XCTAssertEqual(en.stderr, "2025-02-30 is not a date (--today takes YYYY-MM-DD).\n")
    let zh = try run(["customers", "--today", "2025-02-30", "--data", store, "--lang", "zh-Hans"])
    XCTAssertEqual(zh.status, 64)
    XCTAssertEqual(zh.stderr, "2025-02-30 不是日期（--today 要写成 YYYY-MM-DD）。\n")
    let env = try run(["check", "--data", store, "--lang", "en"], env: ["LIULIANG_TODAY": "2025-13-01"])
    XCTAssertEqual(env.status, 64)
    XCTAssertEqual(env.stderr, "2025-13-01 is not a date (LIULIANG_TODAY takes YYYY-MM-DD).\n")
  }

  func testEveryUsageErrorIsOneLine() throws {
    let store = try Repo.newStore().path
    for args in [["today", "--bogus"], ["today", "--lang", "fr"], ["report", "nonsense"]] {
      let r = try run(args + ["--data", store])
      XCTAssertEqual(r.status, 64, "\(args)")
      XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, "\(args): \(r.stderr)")
      XCTAssertFalse(r.stderr.contains("Usage:"), r.stderr)
    }
  }
}
