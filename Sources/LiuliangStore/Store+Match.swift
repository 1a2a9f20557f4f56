import LiuliangModel

extension Store {
  /// The matches `encode` makes, found without hashing whole records, for the usual save (a
  /// few records changed in a big file). With distinct ids on both sides every record is
  /// distinct, so a record equal to the old one in its place can match nothing else, and any
  /// other equal old record has its id. Nil when ids repeat: then only the general way is exact.
  /// `unchanged(j)` says record j is the old one in its place without comparing them.
  static func matchByPlace<C: RandomAccessCollection>(
    _ records: C, _ old: C, _ idOf: (C.Element) -> String, unchanged: (Int) -> Bool = { _ in false }
  ) -> RowMatches?
  where C.Element: Equatable, C.Index == Int {
    func distinctIDs(_ rs: C) -> ByteIDIndex? {
      let index = ByteIDIndex(rs.map(idOf))
      return index.duplicates.isEmpty ? index : nil
    }
    guard let oldIDs = distinctIDs(old), distinctIDs(records) != nil else { return nil }
    var m = RowMatches(count: records.count)
    var others: [Int] = []
    for j in records.indices {
      if j < old.count && (unchanged(j) || records[j] == old[j]) {
        m.same[j] = Int32(j)
      } else {
        others.append(j)
      }
    }
    for j in others {
      let i = oldIDs.lookup(idOf(records[j])).map(Int.init)
      if let i, old[i] == records[j] { m.same[j] = Int32(i) } else { m.related[j] = i }
    }
    return m
  }

  /// The same for a save of a few records in a big list whose old ids are known distinct,
  /// without an index of every id on either side (two of a million customer ids took about
  /// 100 MB while the file was written): one pass over the old ids finds the changed
  /// records' old rows and any id a changed record shares with a record kept in its place.
  /// Nil when the changes are many or ids clash: then `matchByPlace`, or the general way.
  static func matchFew<C: RandomAccessCollection>(
    _ records: C, _ old: C, _ idOf: (C.Element) -> String, unchanged: (Int) -> Bool = { _ in false }
  ) -> RowMatches?
  where C.Element: Equatable, C.Index == Int {
    var m = RowMatches.inPlace
    for j in records.indices where !(j < old.count && (unchanged(j) || records[j] == old[j])) {
      m.moved[j] = -1
      if m.moved.count > 4096 { return nil }
    }
    guard !m.moved.isEmpty else { return m }
    // A changed record's id → the old row holding it, −1 for none.
    var place: [String: Int] = [:]
    for j in m.moved.keys where place.updateValue(-1, forKey: idOf(records[j])) != nil { return nil }
    for (i, r) in old.enumerated() {
      let id = idOf(r)
      guard place[id] != nil else { continue }
      if i < records.count && m.moved[i] == nil { return nil }
      place[id] = i
    }
    for j in Array(m.moved.keys) {
      let i = place[idOf(records[j])]!
      if i >= 0 && old[i] == records[j] {
        m.moved[j] = Int32(i)
      } else {
        m.related[j] = i >= 0 ? i : nil
      }
    }
    return m
  }

  static func id<R>(of _: R.Type) -> ((R) -> String)? {
    if R.self == Customer.self { return { ($0 as! Customer).id } }
    if R.self == Post.self { return { ($0 as! Post).id } }
    if R.self == Promotion.self { return { ($0 as! Promotion).id } }
    return nil
  }
}
