import Foundation
import XCTest

#if canImport(Glibc)
  import Glibc
#endif

/// A throwaway PostgreSQL server: initdb in a temp folder, listening on a Unix socket in that
/// folder (and on 127.0.0.1 when a test needs TCP, as for TLS), stopped when the test process
/// ends. Each test asks it for a database of its own. Run as root (CI), the server runs as the
/// `postgres` user, which refuses to run as root.
public final class ThrowawayPostgres {
  public let folder: String
  public let port: Int
  public let tcp: Bool
  var data: String { folder + "/data" }

  /// The server most tests share, started on first use; nil (with the reason) when no server
  /// can run here.
  nonisolated(unsafe) public static var shared: Result<ThrowawayPostgres, PostgresUnavailable> = {
    Result { try ThrowawayPostgres() }.mapError { $0 as? PostgresUnavailable ?? PostgresUnavailable("\($0)") }
  }()

  /// The shared server, or the test is skipped with the reason (only where no server can be
  /// installed: scripts/deps --test installs it).
  public static func server() throws -> ThrowawayPostgres {
    switch shared {
    case .success(let s): return s
    case .failure(let why): throw XCTSkip("no PostgreSQL server: \(why.reason)")
    }
  }

  /// A new, empty database on the shared server: the server, the database's name, its URL.
  public static func freshDatabase() throws -> (pg: ThrowawayPostgres, db: String, url: String) {
    let pg = try server()
    let db = try pg.newDatabase()
    return (pg, db, pg.url(db))
  }

  nonisolated(unsafe) static var running: [ThrowawayPostgres] = []

  /// `ssl` gives a certificate and key file to serve TLS with; `tcp` listens on 127.0.0.1 too.
  public init(tcp: Bool = false, ssl: (cert: String, key: String)? = nil) throws {
    guard let bin = ThrowawayPostgres.binFolder() else {
      throw PostgresUnavailable("initdb and pg_ctl are not installed (scripts/deps --test installs them)")
    }
    var template = Array("/tmp/liuliang-pg-XXXXXX".utf8CString)
    guard let made = mkdtemp(&template) else { throw PostgresUnavailable("mkdtemp failed") }
    folder = String(cString: made)
    self.tcp = tcp || ssl != nil
    port = self.tcp ? ThrowawayPostgres.freePort() : 5432
    let asRoot = getuid() == 0
    // The server's user must reach its folder: the parent is traversable, the folder its own.
    chmod(folder, 0o755)
    if asRoot { try ThrowawayPostgres.sh(["chown", "postgres:postgres", folder]) }
    func asServer(_ args: [String]) throws {
      try ThrowawayPostgres.sh(asRoot ? ["runuser", "-u", "postgres", "--"] + args : args)
    }
    try asServer([
      bin + "/initdb", "-D", data, "-U", "postgres", "--auth-local=trust", "--auth-host=scram-sha-256",
      "-E", "UTF8", "--locale=C", "--no-sync",
    ])
    // The superuser comes in over the socket without a password (the tests' setup); every
    // other role, and every TCP connection, needs one.
    let hba = """
      local all postgres trust
      local all all scram-sha-256
      host all all 127.0.0.1/32 scram-sha-256
      hostssl all all 127.0.0.1/32 scram-sha-256

      """
    try asServer(["sh", "-c", "printf '%s' \"$0\" > \(data)/pg_hba.conf", hba])
    var conf = [
      "unix_socket_directories = '\(folder)'", "port = \(port)",
      "listen_addresses = '\(self.tcp ? "127.0.0.1" : "")'", "fsync = off", "synchronous_commit = off",
      "full_page_writes = off", "max_connections = 40", "shared_buffers = 64MB",
    ]
    if let ssl {
      try ThrowawayPostgres.sh(["cp", ssl.cert, data + "/server.crt"])
      try ThrowawayPostgres.sh(["cp", ssl.key, data + "/server.key"])
      if asRoot {
        try ThrowawayPostgres.sh(["chown", "postgres:postgres", data + "/server.crt", data + "/server.key"])
      }
      chmod(data + "/server.key", 0o600)
      conf += ["ssl = on", "ssl_cert_file = 'server.crt'", "ssl_key_file = 'server.key'"]
    }
    try asServer(["sh", "-c", "printf '%s\\n' \"$@\" >> \(data)/postgresql.conf", "sh"] + conf)
    try asServer([bin + "/pg_ctl", "-D", data, "-l", folder + "/log", "-w", "-t", "120", "start"])
    ThrowawayPostgres.running.append(self)
    if ThrowawayPostgres.running.count == 1 {
      atexit { for s in ThrowawayPostgres.running { s.stop() } }
    }
  }

  /// Stops the server at once and removes its folder.
  public func stop() {
    guard let bin = ThrowawayPostgres.binFolder() else { return }
    let cmd = [bin + "/pg_ctl", "-D", data, "-m", "immediate", "-w", "stop"]
    try? ThrowawayPostgres.sh(getuid() == 0 ? ["runuser", "-u", "postgres", "--"] + cmd : cmd)
    try? FileManager.default.removeItem(atPath: folder)
    ThrowawayPostgres.running.removeAll { $0 === self }
  }

  /// A URL for `user` on `database` over the socket (libpq's `host=` a folder).
  public func url(_ database: String, user: String = "postgres", password: String? = nil) -> String {
    let auth = password.map { "\(user):\($0)" } ?? user
    return "postgresql://\(auth)@/\(database)?host=\(folder)&port=\(port)"
  }

  /// A new empty database of the test's own; the superuser owns it.
  public func newDatabase() throws -> String {
    let name = "t" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(20)
    try psql("postgres", "CREATE DATABASE \(name)")
    return name
  }

  /// Runs SQL through psql as `user` (the superuser by default); its output, or an error with
  /// psql's words when it fails.
  @discardableResult
  public func psql(_ database: String, _ sql: String, user: String = "postgres", password: String? = nil)
    throws -> String
  {
    let r = try psqlResult(database, sql, user: user, password: password)
    if r.status != 0 { throw PostgresUnavailable("psql: \(r.stderr)") }
    return r.stdout
  }

  /// psql's exit status, output and errors, for tests that expect a refusal.
  public func psqlResult(
    _ database: String, _ sql: String, user: String = "postgres", password: String? = nil
  )
    throws -> RunResult
  {
    guard let bin = ThrowawayPostgres.binFolder() else { throw PostgresUnavailable("no psql") }
    var env = ["PGHOST": folder, "PGPORT": "\(port)", "PGUSER": user, "PGDATABASE": database]
    if let password { env["PGPASSWORD"] = password }
    return try ThrowawayPostgres.run(
      [bin + "/psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-c", sql], env: env)
  }

  /// The newest installed server's programs.
  static func binFolder() -> String? {
    let root = "/usr/lib/postgresql"
    let versions = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? [])
      .compactMap(Int.init).sorted()
    for v in versions.reversed() where FileManager.default.isExecutableFile(atPath: "\(root)/\(v)/bin/initdb")
    {
      return "\(root)/\(v)/bin"
    }
    return nil
  }

  static func freePort() -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    var addr = sockaddr_in()
    addr.sin_family = sa_family_t(AF_INET)
    addr.sin_addr.s_addr = inet_addr("127.0.0.1")
    addr.sin_port = 0
    var len = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &addr) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) }
    }
    _ = withUnsafeMutablePointer(to: &addr) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) }
    }
    return Int(UInt16(bigEndian: addr.sin_port))
  }

  static func sh(_ args: [String]) throws {
    let r = try run(args, env: [:])
    if r.status != 0 { throw PostgresUnavailable("\(args[0]) failed: \(r.stderr)") }
  }

  /// Runs a program with posix_spawn and waitpid, output to files read once it ended: pg_ctl
  /// leaves a server behind it, and nothing here waits on anything but the program itself.
  public static func run(_ args: [String], env: [String: String], stdin: String? = nil) throws -> RunResult {
    var e = ProcessInfo.processInfo.environment
    for k in ["PGPASSWORD", "PGSERVICE", "PGHOST", "PGUSER", "PGDATABASE", "PGPORT"] {
      e.removeValue(forKey: k)
    }
    for (k, v) in env { e[k] = v }
    let base = NSTemporaryDirectory() + "liuliang-pg-run-\(UUID().uuidString)"
    defer { for x in [".in", ".out", ".err"] { try? FileManager.default.removeItem(atPath: base + x) } }
    try Data((stdin ?? "").utf8).write(to: URL(fileURLWithPath: base + ".in"))
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, base + ".in", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, base + ".out", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_addopen(&actions, 2, base + ".err", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    let argv = args.map { strdup($0) } + [nil]
    let envp = e.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer {
      for p in argv { free(p) }
      for p in envp { free(p) }
    }
    var pid: pid_t = 0
    let rc = posix_spawnp(&pid, args[0], &actions, nil, argv, envp)
    guard rc == 0 else {
      throw PostgresUnavailable("cannot run \(args[0]): \(String(cString: strerror(rc)))")
    }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    let o = FileManager.default.contents(atPath: base + ".out") ?? Data()
    let errBytes = FileManager.default.contents(atPath: base + ".err") ?? Data()
    let code = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    return RunResult(
      status: code, stdout: String(decoding: o, as: UTF8.self),
      stderr: String(decoding: errBytes, as: UTF8.self))
  }
}

public struct PostgresUnavailable: Error, CustomStringConvertible {
  public let reason: String
  public init(_ reason: String) { self.reason = reason }
  public var description: String { reason }
}
