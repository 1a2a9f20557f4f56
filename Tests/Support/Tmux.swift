import Foundation
import XCTest

#if canImport(Glibc)
  import Glibc
#endif

/// Drives the real binary in a detached tmux session, as a user at a terminal would.
public final class TmuxSession {
  public let name: String
  public private(set) var exitFile: URL

  /// Starts `command` in an 80×24 (or given) terminal with LANG=C.UTF-8; the shell writes the
  /// exit status to a file so the test can check it after `q`.
  public init(command: String, width: Int = 80, height: Int = 24, env: [String: String] = [:]) throws {
    CPUHog.startIfAsked()
    name = "liuliang-\(UUID().uuidString.prefix(8))"
    exitFile = FileManager.default.temporaryDirectory.appendingPathComponent("\(name).exit")
    let envText = (["LANG": "C.UTF-8", "TERM": "xterm-256color"].merging(env) { $1 })
      .map { "\($0.key)=\(shellQuote($0.value))" }.sorted().joined(separator: " ")
    // Written aside and renamed, so that a reader never sees the file before the status is in it.
    let script =
      "env \(envText) \(command); echo $? > \(exitFile.path).part; mv \(exitFile.path).part \(exitFile.path); sleep 120"
    try tmux(["new-session", "-d", "-s", name, "-x", "\(width)", "-y", "\(height)", "sh", "-c", script])
  }

  deinit {
    _ = try? tmux(["kill-server"])
    unlink(socket)
  }

  /// This session's own tmux server's socket: tmux leaves it behind when the server ends.
  var socket: String { exitFile.deletingLastPathComponent().appendingPathComponent("\(name).tmux").path }

  /// A tmux command on this session's own server. On the one shared server, a session started
  /// just as another test's last session closed was seen to fail: that server was exiting. A
  /// server per session has no such moment, and no other test's sessions.
  @discardableResult
  public func tmux(_ args: [String]) throws -> String { try TmuxSession.tmux(["-S", socket] + args) }

  public static var available: Bool {
    (try? tmux(["-V"])) != nil
  }

  /// Runs tmux and waits for exactly that child with waitpid: Foundation's Process, after
  /// many children have come and gone in one test process, was seen to miss an exit and wait
  /// for ever. A new session starts the tmux server, which inherits and keeps open any pipe,
  /// so only other commands get one for their output.
  @discardableResult
  public static func tmux(_ args: [String]) throws -> String {
    let detached = args.contains("new-session")
    var fds: [Int32] = [-1, -1]
    if !detached { guard pipe(&fds) == 0 else { throw NSError(domain: "tmux", code: Int(errno)) } }
    var actions: posix_spawn_file_actions_t = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    if detached {
      posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    } else {
      posix_spawn_file_actions_adddup2(&actions, fds[1], 1)
      posix_spawn_file_actions_addclose(&actions, fds[0])
    }
    let argv = (["tmux"] + args).map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    var pid: pid_t = 0
    let rc = posix_spawnp(&pid, "tmux", &actions, nil, argv, environ)
    if !detached { close(fds[1]) }
    guard rc == 0 else {
      if !detached { close(fds[0]) }
      throw NSError(domain: "tmux", code: Int(rc))
    }
    var data = [UInt8]()
    if !detached {
      var chunk = [UInt8](repeating: 0, count: 65536)
      while true {
        let n = chunk.withUnsafeMutableBytes { read(fds[0], $0.baseAddress, $0.count) }
        if n < 0 && errno == EINTR { continue }
        if n <= 0 { break }
        data += chunk[0..<n]
      }
      close(fds[0])
    }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    let exited = status & 0x7f == 0
    let code = (status >> 8) & 0xff
    guard exited && code == 0 else { throw NSError(domain: "tmux", code: Int(code)) }
    return String(decoding: data, as: UTF8.self)
  }

  /// Sends keys as tmux names them (`j`, `Enter`, `Escape`, `C-r`, `BTab`) or literal text.
  public func send(_ keys: String...) throws { try tmux(["send-keys", "-t", name] + keys) }
  public func type(_ text: String) throws { try tmux(["send-keys", "-t", name, "-l", text]) }
  public func resize(width: Int, height: Int) throws {
    try tmux(["resize-window", "-t", name, "-x", "\(width)", "-y", "\(height)"])
  }

  public func screen() throws -> String { try tmux(["capture-pane", "-p", "-t", name]) }

  /// Waits until the screen contains `text`, up to `timeout` seconds; returns the last screen.
  @discardableResult
  public func waitFor(
    _ text: String, timeout: Double = Wait.long, file: StaticString = #filePath, line: UInt = #line
  )
    throws -> String
  {
    var last = ""
    if try waitUntil(
      timeout: timeout,
      {
        last = try screen()
        return last.contains(text)
      })
    {
      return last
    }
    XCTFail("screen never showed \(text.debugDescription); last screen:\n\(last)", file: file, line: line)
    return last
  }

  /// The program's exit status once it has ended, or nil after `timeout` seconds. A file
  /// without a whole status in it yet is not an answer: keep waiting.
  public func exitStatus(timeout: Double = Wait.long) -> Int32? {
    var status: Int32?
    waitUntil(timeout: timeout) {
      status = (try? String(contentsOf: exitFile, encoding: .utf8)).flatMap {
        Int32($0.trimmingCharacters(in: .whitespacesAndNewlines))
      }
      return status != nil
    }
    return status
  }
}

public func shellQuote(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }
