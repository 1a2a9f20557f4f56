import LiuliangModel
import LiuliangStore

/// Writes: each save or append is one transaction; a row is changed only at the version this
/// store read, so a change made elsewhere meanwhile is refused, never overwritten (unless the
/// owner chose to keep theirs). The visit log is only added to.
extension PostgresStore {
  public func save(_ ds: Dataset, overwrite: Bool) throws(StoreError) {
    try checkWritable()
    versions.readCustomers()
    var v = versions
    let c = connection
    let old = saved
    try run { () throws(ServerFailure) in
      try c.transaction { () throws(ServerFailure) in
        if ds.shop != old.shop { try saveShop(ds.shop, &v.shop, overwrite) }
        if ds.customers != old.customers {
          try saveByID(
            .customers, ds.customers, old.customers, ds.customers.unsharedRanges(with: old.customers), \.id,
            StoreRows.fields, &v.customers, overwrite)
        }
        if ds.posts != old.posts {
          try saveByID(.posts, ds.posts, old.posts, nil, \.id, StoreRows.fields, &v.posts, overwrite)
        }
        if ds.promotions != old.promotions {
          try saveByID(
            .promotions, ds.promotions, old.promotions, nil, \.id, StoreRows.fields, &v.promotions, overwrite)
        }
        if ds.complaints != old.complaints {
          try saveByPlace(
            .complaints, ds.complaints, old.complaints, StoreRows.fields, &v.complaints, overwrite)
        }
        if ds.contacts != old.contacts {
          try saveByPlace(.contacts, ds.contacts, old.contacts, StoreRows.fields, &v.contacts, overwrite)
        }
      }
    }
    versions = v
    let visits = dataset.visits
    dataset = ds
    dataset.visits = visits
    saved = ds
    saved.visits = []
  }

  func saveShop(_ shop: Shop, _ version: inout Int64, _ overwrite: Bool) throws(ServerFailure) {
    guard let id = self.shop else { return }
    let rows = try connection.query(
      "UPDATE shops SET settings = $1, messages = $2, version = version + 1 WHERE id = $3"
        + (overwrite ? "" : " AND version = $4") + " RETURNING version",
      [ShopFile.text(shop), MessagesFile.text(shop.messages), id] + (overwrite ? [] : ["\(version)"]))
    guard let row = rows.first else { throw .changedElsewhere }
    version = Int64(row[0] ?? "") ?? version
  }

  /// The key columns of a kind's rows beyond `id`: the shop, for what belongs to one shop.
  func ownedByShop(_ kind: Kind) -> Bool { kind == .posts || kind == .promotions }

  func saveByID<C: RandomAccessCollection>(
    _ kind: Kind, _ new: C, _ old: C, _ ranges: [Range<Int>]?, _ id: KeyPath<C.Element, String>,
    _ fields: (C.Element) -> [String], _ versions: inout [String: Int64], _ overwrite: Bool
  ) throws(ServerFailure) where C.Element: Equatable, C.Index == Int {
    // The usual save: records changed in place and new ones at the end. Anything else (a
    // record removed, ids reordered) is matched by id.
    let places = ranges ?? [0..<max(new.count, old.count)]
    var inPlace = true
    for r in places {
      for j in r where j < new.count && j < old.count && new[j][keyPath: id] != old[j][keyPath: id] {
        inPlace = false
      }
    }
    if inPlace && new.count >= old.count {
      for r in places {
        for j in r where j < old.count && new[j] != old[j] {
          try update(kind, fields(new[j]), key: new[j][keyPath: id], &versions, overwrite)
        }
      }
      for j in old.count..<new.count {
        try insert(kind, fields(new[j]), key: new[j][keyPath: id], &versions, overwrite)
      }
      return
    }
    var oldByID: [String: Int] = [:]
    for (i, r) in old.enumerated() where oldByID[r[keyPath: id]] == nil { oldByID[r[keyPath: id]] = i }
    var seen = Set<String>()
    for r in new {
      let k = r[keyPath: id]
      seen.insert(k)
      if let i = oldByID[k] {
        if old[i] != r { try update(kind, fields(r), key: k, &versions, overwrite) }
      } else {
        try insert(kind, fields(r), key: k, &versions, overwrite)
      }
    }
    for r in old where !seen.contains(r[keyPath: id]) {
      let k = r[keyPath: id]
      let gone = try connection.execute(
        "DELETE FROM \(kind.rawValue) WHERE id = $1" + shopKey(kind, 2)
          + (overwrite ? "" : " AND version = $\(ownedByShop(kind) ? 3 : 2)"),
        [k] + shopParam(kind) + (overwrite ? [] : ["\(versions[k] ?? 0)"]))
      if gone == 0 && !overwrite { throw .changedElsewhere }
      versions[k] = nil
    }
  }

  func shopKey(_ kind: Kind, _ n: Int) -> String { ownedByShop(kind) ? " AND shop = $\(n)" : "" }
  func shopParam(_ kind: Kind) -> [String?] { ownedByShop(kind) ? [shop] : [] }

  func assignments(_ kind: Kind) -> String {
    kind.columns.enumerated().map { "\(Schema.column($1)) = $\($0 + 1)" }.joined(separator: ", ")
  }

  func update(_ kind: Kind, _ f: [String], key: String, _ versions: inout [String: Int64], _ overwrite: Bool)
    throws(ServerFailure)
  {
    var p = f.count + 1
    var sql = "UPDATE \(kind.rawValue) SET \(assignments(kind)), version = version + 1 WHERE id = $\(p)"
    var params: [String?] = f + [key]
    if ownedByShop(kind) {
      p += 1
      sql += " AND shop = $\(p)"
      params.append(shop)
    }
    if !overwrite {
      p += 1
      sql += " AND version = $\(p)"
      params.append("\(versions[key] ?? 0)")
    }
    let rows = try connection.query(sql + " RETURNING version", params)
    guard let row = rows.first else {
      // Kept over a row someone else removed: it comes back as the owner's.
      if overwrite { return try insert(kind, f, key: key, &versions, false) }
      throw .changedElsewhere
    }
    versions[key] = Int64(row[0] ?? "") ?? 0
  }

  func insert(_ kind: Kind, _ f: [String], key: String, _ versions: inout [String: Int64], _ overwrite: Bool)
    throws(ServerFailure)
  {
    let own = ownedByShop(kind)
    let cols = (own ? ["shop"] : []) + kind.columns.map(Schema.column)
    let values = (1...cols.count).map { "$\($0)" }.joined(separator: ", ")
    var sql = "INSERT INTO \(kind.rawValue) (\(cols.joined(separator: ", "))) VALUES (\(values))"
    if overwrite {
      sql +=
        " ON CONFLICT (\(own ? "shop, id" : "id")) DO UPDATE SET "
        + kind.columns.map { "\(Schema.column($0)) = EXCLUDED.\(Schema.column($0))" }.joined(separator: ", ")
        + ", version = \(kind.rawValue).version + 1"
    }
    let rows = try connection.query(sql + " RETURNING version", (own ? [shop] : []) + f)
    versions[key] = Int64(rows.first?[0] ?? "") ?? 1
  }

  /// Complaints and contacts: rows without ids, matched by place.
  func saveByPlace<R: Equatable>(
    _ kind: Kind, _ new: [R], _ old: [R], _ fields: (R) -> [String],
    _ versions: inout [(n: Int64, version: Int64)],
    _ overwrite: Bool
  ) throws(ServerFailure) {
    let shared = min(new.count, old.count, versions.count)
    for j in 0..<shared where new[j] != old[j] {
      var params: [String?] = fields(new[j])
      var sql = "UPDATE \(kind.rawValue) SET \(assignments(kind)), version = version + 1"
      params.append("\(versions[j].n)")
      sql += " WHERE n = $\(params.count)"
      if !overwrite {
        params.append("\(versions[j].version)")
        sql += " AND version = $\(params.count)"
      }
      let rows = try connection.query(sql + " RETURNING version", params)
      guard let row = rows.first else { throw .changedElsewhere }
      versions[j].version = Int64(row[0] ?? "") ?? 0
    }
    for j in (shared..<versions.count).reversed() where j >= new.count {
      let gone = try connection.execute(
        "DELETE FROM \(kind.rawValue) WHERE n = $1" + (overwrite ? "" : " AND version = $2"),
        ["\(versions[j].n)"] + (overwrite ? [] : ["\(versions[j].version)"]))
      if gone == 0 && !overwrite { throw .changedElsewhere }
      versions.removeLast()
    }
    let cols = kind.columns.map(Schema.column)
    let values = (1...cols.count).map { "$\($0)" }.joined(separator: ", ")
    for j in versions.count..<max(versions.count, new.count) {
      let rows = try connection.query(
        "INSERT INTO \(kind.rawValue) (\(cols.joined(separator: ", "))) VALUES (\(values)) RETURNING n, version",
        fields(new[j]))
      versions.append((Int64(rows.first?[0] ?? "") ?? 0, Int64(rows.first?[1] ?? "") ?? 1))
    }
  }

  public func appendVisit(_ v: Visit, extra: [String: String]) throws(StoreError) {
    try checkWritable()
    let f = StoreRows.fields(v, in: dataset) + Schema.visitOwnColumns.map { extra[$0] ?? "" }
    let cols = (["shop"] + Kind.visits.columns + Schema.visitOwnColumns).map(Schema.column)
    let values = (1...cols.count).map { "$\($0)" }.joined(separator: ", ")
    let c = connection
    let rows = try run { () throws(ServerFailure) in
      try c.query(
        "INSERT INTO visits (\(cols.joined(separator: ", "))) VALUES (\(values)) RETURNING n", [shop] + f)
    }
    appended.append(Int64(rows.first?[0] ?? "") ?? 0)
    dataset.visits.append(v)
  }

  public func appendVisits(_ visits: [Visit], extra: [[String: String]]) throws(StoreError) {
    guard !visits.isEmpty else { return }
    try checkWritable()
    var bytes: [UInt8] = []
    for (i, v) in visits.enumerated() {
      let own = Schema.visitOwnColumns.map { i < extra.count ? extra[i][$0] ?? "" : "" }
      CSV.appendRecord([shop ?? ""] + StoreRows.fields(v, in: dataset) + own, lineEnding: [10], to: &bytes)
    }
    let c = connection
    try run { () throws(ServerFailure) in
      try c.transaction { () throws(ServerFailure) in
        try c.copyIn(Schema.copyIn(.visits, withShop: true, own: Schema.visitOwnColumns), bytes)
      }
    }
    try load()
  }

  public func removeLastAppendedVisit() throws(StoreError) {
    try checkWritable()
    guard let n = appended.last else { throw .server(.failed(store: displayName, .changedElsewhere)) }
    let c = connection
    let gone = try run { () throws(ServerFailure) in
      try c.execute("DELETE FROM visits WHERE n = $1", ["\(n)"])
    }
    if gone == 0 { throw .server(.failed(store: displayName, .changedElsewhere)) }
    appended.removeLast()
    dataset.visits.removeLast(1)
  }
}
