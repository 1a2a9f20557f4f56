import CLibpq

#if canImport(Glibc)
  import Glibc
#endif

/// What a store URL says, read by libpq's own parser: the name it goes by
/// (`user@host/database`, never the password) before any connection is made, and whether it
/// holds a password (which works, with a warning pointing at `~/.pgpass`).
public struct StoreAddress: Sendable, Equatable {
  public let url: String
  public let name: String
  public let hasPassword: Bool

  /// Whether the text is a PostgreSQL store rather than a folder.
  public static func isURL(_ s: String) -> Bool {
    s.hasPrefix("postgresql://") || s.hasPrefix("postgres://")
  }

  /// Nil when libpq cannot read it as a connection string.
  public init?(_ url: String) {
    var err: UnsafeMutablePointer<CChar>?
    guard let options = PQconninfoParse(url, &err) else {
      if let err { PQfreemem(err) }
      return nil
    }
    defer { PQconninfoFree(options) }
    var values: [String: String] = [:]
    var o = options
    while let k = o.pointee.keyword {
      if let v = o.pointee.val { values[String(cString: k)] = String(cString: v) }
      o += 1
    }
    let env: (String) -> String? = { k in
      getenv(k).map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 }
    }
    let user = values["user"] ?? env("PGUSER") ?? StoreAddress.loginName()
    var host = values["host"] ?? env("PGHOST") ?? "localhost"
    if host.hasPrefix("/") || host.isEmpty { host = "localhost" }
    let db = values["dbname"] ?? env("PGDATABASE") ?? user
    self.url = url
    name = "\(user)@\(host)/\(db)"
    hasPassword = !(values["password"] ?? "").isEmpty
  }

  static func loginName() -> String {
    if let pw = getpwuid(geteuid()), let n = pw.pointee.pw_name { return String(cString: n) }
    return ""
  }
}
