import Foundation
import LiuliangTestSupport

#if canImport(Glibc)
  import Glibc
#endif

/// The real binary on a pseudo-terminal whose other end is a `TerminalEmulator`.
final class PtySession {
  let screen: TerminalEmulator
  let pid: pid_t
  let started = Date()
  private let master: Int32
  private var late: ([UInt8], Date)?

  init(
    _ args: [String], width: Int, height: Int, answers: TerminalEmulator.Answers, row: Int = 0,
    env: [String: String] = [:]
  ) throws {
    setlocale(LC_CTYPE, "C.UTF-8")
    screen = TerminalEmulator(width: width, height: height, answers: answers, row: row)
    var m: Int32 = -1
    var s: Int32 = -1
    var size = winsize(ws_row: UInt16(height), ws_col: UInt16(width), ws_xpixel: 0, ws_ypixel: 0)
    guard openpty(&m, &s, nil, nil, &size) == 0 else { throw NSError(domain: "openpty", code: Int(errno)) }
    master = m
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    for fd: Int32 in [0, 1, 2] { posix_spawn_file_actions_adddup2(&actions, s, fd) }
    posix_spawn_file_actions_addclose(&actions, m)
    posix_spawn_file_actions_addclose(&actions, s)
    var environment = ProcessInfo.processInfo.environment
    for k in ["LIULIANG_TODAY", "LIULIANG_DATA", "LIULIANG_AMBIGUOUS", "TMUX", "NO_COLOR"] {
      environment.removeValue(forKey: k)
    }
    environment["LANG"] = "C.UTF-8"
    environment["TERM"] = "xterm-256color"
    for (k, v) in env { environment[k] = v }
    let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    let argv = ([Repo.binary.path] + args).map { strdup($0) } + [nil]
    defer {
      envp.forEach { free($0) }
      argv.forEach { free($0) }
    }
    var child: pid_t = 0
    let rc = posix_spawn(&child, Repo.binary.path, &actions, nil, argv, envp)
    close(s)
    guard rc == 0 else { throw NSError(domain: "posix_spawn", code: Int(rc)) }
    pid = child
  }

  deinit {
    kill(pid, SIGKILL)
    var status: Int32 = 0
    waitpid(pid, &status, 0)
    close(master)
  }

  /// Feeds the emulator what the program wrote until `done` holds and then nothing more came
  /// for `quiet` seconds, or until `timeout`; false on timeout.
  @discardableResult
  func pump(timeout: Double = 20, quiet: Double = 0.3, until done: (TerminalEmulator) -> Bool) -> Bool {
    let deadline = Date().addingTimeInterval(timeout)
    var buf = [UInt8](repeating: 0, count: 65536)
    var met = false
    while Date() < deadline {
      var p = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
      let wait = met ? Int32(quiet * 1000) : 50
      let r = poll(&p, 1, wait)
      if r > 0 {
        let n = read(master, &buf, buf.count)
        if n <= 0 { return met || done(screen) }
        screen.feed(Array(buf[0..<n]))
        if !screen.replies.isEmpty {
          if screen.answers == .late {
            late = (screen.replies, Date().addingTimeInterval(2))
          } else {
            _ = screen.replies.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
          }
          screen.replies = []
        }
        continue
      }
      if let (bytes, due) = late, Date() >= due {
        _ = bytes.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
        late = nil
        continue
      }
      if met { return true }
      met = done(screen)
    }
    return false
  }

  func send(_ text: String) {
    var t = text
    t.withUTF8 { _ = write(master, $0.baseAddress, $0.count) }
  }
}
