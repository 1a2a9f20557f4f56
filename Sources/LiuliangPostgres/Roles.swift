import CLibpq
import LiuliangModel
import LiuliangStore

#if canImport(Glibc)
  import Glibc
#endif

/// `liuliang chain grant|revoke|roles`: PostgreSQL roles and grants, made over the owner's
/// connection. The row-level security policies of the schema do the rest.
public enum Roles {
  public struct Entry: Sendable, Equatable {
    public var role: String
    /// nil: the chain's owner.
    public var shop: String?
  }

  /// Makes `role` (LOGIN, created when missing; `password` set when given, hashed here so
  /// that it never travels or is logged in clear) a shop's role or, with `shop` nil, an owner.
  public static func grant(_ role: String, shop: String?, password: String?, url: String) throws(StoreError) {
    let c = try connect(url)
    let r = identifier(role)
    let tables = "customers, visits, posts, promotions, complaints, contacts, shops, liuliang_roles"
    var steps = [
      "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = \(literal(role))) "
        + "THEN CREATE ROLE \(r) LOGIN; END IF; END $$",
      "REVOKE ALL ON \(tables) FROM \(r)",
      "GRANT SELECT ON \(tables), liuliang_schema TO \(r)",
      "GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO \(r)",
    ]
    if shop == nil {
      steps.append("GRANT ALL ON \(tables) TO \(r)")
    } else {
      steps += [
        "GRANT INSERT, UPDATE ON customers, complaints, contacts TO \(r)",
        "GRANT INSERT, UPDATE, DELETE ON visits, posts, promotions TO \(r)",
        "GRANT UPDATE ON shops TO \(r)",
      ]
    }
    if let password {
      guard let hashed = PQencryptPasswordConn(c.conn, password, role, nil) else {
        throw .server(.failed(store: c.name, .refused))
      }
      steps.append("ALTER ROLE \(r) PASSWORD \(literal(String(cString: hashed)))")
      PQfreemem(hashed)
    }
    do throws(ServerFailure) {
      try c.transaction { () throws(ServerFailure) in
        if let shop, try c.query("SELECT 1 FROM shops WHERE id = $1", [shop]).isEmpty {
          throw .other(sqlstate: "no-shop")
        }
        for s in steps { try c.query(s) }
        try c.query(
          "INSERT INTO liuliang_roles (role, shop) VALUES ($1, $2) ON CONFLICT (role) DO UPDATE SET shop = $2",
          [role, shop])
      }
    } catch .other(sqlstate: "no-shop") {
      throw .server(.noShop(store: c.name, shop: shop ?? ""))
    } catch {
      throw .server(.failed(store: c.name, error))
    }
  }

  /// Takes every grant of the chain's tables from `role` (the role itself stays: it may be
  /// used elsewhere on the server).
  public static func revoke(_ role: String, url: String) throws(StoreError) {
    let c = try connect(url)
    let r = identifier(role)
    do throws(ServerFailure) {
      try c.transaction { () throws(ServerFailure) in
        try c.query(
          "REVOKE ALL ON customers, visits, posts, promotions, complaints, contacts, shops, liuliang_roles, "
            + "liuliang_schema FROM \(r)")
        try c.query("REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM \(r)")
        try c.query("DELETE FROM liuliang_roles WHERE role = $1", [role])
      }
    } catch {
      throw .server(.failed(store: c.name, error))
    }
  }

  /// The chain's roles, owners first, then by shop and name.
  public static func list(url: String) throws(StoreError) -> (store: String, entries: [Entry]) {
    let c = try connect(url)
    do throws(ServerFailure) {
      let rows = try c.query("SELECT role, shop FROM liuliang_roles ORDER BY shop IS NOT NULL, shop, role")
      return (c.name, rows.map { Entry(role: $0[0] ?? "", shop: $0[1]) })
    } catch {
      throw .server(.failed(store: c.name, error))
    }
  }

  /// What the connected role may write: nil shop and `owner` for everything.
  public static func own(_ c: Connection) -> Entry? {
    guard let row = try? c.query("SELECT role, shop FROM liuliang_roles WHERE role = current_user").first
    else { return nil }
    return Entry(role: row[0] ?? "", shop: row[1])
  }

  static func connect(_ url: String) throws(StoreError) -> Connection {
    let c = try Connection.store(url)
    try Schema.check(c)
    return c
  }

  /// A role's name as an SQL identifier, quoted.
  static func identifier(_ s: String) -> String {
    "\"" + s.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
  }

  static func literal(_ s: String) -> String {
    "'" + s.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "''") + "'"
  }
}
