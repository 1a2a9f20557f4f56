import LiuliangModel
import LiuliangStore

/// Other dashboards' writes, as the server's notices tell of them (see `Schema`'s
/// `liuliang_changed`): the dashboard offers to read the store again, as `r` does.
extension PostgresStore {
  /// Names this connection's writes by its shop, and listens for everyone else's.
  func listen(_ c: Connection) throws(ServerFailure) {
    try c.query("SELECT set_config('liuliang.shop', $1, false)", [shop ?? ""])
    try c.query("LISTEN \(Schema.noticeChannel)")
  }

  /// The tables that someone else changed since the store was read, as far as this store shows
  /// them (another shop's visits, posts and promotions are not this shop's), in name order;
  /// empty when nothing came. It asks without waiting, so a dashboard may call it between keys.
  public func changedElsewhere() -> [String] {
    let own = connection.serverPID
    var tables = Set<String>()
    for n in connection.notices() where n.sender != own {
      let parts = n.payload.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: false)
      let table = String(parts[0])
      let writer = parts.count > 1 ? String(parts[1]) : ""
      let chainWide = ![Kind.visits.rawValue, Kind.posts.rawValue, Kind.promotions.rawValue, "shops"]
        .contains(table)
      if chainWide || shop == nil || writer.isEmpty || writer == shop { tables.insert(table) }
    }
    return tables.sorted()
  }
}
