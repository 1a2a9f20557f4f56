import LiuliangModel
import LiuliangStore

/// Reading the chain: every table in one snapshot, by COPY into the folder store's own codec,
/// so both stores give the same records for the same rows.
extension PostgresStore {
  public func load() throws(StoreError) {
    let c = connection
    // What changed before this read is in it.
    _ = c.notices()
    var files: [String: [UInt8]] = [:]
    var v = Versions()
    // One snapshot for every table: a writer elsewhere can't slip a row between two COPYs.
    try run { () throws(ServerFailure) in _ = try c.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY") }
    // Open until every helper is done: they read in its snapshot.
    defer { _ = try? c.query("COMMIT") }
    let log = try run { () throws(ServerFailure) in
      let settings = try c.query(
        "SELECT settings, messages, version FROM shops"
          + (shop.map { " WHERE id = " + quoted($0) } ?? "") + " ORDER BY id LIMIT 1")
      if let row = settings.first {
        files[ShopFile.name] = Array((row[0] ?? "").utf8)
        if let m = row[1], !m.isEmpty { files[MessagesFile.name] = Array(m.utf8) }
        v.shop = Int64(row[2] ?? "") ?? 0
      }
      try c.query("SET jit = off")
      let bounds = try c.query("SELECT min(n), max(n) FROM visits\(shopFilter())")
      let lo = Int64(bounds.first?[0] ?? "") ?? 0
      let hi = Int64(bounds.first?[1] ?? "") ?? 0
      let half = lo + (hi - lo + 1) / 2
      // The big tables, each list of statements on a connection of its own where the log is
      // big. The log's first half is sized for the whole (about 45 bytes a visit), so that the
      // second is added without moving it.
      let log = [
        ChainRead.Job(
          [visitSQL(lo, half - 1)], prefix: Schema.header(.visits), capacity: Int(hi - lo + 1) * 48),
        ChainRead.Job([visitSQL(half, hi)]),
      ]
      let customers = ChainRead.Job(
        [lineSQL(.customers), versionSQL(.customers, own: false)], prefix: Schema.header(.customers))
      let contacts = ChainRead.Job(
        [lineSQL(.contacts), versionSQL(.contacts, own: false, key: "n")], prefix: Schema.header(.contacts))
      let jobs = log + [customers, contacts]
      let parallel = hi - lo >= ChainRead.parallelFrom
      if parallel, let snapshot = try c.query("SELECT pg_export_snapshot()").first?[0] ?? nil {
        ChainRead.start(jobs, url: address.url, snapshot: snapshot)
      } else {
        for job in jobs { try job.run(c) }
      }
      for kind in [Kind.posts, .promotions, .complaints] {
        files[kind.fileName] = try c.copyOut(copySQL(kind, shopOwned: kind != .complaints))
      }
      v.posts = try Versions.byID(c.copyOut(versionSQL(.posts, own: true)))
      v.promotions = try Versions.byID(c.copyOut(versionSQL(.promotions, own: true)))
      v.complaints = try Versions.byPlace(c.copyOut(versionSQL(.complaints, own: false, key: "n")))
      try customers.wait()
      try contacts.wait()
      files[Kind.customers.fileName] = TextCopy.unescaped(customers.bytes[0])
      files[Kind.contacts.fileName] = TextCopy.unescaped(contacts.bytes[0])
      v.customerLines = customers.bytes[1]
      v.contacts = Versions.byPlace(contacts.bytes[1])
      return log
    }
    // The customers are decoded while the log arrives; a failure to read it is thrown after.
    var failure: ServerFailure?
    var logBytes = 0
    let decoded = try Store(bytes: files, name: connection.name) {
      do throws(ServerFailure) {
        try log[0].wait()
        try log[1].wait()
      } catch {
        failure = error
        return []
      }
      var bytes = TextCopy.unescaped(log[0].bytes[0])
      defer { logBytes = bytes.count }
      log[0].bytes = []
      bytes += TextCopy.unescaped(log[1].bytes[0])
      log[1].bytes = []
      return bytes
    }
    if let failure { throw .server(.failed(store: connection.name, failure)) }
    loadedBytes = files.values.reduce(logBytes) { $0 + $1.count }
    dataset = decoded.dataset
    problems = decoded.problems
    saved = dataset
    saved.visits = []
    versions = v
    appended = []
  }

  func copySQL(_ kind: Kind, shopOwned: Bool) -> String {
    let cols = Schema.selected(kind)
    return "COPY (SELECT \(cols) FROM \(Schema.table(kind))\(shopOwned ? shopFilter() : "") ORDER BY n) "
      + "TO STDOUT (FORMAT csv, HEADER)"
  }

  /// A big table's rows as the file's lines, without the header (COPY's text format: see
  /// `TextCopy`).
  func lineSQL(_ kind: Kind) -> String {
    "COPY (SELECT line FROM \(Schema.table(kind)) ORDER BY n) TO STDOUT"
  }

  /// The shop's visits numbered `from` to `to`, as the file's lines.
  func visitSQL(_ from: Int64, _ to: Int64) -> String {
    "COPY (SELECT line FROM visits WHERE n BETWEEN \(from) AND \(to)\(shopFilter(false)) ORDER BY n) TO STDOUT"
  }

  func versionSQL(_ kind: Kind, own: Bool, key: String = "id") -> String {
    "COPY (SELECT \(key), version FROM \(Schema.table(kind))\(own ? shopFilter() : "") ORDER BY n) "
      + "TO STDOUT (FORMAT csv)"
  }
}
