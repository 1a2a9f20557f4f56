import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Waits for a condition, polling, up to `timeout` seconds; true once it holds. Tests wait for
/// the event they expect this way, never for a fixed time: CI runs on machines that other
/// work keeps busy, where anything may take many times longer than on an idle one.
@discardableResult
public func waitUntil(timeout: Double = Wait.long, _ condition: () throws -> Bool) rethrows -> Bool {
  let deadline = Date().addingTimeInterval(timeout)
  while true {
    if try condition() { return true }
    if Date() >= deadline { return false }
    usleep(50_000)
  }
}

public enum Wait {
  /// The limit for anything a test waits for: generous, since a wait by condition ends as soon
  /// as the condition holds, and only a real failure waits this long.
  public static let long: Double = 90
}

/// `LIULIANG_TEST_CPU_HOG=1`: one busy process per core for as long as the test process lives,
/// so the timing-sensitive tests (tmux, the real binary) are tried on a machine as busy as a
/// shared CI one. Started on first use of the test support; killed at exit, and each stops by
/// itself once the test process is gone, however it ended.
public enum CPUHog {
  nonisolated(unsafe) public private(set) static var pids: [pid_t] = []

  /// Starts the hogs once when the environment asks for them.
  public static func startIfAsked() { _ = started }

  static let started: Bool = {
    guard let v = ProcessInfo.processInfo.environment["LIULIANG_TEST_CPU_HOG"], !v.isEmpty, v != "0" else {
      return false
    }
    pids = start(count: Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    atexit { CPUHog.stop(CPUHog.pids) }
    return true
  }()

  /// `count` shells spinning on a builtin until their parent (this process) is gone.
  public static func start(count: Int) -> [pid_t] {
    var pids: [pid_t] = []
    let script = "while kill -0 \(getpid()) 2>/dev/null; do :; done"
    for _ in 0..<max(1, count) {
      let words: [String] = ["sh", "-c", script]
      let argv: [UnsafeMutablePointer<CChar>?] = words.map { strdup($0) } + [nil]
      defer { argv.forEach { free($0) } }
      var actions = posix_spawn_file_actions_t()
      posix_spawn_file_actions_init(&actions)
      defer { posix_spawn_file_actions_destroy(&actions) }
      for fd: Int32 in [0, 1, 2] {
        posix_spawn_file_actions_addopen(&actions, fd, "/dev/null", fd == 0 ? O_RDONLY : O_WRONLY, 0)
      }
      var pid: pid_t = 0
      if posix_spawn(&pid, "/bin/sh", &actions, nil, argv, environ) == 0 { pids.append(pid) }
    }
    return pids
  }

  /// Kills hogs this process started, by their pids, and reaps them.
  public static func stop(_ hogs: [pid_t]) {
    for pid in hogs {
      kill(pid, SIGKILL)
      var status: Int32 = 0
      while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    }
  }
}
