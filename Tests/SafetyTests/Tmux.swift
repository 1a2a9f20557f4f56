import Foundation
import XCTest

/// Drives the real binary in a detached tmux session, as a user at a terminal would.
final class TmuxSession {
  let name: String
  private(set) var exitFile: URL

  /// Starts `command` in an 80×24 (or given) terminal with LANG=C.UTF-8; the shell writes the
  /// exit status to a file so the test can check it after `q`.
  init(command: String, width: Int = 80, height: Int = 24, env: [String: String] = [:]) throws {
    name = "liuliang-\(UUID().uuidString.prefix(8))"
    exitFile = FileManager.default.temporaryDirectory.appendingPathComponent("\(name).exit")
    let envText = (["LANG": "C.UTF-8", "TERM": "xterm-256color"].merging(env) { $1 })
      .map { "\($0.key)=\(shellQuote($0.value))" }.sorted().joined(separator: " ")
    let script = "env \(envText) \(command); echo $? > \(exitFile.path); sleep 30"
    try TmuxSession.tmux([
      "new-session", "-d", "-s", name, "-x", "\(width)", "-y", "\(height)", "sh", "-c", script,
    ])
  }

  deinit { _ = try? TmuxSession.tmux(["kill-session", "-t", name]) }

  static var available: Bool {
    (try? tmux(["-V"])) != nil
  }

  @discardableResult
  static func tmux(_ args: [String]) throws -> String {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = ["tmux"] + args
    // A new session may start the tmux server, which keeps any inherited pipe open: give it
    // no pipe, or reading to the end would wait for the server to exit.
    let out = Pipe()
    let detached = args.first == "new-session"
    p.standardOutput = detached ? FileHandle.nullDevice : out
    p.standardError = FileHandle.nullDevice
    p.standardInput = FileHandle.nullDevice
    try p.run()
    let data = detached ? Data() : out.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    guard p.terminationStatus == 0 else { throw NSError(domain: "tmux", code: Int(p.terminationStatus)) }
    return String(decoding: data, as: UTF8.self)
  }

  /// Sends keys as tmux names them (`j`, `Enter`, `Escape`, `C-r`, `BTab`) or literal text.
  func send(_ keys: String...) throws { try TmuxSession.tmux(["send-keys", "-t", name] + keys) }
  func type(_ text: String) throws { try TmuxSession.tmux(["send-keys", "-t", name, "-l", text]) }
  func resize(width: Int, height: Int) throws {
    try TmuxSession.tmux(["resize-window", "-t", name, "-x", "\(width)", "-y", "\(height)"])
  }

  func screen() throws -> String { try TmuxSession.tmux(["capture-pane", "-p", "-t", name]) }

  /// Waits until the screen contains `text`, up to `timeout` seconds; returns the last screen.
  @discardableResult
  func waitFor(_ text: String, timeout: Double = 10, file: StaticString = #filePath, line: UInt = #line)
    throws -> String
  {
    let deadline = Date().addingTimeInterval(timeout)
    var last = ""
    while Date() < deadline {
      last = try screen()
      if last.contains(text) { return last }
      usleep(50_000)
    }
    XCTFail("screen never showed \(text.debugDescription); last screen:\n\(last)", file: file, line: line)
    return last
  }

  /// The program's exit status once it has ended, or nil after `timeout` seconds.
  func exitStatus(timeout: Double = 10) -> Int32? {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
      if let s = try? String(contentsOf: exitFile, encoding: .utf8) {
        return Int32(s.trimmingCharacters(in: .whitespacesAndNewlines))
      }
      usleep(50_000)
    }
    return nil
  }
}

func shellQuote(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }
