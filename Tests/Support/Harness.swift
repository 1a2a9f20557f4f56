import Foundation
import XCTest

/// Paths of the repository and of the built binary, found from this file's location.
public enum Repo {
  public static let root: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent()
    .deletingLastPathComponent()
  public static var seeds: URL { root.appendingPathComponent("seeds") }

  /// The `liuliang` built by `swift build` beside the test bundle (scripts/test builds it first).
  public static var binary: URL { built("liuliang") }

  /// `liuliang-tools` (bench, drill), built beside `liuliang` and never installed.
  public static var tools: URL { built("liuliang-tools") }

  static func built(_ name: String) -> URL {
    let bundleDir = Bundle.main.bundleURL.deletingLastPathComponent()
    for dir in [bundleDir, Bundle(for: Marker.self).bundleURL.deletingLastPathComponent()] {
      let candidate = dir.appendingPathComponent(name)
      if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
    }
    return root.appendingPathComponent(".build/debug/" + name)
  }

  public final class Marker {}

  /// A new, empty store (a folder holding only a shop.toml) as `liuliang init` makes one:
  /// commands other than the dashboard make no store of their own.
  public static func newStore(_ name: String = "store", in parent: URL? = nil) throws -> URL {
    let url = try parent.map { $0.appendingPathComponent(name) } ?? tempFolder(name)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    let toml = url.appendingPathComponent("shop.toml")
    if !FileManager.default.fileExists(atPath: toml.path) {
      try Data("name = \"\"\n".utf8).write(to: toml)
    }
    return url
  }

  /// A fresh empty folder under the system's temporary directory, removed when the test
  /// process ends.
  public static func tempFolder(_ name: String = "store") throws -> URL {
    let url = testRoot.appendingPathComponent(UUID().uuidString).appendingPathComponent(name)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  /// One folder per test process for every temporary store, so that a single removal at exit
  /// leaves nothing behind, whichever test failed.
  static let testRoot: URL = {
    CPUHog.startIfAsked()
    let root = FileManager.default.temporaryDirectory.appendingPathComponent(
      "liuliang-test-\(getpid())-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    rootPath = root.path
    atexit { if let p = Repo.rootPath { try? FileManager.default.removeItem(atPath: p) } }
    return root
  }()
  nonisolated(unsafe) static var rootPath: String?

  /// A path under the tests' temporary folder where nothing is yet, for what makes its folder
  /// itself (a copy, `liuliang generate`).
  public static func unmadeFolder(_ name: String = "store") throws -> URL {
    let url = try tempFolder(name)
    try FileManager.default.removeItem(at: url)
    return url
  }

  /// A copy of the demo shop that a test may change.
  public static func demoCopy() throws -> URL {
    let dst = try unmadeFolder("demo")
    try FileManager.default.copyItem(at: seeds, to: dst)
    return dst
  }
}

/// Adds `text` at the end of `file`, leaving every byte before it as it was.
public func append(_ text: String, to file: URL) throws {
  let h = try FileHandle(forWritingTo: file)
  h.seekToEndOfFile()
  h.write(Data(text.utf8))
  try h.close()
}

public struct RunResult {
  public var status: Int32
  public var stdout: String
  public var stderr: String
}

/// Runs the real binary with the given arguments and environment additions, no stdin.
public func runLiuliang(_ args: [String], env: [String: String] = [:]) throws -> RunResult {
  try runProgram(Repo.binary, args, env: env)
}

/// Runs `liuliang-tools` (bench, drill) the same way.
public func runTools(_ args: [String], env: [String: String] = [:]) throws -> RunResult {
  try runProgram(Repo.tools, args, env: env)
}

/// Runs any program the same way: LANG=C.UTF-8, none of liuliang's own settings from the
/// environment unless given, no stdin.
public func runProgram(_ binary: URL, _ args: [String], env: [String: String] = [:]) throws -> RunResult {
  CPUHog.startIfAsked()
  let p = Process()
  p.executableURL = binary
  p.arguments = args
  var e = ProcessInfo.processInfo.environment
  e["LANG"] = "C.UTF-8"
  e.removeValue(forKey: "LIULIANG_TODAY")
  e.removeValue(forKey: "LIULIANG_DATA")
  for k in ["LIULIANG_LANG", "LC_ALL", "LC_MESSAGES"] { e.removeValue(forKey: k) }
  for (k, v) in env { e[k] = v }
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
  return RunResult(
    status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self),
    stderr: String(decoding: r, as: UTF8.self))
}
