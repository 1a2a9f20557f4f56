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
    try run { () throws(ServerFailure) in
      // One snapshot for every table: a writer elsewhere can't slip a row between two COPYs.
      try c.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
      defer { _ = try? c.query("COMMIT") }
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
      // The big tables' statements, each list on a connection of its own where the log is big.
      let big: [[String]] = [
        [visitSQL(lo, half - 1)], [visitSQL(half, hi)], [lineSQL(.customers)],
        [
          lineSQL(.contacts), versionSQL(.customers, own: false),
          versionSQL(.contacts, own: false, key: "n"),
        ],
      ]
      var jobs = big.map(ChainRead.Job.init)
      let snapshot =
        hi - lo >= ChainRead.parallelFrom ? try c.query("SELECT pg_export_snapshot()").first?[0] ?? nil : nil
      let helpers = snapshot.map { ChainRead.start(jobs, url: address.url, snapshot: $0) }
      for kind in [Kind.posts, .promotions, .complaints] {
        files[kind.fileName] = try c.copyOut(copySQL(kind, shopOwned: kind != .complaints))
      }
      v.posts = try Versions.byID(c.copyOut(versionSQL(.posts, own: true)))
      v.promotions = try Versions.byID(c.copyOut(versionSQL(.promotions, own: true)))
      v.complaints = try Versions.byPlace(c.copyOut(versionSQL(.complaints, own: false, key: "n")))
      if let helpers {
        try ChainRead.wait(helpers, jobs)
      } else {
        for job in jobs {
          job.bytes = try job.statements.map { sql throws(ServerFailure) in try c.copyOut(sql) }
        }
      }
      var log = Schema.header(.visits)
      log.reserveCapacity(log.count + jobs[0].bytes[0].count + jobs[1].bytes[0].count)
      log += TextCopy.unescaped(jobs[0].bytes[0])
      log += TextCopy.unescaped(jobs[1].bytes[0])
      jobs[0].bytes = []
      jobs[1].bytes = []
      files[Kind.visits.fileName] = log
      files[Kind.customers.fileName] = Schema.header(.customers) + TextCopy.unescaped(jobs[2].bytes[0])
      files[Kind.contacts.fileName] = Schema.header(.contacts) + TextCopy.unescaped(jobs[3].bytes[0])
      v.customerLines = jobs[3].bytes[1]
      v.contacts = Versions.byPlace(jobs[3].bytes[2])
      jobs = []
    }
    let decoded = try Store(bytes: files, name: connection.name)
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
