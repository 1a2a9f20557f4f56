import LiuliangModel
import LiuliangStore

/// The chain's tables, made and migrated by liuliang: `liuliang_schema` holds the version, and
/// each step below moves a database one version on, inside the migration's transaction.
/// Values are stored as the store's files write them (text), so the same codec reads both and
/// every number comes out the same; `n` keeps the rows in the order they were added, and
/// `version` counts a row's changes so that a write over someone else's change is refused.
public enum Schema {
  public static var version: Int { steps.count }

  /// Columns as the store's files name them, quoted where SQL reserves the word.
  static func column(_ c: String) -> String { "\"\(c)\"" }

  static func table(_ kind: Kind) -> String { kind.rawValue }

  /// The columns as COPY … TO sends them: an empty value as NULL, which CSV writes as nothing,
  /// where an empty text would be `""` and send every row down the codec's slow, quoted path.
  static func selected(_ kind: Kind) -> String {
    kind.columns.map { "NULLIF(\(column($0)), '') AS \(column($0))" }.joined(separator: ", ")
  }

  /// `COPY kind FROM STDIN` in CSV, the shop first where given, the table's `own` columns last.
  /// An empty field stays empty text (CSV's default would make it NULL).
  static func copyIn(_ kind: Kind, withShop: Bool, own: [String] = []) -> String {
    let cols = ((withShop ? ["shop"] : []) + kind.columns + own).map(column).joined(separator: ", ")
    return "COPY \(table(kind)) (\(cols)) FROM STDIN (FORMAT csv, FORCE_NOT_NULL (\(cols)))"
  }

  /// The visit log's own columns beyond PRODUCT.md's, as visits.csv may hold them.
  static let visitOwnColumns = ["order"]

  static func textColumns(_ kind: Kind) -> String {
    kind.columns.map { column($0) + " text NOT NULL DEFAULT ''" }.joined(separator: ", ")
  }

  static let steps: [String] = [
    """
    CREATE TABLE liuliang_schema (version integer NOT NULL);
    INSERT INTO liuliang_schema VALUES (0);
    CREATE TABLE shops (id text PRIMARY KEY, settings text NOT NULL DEFAULT '',
      messages text NOT NULL DEFAULT '', version bigint NOT NULL DEFAULT 1);
    CREATE TABLE customers (n bigserial UNIQUE, \(textColumns(.customers)),
      version bigint NOT NULL DEFAULT 1, PRIMARY KEY (id));
    CREATE UNIQUE INDEX customers_order ON customers (n);
    CREATE TABLE visits (n bigserial PRIMARY KEY, shop text NOT NULL REFERENCES shops (id),
      \(textColumns(.visits)));
    CREATE INDEX visits_shop ON visits (shop, n);
    CREATE TABLE posts (n bigserial UNIQUE, shop text NOT NULL REFERENCES shops (id), \(textColumns(.posts)),
      version bigint NOT NULL DEFAULT 1, PRIMARY KEY (shop, id));
    CREATE TABLE promotions (n bigserial UNIQUE, shop text NOT NULL REFERENCES shops (id),
      \(textColumns(.promotions)), version bigint NOT NULL DEFAULT 1, PRIMARY KEY (shop, id));
    CREATE TABLE complaints (n bigserial PRIMARY KEY, \(textColumns(.complaints)),
      version bigint NOT NULL DEFAULT 1);
    CREATE TABLE contacts (n bigserial PRIMARY KEY, \(textColumns(.contacts)),
      version bigint NOT NULL DEFAULT 1);
    """,
    // Who may do what, enforced by the server for every client: a role listed with a shop
    // reads everything and writes only its own shop's visits, posts and promotions (and its
    // shop's settings); what it may do to customers, complaints and contacts is its grants
    // (insert and update, never delete: `chain grant`). A role listed without a shop, and the
    // tables' owner, may do everything.
    """
    CREATE TABLE liuliang_roles (role text PRIMARY KEY, shop text REFERENCES shops (id));
    CREATE FUNCTION liuliang_shop() RETURNS text LANGUAGE sql STABLE
      AS 'SELECT shop FROM liuliang_roles WHERE role = current_user';
    CREATE FUNCTION liuliang_owner() RETURNS boolean LANGUAGE sql STABLE
      AS 'SELECT EXISTS (SELECT 1 FROM liuliang_roles WHERE role = current_user AND shop IS NULL)';
    \(["visits", "posts", "promotions"].map(shopPolicy).joined(separator: "\n"))
    \(["customers", "complaints", "contacts", "liuliang_roles", "liuliang_schema"].map(openPolicy).joined(separator: "\n"))
    ALTER TABLE shops ENABLE ROW LEVEL SECURITY;
    CREATE POLICY reads ON shops FOR SELECT USING (true);
    CREATE POLICY writes ON shops FOR ALL USING (liuliang_owner() OR id = liuliang_shop())
      WITH CHECK (liuliang_owner() OR id = liuliang_shop());
    """,
    // A till's order number on its visits, as visits.csv's own `order` column keeps it: an
    // export imported twice adds each order once. Only a till's rows have one, so the index
    // holds them alone.
    """
    ALTER TABLE visits ADD COLUMN "order" text NOT NULL DEFAULT '';
    CREATE INDEX visits_order ON visits (shop, "order") WHERE "order" <> '';
    """,
    // Every committed write tells the chain's listening dashboards which table changed and for
    // which shop (the writer's `liuliang.shop`, empty from psql), once per statement: a COPY of
    // ten million visits is one notice, and a rolled-back write none.
    """
    CREATE FUNCTION liuliang_changed() RETURNS trigger LANGUAGE plpgsql AS $f$
    BEGIN
      PERFORM pg_notify('\(noticeChannel)',
        TG_TABLE_NAME || ' ' || coalesce(current_setting('liuliang.shop', true), ''));
      RETURN NULL;
    END $f$;
    \(Kind.allCases.map { changedTrigger($0.rawValue) }.joined(separator: "\n"))
    \(changedTrigger("shops"))
    """,
    // The big tables' rows also as one CSV line each, kept by the server on every write: a load
    // then has the server send one value a row instead of formatting each column, which took
    // most of a big chain's load.
    """
    CREATE FUNCTION liuliang_csv(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $f$
      SELECT CASE WHEN $1 = translate($1, ',"' || chr(10) || chr(13), '') THEN $1
        ELSE '"' || replace($1, '"', '""') || '"' END
    $f$;
    \(lined.map(lineColumn).joined(separator: "\n"))
    """,
  ]

  /// The tables with a `line` column (see the last step).
  static let lined: [Kind] = [.customers, .visits, .contacts]

  static func lineColumn(_ kind: Kind) -> String {
    let line = kind.columns.map { "liuliang_csv(\(column($0)))" }.joined(separator: " || ',' || ")
    return "ALTER TABLE \(table(kind)) ADD COLUMN line text GENERATED ALWAYS AS (\(line)) STORED;"
  }

  /// The header line the files have, for the bytes of a `line` column.
  static func header(_ kind: Kind) -> [UInt8] { Array((kind.columns.joined(separator: ",") + "\n").utf8) }

  /// The channel of `liuliang_changed`'s notices.
  static let noticeChannel = "liuliang_changed"

  static func changedTrigger(_ table: String) -> String {
    """
    CREATE TRIGGER changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON \(table)
      FOR EACH STATEMENT EXECUTE FUNCTION liuliang_changed();
    """
  }

  /// A shop's rows: everyone reads them, only their shop's role (or an owner) writes them.
  static func shopPolicy(_ table: String) -> String {
    """
    ALTER TABLE \(table) ENABLE ROW LEVEL SECURITY;
    CREATE POLICY reads ON \(table) FOR SELECT USING (true);
    CREATE POLICY own_shop ON \(table) FOR ALL USING (liuliang_owner() OR shop = liuliang_shop())
      WITH CHECK (liuliang_owner() OR shop = liuliang_shop());
    """
  }

  /// The chain's rows: what a role may do to them is its grants alone.
  static func openPolicy(_ table: String) -> String {
    """
    ALTER TABLE \(table) ENABLE ROW LEVEL SECURITY;
    CREATE POLICY grants ON \(table) FOR ALL USING (true) WITH CHECK (true);
    """
  }

  /// The database's schema version: 0 when it has no liuliang tables yet.
  static func current(_ c: Connection) throws(ServerFailure) -> Int {
    let exists = try c.query("SELECT to_regclass('liuliang_schema') IS NOT NULL")
    guard exists.first?.first == "t" else { return 0 }
    return Int(try c.query("SELECT max(version) FROM liuliang_schema").first?.first.flatMap { $0 } ?? "0")
      ?? 0
  }

  /// Brings the database to this program's version in one transaction; a database of a later
  /// version is refused (this program does not know its tables).
  public static func migrate(_ c: Connection) throws(StoreError) {
    let now: Int
    do throws(ServerFailure) {
      try c.transaction { () throws(ServerFailure) in
        // One migrator at a time: two first connections must not both make the tables.
        try c.query("SELECT pg_advisory_xact_lock(7402611)")
        let was = try current(c)
        guard was < version else { return }
        for step in steps[was...] { try c.query(step) }
        try c.query("UPDATE liuliang_schema SET version = $1", ["\(version)"])
      }
      now = try current(c)
    } catch {
      throw .server(.failed(store: c.name, error))
    }
    if now != version { throw .server(.schemaVersion(store: c.name, found: now, wanted: version)) }
  }

  /// Refuses a database whose schema is of a later liuliang (without changing it); brings an
  /// earlier one up to date.
  public static func check(_ c: Connection) throws(StoreError) {
    let now: Int
    do throws(ServerFailure) { now = try current(c) } catch { throw .server(.failed(store: c.name, error)) }
    if now == 0 { throw .server(.noSchema(store: c.name)) }
    // Tables of an earlier liuliang are brought up to date (over a connection that may).
    if now < version { return try migrate(c) }
    if now != version { throw .server(.schemaVersion(store: c.name, found: now, wanted: version)) }
  }
}
