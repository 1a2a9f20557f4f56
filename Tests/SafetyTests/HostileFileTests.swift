import Foundation
import LiuliangTestSupport
import XCTest

/// Files made to hurt, through the real binary under GNU time: each ends in one sentence and a
/// non-zero exit (or a `file:line` problem), never a signal, and peak memory stays small.
final class HostileFileTests: XCTestCase {
  struct Measured {
    var status: Int32
    var stdout: String
    var stderr: String
    var peakMB: Int
  }

  /// Runs the binary under `/usr/bin/time -f %M` (peak resident KB, on the last line of stderr).
  func measured(_ args: [String]) throws -> Measured {
    let time = "/usr/bin/time"
    guard FileManager.default.isExecutableFile(atPath: time) else {
      throw XCTSkip("GNU time is missing: scripts/deps --test installs it")
    }
    let marker = "peak-kb:"
    let r = try runCommand(time, ["-f", marker + "%M", Repo.binary.path] + args)
    let lines = r.stderr.split(separator: "\n", omittingEmptySubsequences: false)
    guard let last = lines.last(where: { $0.hasPrefix(marker) }), let kb = Int(last.dropFirst(marker.count))
    else {
      XCTFail("no peak in \(r.stderr)")
      return Measured(status: r.status, stdout: r.stdout, stderr: r.stderr, peakMB: 0)
    }
    // GNU time reports a child killed by a signal on a line of its own; the exit status is then 0.
    let own = lines.filter { !$0.hasPrefix(marker) && !$0.hasPrefix("Command ") }.joined(separator: "\n")
    let signalled = lines.contains { $0.hasPrefix("Command terminated by signal") }
    return Measured(
      status: signalled ? -1 : r.status, stdout: r.stdout, stderr: own.trimmingCharacters(in: .newlines),
      peakMB: kb / 1024)
  }

  func runCommand(_ path: String, _ args: [String]) throws -> (status: Int32, stdout: String, stderr: String)
  {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: path)
    p.arguments = args
    var e = ProcessInfo.processInfo.environment
    e["LANG"] = "C.UTF-8"
    e.removeValue(forKey: "LIULIANG_DATA")
    p.environment = e
    let out = Pipe()
    let err = Pipe()
    p.standardOutput = out
    p.standardError = err
    p.standardInput = FileHandle.nullDevice
    try p.run()
    // Both pipes drain at once, so that a full one never blocks the child.
    nonisolated(unsafe) var o = Data()
    let reader = Thread { o = out.fileHandleForReading.readDataToEndOfFile() }
    reader.start()
    let r = err.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    while !reader.isFinished { usleep(1000) }
    return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: r, as: UTF8.self))
  }

  /// One sentence: one line, ending in a full stop (either language's).
  func assertOneSentence(
    _ text: String, _ context: String, file: StaticString = #filePath, line: UInt = #line
  ) {
    let t = text.trimmingCharacters(in: .whitespacesAndNewlines)
    XCTAssertFalse(t.isEmpty, context, file: file, line: line)
    XCTAssertFalse(t.contains("\n"), "\(context): \(t)", file: file, line: line)
    XCTAssertTrue(t.hasSuffix(".") || t.hasSuffix("。"), "\(context): \(t)", file: file, line: line)
    for word in ["Fatal", "fatal error", "Swift runtime", "NSCocoaErrorDomain", "Error Domain"] {
      XCTAssertFalse(t.contains(word), "\(context): \(t)", file: file, line: line)
    }
  }

  // MARK: 3. shop.toml

  /// A table name in Chinese, or holding a control character, aborted every command in the TOML
  /// library. Now each is a `shop.toml:N` problem and the store opens.
  func testAnUnreadableTableNameInShopTomlIsAProblemNotACrash() throws {
    for header in ["[营业时间]", "[hours\u{1}]", "[\u{7F}]"] {
      let store = try Repo.demoCopy()
      let toml = store.appendingPathComponent("shop.toml")
      var text = try String(contentsOf: toml, encoding: .utf8)
      let line = text.split(separator: "\n", omittingEmptySubsequences: false).count
      text += header + "\nmon = \"10:00-14:00\"\n"
      try text.write(to: toml, atomically: true, encoding: .utf8)
      let check = try measured(["check", "--data", store.path, "--lang", "en"])
      XCTAssertEqual(check.status, 1, "\(header): \(check.stdout) \(check.stderr)")
      XCTAssertTrue(check.stdout.contains("shop.toml:\(line): "), "\(header): \(check.stdout)")
      let today = try measured(["today", "--data", store.path, "--lang", "en", "--today", "2026-11-16"])
      XCTAssertEqual(today.status, 0, "\(header): \(today.stderr)")
    }
  }
}
