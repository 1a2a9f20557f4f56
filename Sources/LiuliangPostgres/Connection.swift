import CLibpq
import LiuliangModel
import LiuliangStore

#if canImport(Glibc)
  import Glibc
#endif

/// One connection through libpq: connection strings, `~/.pgpass`, `PGPASSWORD`, `PGSERVICE`
/// and TLS behave exactly as they do for psql, since it is psql's own library.
public final class Connection {
  let conn: OpaquePointer

  /// Connects with a URL or `key=value` string (empty: every setting from the environment).
  public init(_ conninfo: String) throws(ServerFailure) {
    guard let c = PQconnectdb(conninfo) else { throw .unreachable }
    conn = c
    guard ll_pq_ok(c) != 0 else {
      let message = String(cString: PQerrorMessage(c))
      // deinit runs for an init that throws once `conn` is set: it finishes the connection.
      throw Connection.classify(connectMessage: message)
    }
    // Notices (a NOTICE from a migration's IF NOT EXISTS) are not the owner's business.
    PQsetNoticeProcessor(c, { _, _ in }, nil)
  }

  deinit { PQfinish(conn) }

  /// Connects to a store's URL, with a refusal in the store's terms: a URL that names no
  /// server is unreachable as written, a failed connection names the store without its password.
  public static func store(_ url: String) throws(StoreError) -> Connection {
    guard let a = StoreAddress(url) else { throw .server(.failed(store: url, .unreachable)) }
    do {
      return try Connection(url)
    } catch {
      throw .server(.failed(store: a.name, error))
    }
  }

  /// `user@host/database` of the connection as made: the name the store goes by everywhere.
  public var name: String {
    let user = String(cString: PQuser(conn))
    let db = String(cString: PQdb(conn))
    var host = String(cString: PQhost(conn))
    if host.hasPrefix("/") { host = "localhost" }
    return "\(user)@\(host)/\(db)"
  }

  public var user: String { String(cString: PQuser(conn)) }

  /// Whether the connection still works (false after the server went away).
  public var isAlive: Bool { ll_pq_ok(conn) != 0 }

  /// The server process of this connection, as other sessions' notices name their sender.
  public var serverPID: Int32 { PQbackendPID(conn) }

  /// The notices (LISTEN) that arrived since last asked, without waiting for any: each its
  /// sender's server process and payload.
  public func notices() -> [(sender: Int32, payload: String)] {
    _ = PQconsumeInput(conn)
    var out: [(sender: Int32, payload: String)] = []
    while let n = PQnotifies(conn) {
      out.append((n.pointee.be_pid, String(cString: n.pointee.extra)))
      PQfreemem(n)
    }
    return out
  }

  /// Runs SQL with text parameters; the rows as text (nil for NULL).
  @discardableResult
  public func query(_ sql: String, _ params: [String?] = []) throws(ServerFailure) -> [[String?]] {
    // Without parameters the simple protocol, which takes several statements (a migration step).
    let result =
      params.isEmpty
      ? PQexec(conn, sql)
      : withCStrings(params) { ptrs in PQexecParams(conn, sql, Int32(params.count), nil, ptrs, nil, nil, 0) }
    guard let result else { throw .connectionLost }
    defer { PQclear(result) }
    if ll_pq_tuples_ok(result) != 0 {
      var rows: [[String?]] = []
      let n = PQntuples(result)
      let f = PQnfields(result)
      rows.reserveCapacity(Int(n))
      for i in 0..<n {
        var row: [String?] = []
        for j in 0..<f {
          row.append(PQgetisnull(result, i, j) != 0 ? nil : String(cString: PQgetvalue(result, i, j)))
        }
        rows.append(row)
      }
      return rows
    }
    if ll_pq_command_ok(result) != 0 { return [] }
    throw failure(result)
  }

  /// The number of rows a statement changed.
  public func execute(_ sql: String, _ params: [String?] = []) throws(ServerFailure) -> Int {
    let result = withCStrings(params) { ptrs in
      PQexecParams(conn, sql, Int32(params.count), nil, ptrs, nil, nil, 0)
    }
    guard let result else { throw .connectionLost }
    defer { PQclear(result) }
    guard ll_pq_command_ok(result) != 0 || ll_pq_tuples_ok(result) != 0 else { throw failure(result) }
    return Int(String(cString: PQcmdTuples(result))) ?? 0
  }

  /// The bytes `COPY (…) TO STDOUT` sends, in one array (CSV bytes for the store's codec).
  public func copyOut(_ sql: String) throws(ServerFailure) -> [UInt8] {
    var out: [UInt8] = []
    try copyOut(sql, appendingTo: &out)
    return out
  }

  /// The same, after the bytes already in `out` (a header, a part before).
  public func copyOut(_ sql: String, appendingTo out: inout [UInt8]) throws(ServerFailure) {
    guard let start = PQexec(conn, sql) else { throw .connectionLost }
    guard ll_pq_copy_out(start) != 0 else {
      defer { PQclear(start) }
      throw failure(start)
    }
    PQclear(start)
    var chunk: UnsafeMutablePointer<CChar>?
    while true {
      let n = PQgetCopyData(conn, &chunk, 0)
      if n > 0, let c = chunk {
        c.withMemoryRebound(to: UInt8.self, capacity: Int(n)) {
          out.append(contentsOf: UnsafeBufferPointer(start: $0, count: Int(n)))
        }
        PQfreemem(c)
      } else {
        break
      }
    }
    try finishResults()
  }

  /// Sends `bytes` through `COPY … FROM STDIN`.
  public func copyIn(_ sql: String, _ bytes: [UInt8]) throws(ServerFailure) {
    guard let start = PQexec(conn, sql) else { throw .connectionLost }
    guard ll_pq_copy_in(start) != 0 else {
      defer { PQclear(start) }
      throw failure(start)
    }
    PQclear(start)
    var offset = 0
    let step = 1 << 20
    while offset < bytes.count {
      let end = min(bytes.count, offset + step)
      let ok = bytes[offset..<end].withUnsafeBufferPointer { b in
        b.withMemoryRebound(to: CChar.self) { PQputCopyData(conn, $0.baseAddress, Int32($0.count)) }
      }
      if ok != 1 { throw .connectionLost }
      offset = end
    }
    if PQputCopyEnd(conn, nil) != 1 { throw .connectionLost }
    try finishResults()
  }

  /// Drains the results after a COPY, throwing the first failure.
  func finishResults() throws(ServerFailure) {
    var first: ServerFailure?
    while let r = PQgetResult(conn) {
      if first == nil && ll_pq_command_ok(r) == 0 { first = failure(r) }
      PQclear(r)
    }
    if let first { throw first }
    if !isAlive { throw .connectionLost }
  }

  /// Runs `body` in one transaction: all of it lands or none of it.
  public func transaction<R>(_ body: () throws(ServerFailure) -> R) throws(ServerFailure) -> R {
    try query("BEGIN")
    do {
      let r = try body()
      try query("COMMIT")
      return r
    } catch {
      if isAlive { _ = try? query("ROLLBACK") }
      throw error
    }
  }

  func failure(_ result: OpaquePointer) -> ServerFailure {
    guard isAlive else { return .connectionLost }
    let state = PQresultErrorField(result, ll_pq_diag_sqlstate()).map { String(cString: $0) } ?? ""
    switch state {
    case "42501": return .refused
    case "23505": return .changedElsewhere
    case "": return .connectionLost
    default:
      // Connection failures mid-statement (57P01 admin shutdown, 08xxx) are a lost connection.
      if state.hasPrefix("08") || state.hasPrefix("57P") { return .connectionLost }
      return .other(sqlstate: state)
    }
  }

  /// libpq's connection error in one of the cases the program words itself.
  static func classify(connectMessage m: String) -> ServerFailure {
    let s = m.lowercased()
    if s.contains("password") || s.contains("authentication") || s.contains("pg_hba") || s.contains("role") {
      return .authentication
    }
    if s.contains("ssl") || s.contains("certificate") || s.contains("tls") { return .tls }
    return .unreachable
  }
}

/// Calls `body` with the strings as C strings (NULL for nil), alive for the call.
func withCStrings<R>(_ strings: [String?], _ body: (UnsafePointer<UnsafePointer<CChar>?>?) -> R) -> R {
  if strings.isEmpty { return body(nil) }
  var owned: [UnsafeMutablePointer<CChar>?] = strings.map { $0.map { strdup($0) } }
  defer { for p in owned { free(p) } }
  return owned.withUnsafeMutableBufferPointer { b in
    b.baseAddress!.withMemoryRebound(to: UnsafePointer<CChar>?.self, capacity: max(1, b.count)) { body($0) }
  }
}
