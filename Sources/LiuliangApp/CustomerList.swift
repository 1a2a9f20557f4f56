import Dispatch
import LiuliangModel

/// Which customers the Customers pane shows, in which order: filters, a sort, a search.
public struct CustomerList: Equatable, Sendable {
  public enum Column: Int, CaseIterable, Sendable {
    case name, tier, segment, lastVisit, visits, spend, tags
    public var titleKey: String {
      [
        "col.name", "col.tier", "col.segment", "col.last_visit", "col.visits_365", "col.spend_365",
        "col.tags",
      ][rawValue]
    }
  }

  public enum Dimension: String, CaseIterable, Sendable {
    case segment, tier, tag, source
    /// Customers who come only on discount (the Promotions pane's `o`).
    case onlyOnDiscount
  }

  /// Customer indexes shown, in order.
  public private(set) var order: [Int] = []
  public var sort: Column?
  public var descending = false
  public var filters: [Dimension: String] = [:]
  /// The search being typed or last confirmed, and the rows (positions in `order`) it matches.
  public var query = ""
  public private(set) var matches: [Int] = []
  /// Customers marked with Space, by id so that they survive sorting and reloads.
  public var marked: Set<String> = []

  public init() {}

  /// The query `searchHits` were found for: a query that extends it only re-checks them.
  var searchedQuery = ""
  var searchHits: [Int32] = []
  /// The sort orders of the pool, made once per data (see `SortOrders`).
  public var orders: SortOrders?

  /// Recomputes the order from the data, the filters and the sort.
  public mutating func refresh(_ ds: Dataset, _ a: Analysis, search: SearchIndex?) {
    let orders = self.orders?.count == ds.customers.count ? self.orders! : SortOrders(ds, a)
    self.orders = orders
    // Filters compared as values, not as words, since they run over the whole pool.
    var segment: Segment??
    var tier: Tier??
    var tag: String?
    var source: String?
    var onlyDiscount: Set<Int>?
    for (d, v) in filters {
      switch d {
      case .segment: segment = .some(Segment(rawValue: v))
      case .tier: tier = .some(Tier(rawValue: v))
      case .tag: tag = v
      case .source: source = v
      case .onlyOnDiscount: onlyDiscount = Set(a.discount.onlyOnDiscount)
      }
    }
    let plain = filters.isEmpty
    func pass(_ i: Int) -> Bool {
      if plain { return true }
      // Fields read one by one: a copy of the whole customer per row would cost more.
      if let segment, a.segment(i) != segment { return false }
      if let tier, ds.customers[i].tier != tier { return false }
      if let tag, !ds.customers[i].tags.contains(tag) { return false }
      if let source, ds.customers[i].source != source { return false }
      if let onlyDiscount, !onlyDiscount.contains(i) { return false }
      return true
    }
    var rows: [Int] = []
    rows.reserveCapacity(ds.customers.count)
    if let sort {
      // The pool's order for this column, ties in file order either way: a reversed sort is a
      // true mirror only of keys.
      let perm = orders.order[sort.rawValue]
      let key = orders.key[sort.rawValue]
      if !descending {
        for i in perm where pass(Int(i)) { rows.append(Int(i)) }
      } else {
        var hi = perm.count
        while hi > 0 {
          var lo = hi - 1
          let k = key[Int(perm[lo])]
          while lo > 0 && key[Int(perm[lo - 1])] == k { lo -= 1 }
          for j in lo..<hi where pass(Int(perm[j])) { rows.append(Int(perm[j])) }
          hi = lo
        }
      }
    } else {
      for i in ds.customers.indices where pass(i) { rows.append(i) }
    }
    order = rows
    search.map { rematch($0) }
  }

  /// Positions in `order` whose customer matches the query.
  public mutating func rematch(_ index: SearchIndex) {
    guard !query.isEmpty else {
      matches = []
      searchedQuery = ""
      searchHits = []
      return
    }
    if query != searchedQuery {
      let narrower = !searchedQuery.isEmpty && query.hasPrefix(searchedQuery)
      searchHits = index.search(query, within: narrower ? searchHits : nil)
      searchedQuery = query
    }
    if order.count == index.count && sort == nil {
      // The whole pool in file order: positions are the customers themselves.
      matches = searchHits.map(Int.init)
      return
    }
    var hit = [Bool](repeating: false, count: index.count)
    for h in searchHits { hit[Int(h)] = true }
    matches = order.indices.filter { order[$0] < hit.count && hit[order[$0]] }
  }

  /// Whether the row at this position in `order` matches the query.
  public func isMatch(row: Int) -> Bool {
    var lo = 0
    var hi = matches.count
    while lo < hi {
      let mid = (lo + hi) / 2
      if matches[mid] < row { lo = mid + 1 } else { hi = mid }
    }
    return lo < matches.count && matches[lo] == row
  }

  /// Counts per value of a dimension over the whole pool, most common first.
  public static func choices(_ d: Dimension, _ ds: Dataset, _ a: Analysis) -> [(value: String, count: Int)] {
    var counts: [String: Int] = [:]
    for (i, c) in ds.customers.enumerated() {
      switch d {
      case .segment: counts[a.segment(i).rawValue, default: 0] += 1
      case .tier: counts[c.tier.rawValue, default: 0] += 1
      case .tag: for t in c.tags { counts[t, default: 0] += 1 }
      case .source: if !c.source.isEmpty { counts[c.source, default: 0] += 1 }
      case .onlyOnDiscount: break
      }
    }
    if d == .segment { return Segment.allCases.map { ($0.rawValue, counts[$0.rawValue] ?? 0) } }
    if d == .tier { return Tier.allCases.map { ($0.rawValue, counts[$0.rawValue] ?? 0) } }
    if d == .onlyOnDiscount { return [("1", a.discount.onlyOnDiscount.count)] }
    return counts.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map { ($0.key, $0.value) }
  }
}

/// Every column's order of the whole pool (ties in file order) and its sort key, made once when
/// the data changes, so that choosing a sort or a filter on a million customers is one pass
/// over a ready order rather than a sort.
public final class SortOrders: Sendable, Equatable {
  /// `order[column]`: customer indexes by that column's key, ascending.
  let order: [[Int32]]
  /// `key[column][customer]`: equal keys are ties.
  let key: [[UInt32]]
  let count: Int
  /// `CustomerList.choices` of every dimension, counted once with the orders.
  let choices: [CustomerList.Dimension: [(value: String, count: Int)]]

  public static func == (a: SortOrders, b: SortOrders) -> Bool { a === b }

  public init(_ ds: Dataset, _ a: Analysis) {
    let cs = ds.customers
    count = cs.count
    let segmentRank = Dictionary(uniqueKeysWithValues: Segment.allCases.enumerated().map { ($1, UInt32($0)) })
    let tierRank: [Tier: UInt32] = [.friend: 0, .vip: 1, .member: 2]
    var keys = [[UInt32]](repeating: [], count: CustomerList.Column.allCases.count)
    let columns = CustomerList.Column.allCases
    keys.withUnsafeMutableBufferPointer { out in
      let out = KeysBox(base: out.baseAddress!)
      DispatchQueue.concurrentPerform(iterations: columns.count) { k in
        let key: [UInt32]
        switch columns[k] {
        case .name: key = SortOrders.ranks(cs.map(\.name))
        case .tags: key = SortOrders.ranks(cs.map { $0.tags.joined(separator: ";") })
        case .tier: key = cs.map { tierRank[$0.tier]! }
        case .segment: key = cs.indices.map { segmentRank[a.segment($0)]! }
        case .lastVisit:
          // Order-preserving map of Int32 onto UInt32; no visit sorts first, as Int32.min did.
          key = a.figures.map { UInt32(bitPattern: $0.lastVisit?.raw ?? Int32.min) ^ 0x8000_0000 }
        case .visits: key = a.figures.map { UInt32(clamping: $0.frequency) }
        case .spend: key = SortOrders.ranks(a.figures.map(\.monetary.fen))
        }
        out.base[k] = key
      }
    }
    key = keys
    order = keys.map(SortOrders.stableOrder)
    var choices: [CustomerList.Dimension: [(value: String, count: Int)]] = [:]
    for d in CustomerList.Dimension.allCases { choices[d] = CustomerList.choices(d, ds, a) }
    self.choices = choices
  }

  private struct KeysBox: @unchecked Sendable {
    let base: UnsafeMutablePointer<[UInt32]>
  }

  /// Indexes by key, ties in index order: a two-pass radix sort, linear in the pool.
  static func stableOrder(_ key: [UInt32]) -> [Int32] {
    var order = (0..<Int32(key.count)).map { $0 }
    var tmp = order
    for shift in [0, 16] as [UInt32] {
      if shift == 16 && !key.contains(where: { $0 > 0xFFFF }) { break }
      var counts = [Int](repeating: 0, count: 65537)
      for k in key { counts[Int((k >> shift) & 0xFFFF) + 1] += 1 }
      for b in 0..<65536 { counts[b + 1] += counts[b] }
      for i in order {
        let b = Int((key[Int(i)] >> shift) & 0xFFFF)
        tmp[counts[b]] = i
        counts[b] += 1
      }
      swap(&order, &tmp)
    }
    return order
  }

  /// Dense ranks: equal values share one, and ranks compare as the values do.
  static func ranks<T: Comparable>(_ values: [T]) -> [UInt32] {
    let sorted = values.indices.sorted { values[$0] < values[$1] }
    var out = [UInt32](repeating: 0, count: values.count)
    var r: UInt32 = 0
    for (k, i) in sorted.enumerated() {
      if k > 0 && values[sorted[k - 1]] < values[i] { r += 1 }
      out[i] = r
    }
    return out
  }
}
