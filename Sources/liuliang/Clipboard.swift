import Dispatch
import LiuliangCLI

/// The desktop's clipboard tool, when one is there: wl-copy on Wayland, xclip on X11, pbcopy on
/// a Mac. OSC 52 alone is enough in most terminals; this covers the ones that ignore it.
enum ClipboardTool {
  static func copy(_ text: String) {
    let env = ProcessInfo.processInfo.environment
    var candidates: [(String, [String])] = []
    if env["WAYLAND_DISPLAY"] != nil { candidates.append(("wl-copy", [])) }
    if env["DISPLAY"] != nil { candidates.append(("xclip", ["-selection", "clipboard"])) }
    candidates.append(("pbcopy", []))
    for (name, args) in candidates {
      guard let path = find(name, in: env["PATH"] ?? "") else { continue }
      if start(path, args, input: Array(text.utf8)) { return }
    }
  }

  static func find(_ name: String, in path: String) -> String? {
    for dir in path.split(separator: ":") {
      let p = String(dir) + "/" + name
      if FileManager.default.isExecutableFile(atPath: p) { return p }
    }
    return nil
  }

  /// Starts the tool with `input` on its standard input and its output thrown away; false if it
  /// could not be started. A socket rather than a pipe, so that a tool gone before reading
  /// costs an error, not SIGPIPE. xclip stays to serve the selection: it is not waited for,
  /// only reaped whenever it ends.
  private static func start(_ path: String, _ args: [String], input: [UInt8]) -> Bool {
    var ends: [Int32] = [-1, -1]
    guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0, &ends) == 0
    else {
      return false
    }
    defer { close(ends[1]) }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_adddup2(&actions, ends[0], 0)
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    let argv = ([path] + args).map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    var pid: pid_t = 0
    let spawned = posix_spawn(&pid, path, &actions, nil, argv, environ)
    close(ends[0])
    guard spawned == 0 else { return false }
    shutdown(ends[1], Int32(SHUT_RD))
    var off = 0
    while off < input.count {
      let n = input.withUnsafeBytes {
        send(ends[1], $0.baseAddress! + off, input.count - off, Int32(MSG_NOSIGNAL))
      }
      if n < 0 && errno == EINTR { continue }
      if n <= 0 { break }
      off += n
    }
    let child = pid
    DispatchQueue.global().async { _ = waitpid(child, nil, 0) }
    return true
  }
}
