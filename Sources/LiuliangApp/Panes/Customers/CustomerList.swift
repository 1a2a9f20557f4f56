import Dispatch
import LiuliangModel
import LiuliangSearch

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

  /// Customer indexes shown, in order: while a search is on, only its matches, best first.
  public private(set) var order: [Int] = []
  /// The filters' and the sort's order, before a search narrows it.
  public private(set) var unsearched: [Int] = []
  public var sort: Column?
  public var descending = false
  public var filters: [Dimension: String] = [:]
  /// The search being typed or last confirmed, and how many of the rows it found in each field
  /// (by `SearchKind`): rows come grouped in that order.
  public var query = ""
  public private(set) var kindCounts: [Int] = []
  /// Customers marked with Space, by id so that they survive sorting and reloads.
  public var marked: Set<String> = []

  public init() {}

  /// The query `searchHits` were found for: a query that extends it only re-checks them.
  var searchedQuery = ""
  var searchHits = SearchHits()
  /// The sort orders of the pool, made once per data (see `SortOrders`).
  public var orders: SortOrders?

  /// Recomputes the order from the data, the filters and the sort.
  /// The sort orders are made when a sort needs them and none were (see `AppState.askIndexes`).
  public mutating func refresh(_ ds: Dataset, _ a: Analysis, search: SearchIndex?) {
    if orders?.count != ds.customers.count { orders = sort == nil ? nil : SortOrders(ds, a) }
    // Filters compared as values, not as words, since they run over the whole pool; a word
    // that names no value keeps nobody.
    var filter = CustomerFilter()
    var known = true
    for (d, v) in filters {
      switch d {
      case .segment: filter.segment = Segment(rawValue: v)
      case .tier: filter.tier = Tier(rawValue: v)
      case .tag: filter.tag = v
      case .source: filter.source = v
      case .onlyOnDiscount: filter.onlyOnDiscount = true
      }
      if (d == .segment && filter.segment == nil) || (d == .tier && filter.tier == nil) { known = false }
    }
    let plain = filters.isEmpty
    let test = filter.test(ds, a)
    func pass(_ i: Int) -> Bool { known && test(i) }
    var rows: [Int] = []
    rows.reserveCapacity(ds.customers.count)
    if let sort, let orders {
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
    } else if plain {
      rows = Array(ds.customers.indices)
    } else {
      for i in ds.customers.indices where pass(i) { rows.append(i) }
    }
    unsearched = rows
    order = rows
    search.map { rematch($0) }
  }

  /// Narrows `order` to the customers matching the query, best field first, each field's in
  /// the unsearched order.
  public mutating func rematch(_ index: SearchIndex) {
    guard !query.isEmpty else {
      order = unsearched
      kindCounts = []
      searchedQuery = ""
      searchHits = SearchHits()
      return
    }
    if query != searchedQuery {
      let narrower = !searchedQuery.isEmpty && query.hasPrefix(searchedQuery)
      searchHits = index.hits(query, within: narrower ? searchHits.records : nil)
      searchedQuery = query
    }
    let inFileOrder = unsearched.count == index.count && sort == nil
    (order, kindCounts) = SearchRanking.ranked(
      searchHits, unsearched, poolSize: index.count, inFileOrder: inFileOrder)
  }

  /// The number of rows the search found (0 without one).
  public var matchCount: Int { query.isEmpty ? 0 : order.count }

  /// The field the search found row `row` by.
  public func kind(row: Int) -> SearchKind? {
    guard !query.isEmpty, row >= 0 else { return nil }
    var end = 0
    for (k, n) in kindCounts.enumerated() {
      end += n
      if row < end { return SearchKind(rawValue: UInt8(k)) }
    }
    return nil
  }

  /// Forgets the last search's hits: they were found in another index.
  mutating func forgetSearch() {
    searchedQuery = ""
    searchHits = SearchHits()
  }

  /// Counts per value of a dimension over the whole pool, most common first (ties A to Z).
  public static func choices(_ d: Dimension, _ ds: Dataset, _ a: Analysis) -> [(value: String, count: Int)] {
    let cs = ds.customers
    switch d {
    case .segment: return tally(Segment.allCases, cs.indices.lazy.map { a.segment($0) })
    case .tier: return tally(Tier.allCases, cs.indices.lazy.map { cs[$0].tier })
    case .onlyOnDiscount: return [("1", a.discount.onlyOnDiscount.count)]
    case .tag:
      return counted { each in for i in cs.indices { for t in cs[i].tags { each(t) } } }
    case .source:
      return counted { each in for i in cs.indices where !cs[i].source.isEmpty { each(cs[i].source) } }
    }
  }

  /// Every case with how often it occurs, in the cases' order.
  private static func tally<E: RawRepresentable<String> & Hashable>(
    _ all: [E], _ values: some Sequence<E>
  ) -> [(value: String, count: Int)] {
    let at = Dictionary(uniqueKeysWithValues: all.enumerated().map { ($1, $0) })
    var n = [Int](repeating: 0, count: all.count)
    for v in values { n[at[v]!] += 1 }
    return all.enumerated().map { ($1.rawValue, n[$0]) }
  }

  /// Texts counted by their bytes, then merged as `String`s (equivalent spellings are one
  /// value, named by the first seen): hashing a million `String`s costs more than these bytes.
  private static func counted(_ texts: ((String) -> Void) -> Void) -> [(value: String, count: Int)] {
    var set = ByteInterner()
    defer { set.free() }
    var n: [Int] = []
    texts { t in
      let d = Int(UTF8Text.withBytes(t) { set.intern($0) })
      if d == n.count { n.append(0) }
      n[d] += 1
    }
    var counts: [String: Int] = [:]
    for d in n.indices { counts[String(decoding: set.text(d), as: UTF8.self), default: 0] += n[d] }
    return counts.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map { ($0.key, $0.value) }
  }
}

/// Every column's order of the whole pool (ties in file order) and its sort key, made once when
/// the data changes, so that choosing a sort or a filter on a million customers is one pass
/// over a ready order rather than a sort.
/// Changed in place only while one state holds it (see `AppState.setVisits`), so unchecked.
public final class SortOrders: @unchecked Sendable, Equatable {
  /// `order[column]`: customer indexes by that column's key, ascending.
  var order: [[Int32]]
  /// `key[column][customer]`: equal keys are ties.
  var key: [[UInt32]]
  let count: Int
  /// `CustomerList.choices` of every dimension, counted once with the orders.
  var choices: [CustomerList.Dimension: [(value: String, count: Int)]]
  /// The spend that the spend column's keys count from, nil when they are dense ranks.
  var spendBase: Int64?

  public static func == (a: SortOrders, b: SortOrders) -> Bool { a === b }

  /// What depends on the customers alone (names, tags, tiers, sources): kept when only visits
  /// changed, since ranking a million names is most of the orders' cost.
  public struct CustomerParts: Sendable {
    fileprivate let keys: [CustomerList.Column: [UInt32]]
    fileprivate let orders: [CustomerList.Column: [Int32]]
    fileprivate let choices: [CustomerList.Dimension: [(value: String, count: Int)]]
  }

  private static let customerColumns: [CustomerList.Column] = [.name, .tags, .tier]
  private static let customerDimensions: [CustomerList.Dimension] = [.tag, .source]

  public var customerParts: CustomerParts {
    CustomerParts(
      keys: Dictionary(uniqueKeysWithValues: Self.customerColumns.map { ($0, key[$0.rawValue]) }),
      orders: Dictionary(uniqueKeysWithValues: Self.customerColumns.map { ($0, order[$0.rawValue]) }),
      choices: Dictionary(uniqueKeysWithValues: Self.customerDimensions.map { ($0, choices[$0] ?? []) }))
  }

  /// `reusing` parts made from the same customers.
  public init(_ ds: Dataset, _ a: Analysis, reusing parts: CustomerParts? = nil) {
    let cs = ds.customers
    count = cs.count
    let columns = CustomerList.Column.allCases
    let dimensions = CustomerList.Dimension.allCases
    // One task per column (its keys, then their order) and per dimension counted, the costly
    // ones first so that the cores finish together.
    let cost: [Task: Int] = [.column(.name): 0, .column(.tags): 1, .choices(.tag): 2, .choices(.source): 3]
    // Segments and tiers are counted from their keys afterwards.
    let counted = dimensions.filter { $0 != .segment && $0 != .tier }
    let tasks = (columns.map(Task.column) + counted.map(Task.choices)).filter { t in
      switch t {
      case .column(let c): return parts?.keys[c] == nil
      case .choices(let d): return parts?.choices[d] == nil
      }
    }
    .sorted { cost[$0] ?? 9 < cost[$1] ?? 9 }
    var keys = [[UInt32]](repeating: [], count: columns.count)
    var orders = [[Int32]](repeating: [], count: columns.count)
    var counts = [[(value: String, count: Int)]](repeating: [], count: dimensions.count)
    keys.withUnsafeMutableBufferPointer { kb in
      orders.withUnsafeMutableBufferPointer { ob in
        counts.withUnsafeMutableBufferPointer { cb in
          let out = Out(keys: kb.baseAddress!, orders: ob.baseAddress!, choices: cb.baseAddress!)
          DispatchQueue.concurrentPerform(iterations: tasks.count) { t in
            switch tasks[t] {
            case .column(let c):
              let key = SortOrders.key(c, cs, a)
              out.keys[c.rawValue] = key
              out.orders[c.rawValue] = SortOrders.stableOrder(key)
            case .choices(let d):
              out.choices[dimensions.firstIndex(of: d)!] = CustomerList.choices(d, ds, a)
            }
          }
        }
      }
    }
    for (c, k) in parts?.keys ?? [:] { keys[c.rawValue] = k }
    for (c, o) in parts?.orders ?? [:] { orders[c.rawValue] = o }
    for (d, n) in parts?.choices ?? [:] { counts[dimensions.firstIndex(of: d)!] = n }
    key = keys
    order = orders
    var choices = Dictionary(uniqueKeysWithValues: zip(dimensions, counts))
    let segments = SortOrders.counts(key[CustomerList.Column.segment.rawValue], Segment.allCases.count)
    choices[.segment] = Segment.allCases.enumerated().map { ($1.rawValue, segments[$0]) }
    let tiers = SortOrders.counts(key[CustomerList.Column.tier.rawValue], Tier.allCases.count)
    choices[.tier] = Tier.allCases.map { ($0.rawValue, tiers[Int(SortOrders.tierRank[$0]!)]) }
    self.choices = choices
    spendBase = SortOrders.base(a.figures)
  }

  static let tierRank: [Tier: UInt32] = [.friend: 0, .vip: 1, .member: 2]

  /// Orders already worked out (see `updated`, SortOrdersEdit.swift).
  init(
    key: [[UInt32]], order: [[Int32]], choices: [CustomerList.Dimension: [(value: String, count: Int)]],
    spendBase: Int64?
  ) {
    self.key = key
    self.order = order
    self.choices = choices
    self.spendBase = spendBase
    count = key.first?.count ?? 0
  }

  /// How many keys have each value below `n`.
  static func counts(_ key: [UInt32], _ n: Int) -> [Int] {
    var c = [Int](repeating: 0, count: n)
    for k in key { c[Int(k)] += 1 }
    return c
  }

  private enum Task: Hashable {
    case column(CustomerList.Column)
    case choices(CustomerList.Dimension)
  }

  /// Where the tasks put what they make; each sets only its own slots, and all are read after
  /// all are done.
  private struct Out: @unchecked Sendable {
    let keys: UnsafeMutablePointer<[UInt32]>
    let orders: UnsafeMutablePointer<[Int32]>
    let choices: UnsafeMutablePointer<[(value: String, count: Int)]>
  }

  /// Every customer's sort key for the column.
  static func key(_ c: CustomerList.Column, _ cs: ChunkedArray<Customer>, _ a: Analysis) -> [UInt32] {
    switch c {
    case .name:
      return TextRanks.ranks(count: cs.count, utf8: { $1.append(cs[$0].name) }, text: { cs[$0].name })
    case .tags:
      return TextRanks.ranks(
        count: cs.count, utf8: { SortOrders.appendJoined(cs[$0].tags, to: &$1) },
        text: { cs[$0].tags.joined(separator: ";") })
    case .tier:
      let rank = tierRank
      return cs.indices.map { rank[cs[$0].tier]! }
    case .segment:
      let rank = Dictionary(uniqueKeysWithValues: Segment.allCases.enumerated().map { ($1, UInt32($0)) })
      return cs.indices.map { rank[a.segment($0)]! }
    case .lastVisit:
      // Order-preserving map of Int32 onto UInt32; no visit sorts first, as Int32.min did.
      return a.figures.map { UInt32(bitPattern: $0.lastVisit?.raw ?? Int32.min) ^ 0x8000_0000 }
    case .visits: return a.figures.map { UInt32(clamping: $0.frequency) }
    case .spend: return SortOrders.offsets(a.figures.map(\.monetary.fen))
    }
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

  /// `tags.joined(separator: ";")`'s bytes.
  static func appendJoined(_ tags: [String], to w: inout ByteWriter) {
    for (k, t) in tags.enumerated() {
      if k > 0 { w.append(UInt8(ascii: ";")) }
      w.append(t)
    }
  }

  /// Keys that compare as the values do: each value's distance from the least, when they
  /// span less than 2³², which is one pass; dense ranks otherwise.
  static func offsets(_ values: [Int64]) -> [UInt32] {
    guard let lo = values.min(), let hi = values.max() else { return [] }
    let (span, overflow) = hi.subtractingReportingOverflow(lo)
    guard !overflow && span <= Int64(UInt32.max) else { return ranks(values) }
    return values.map { UInt32($0 - lo) }
  }

  /// Dense ranks: equal values share one, and ranks compare as the values do.
  static func ranks<T: Comparable>(_ values: [T]) -> [UInt32] { TextRanks.ranks(values) }
}
