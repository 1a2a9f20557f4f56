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

  /// Recomputes the order from the data, the filters and the sort.
  public mutating func refresh(_ ds: Dataset, _ a: Analysis, search: SearchIndex?) {
    let onlyDiscount = Set(filters[.onlyOnDiscount] == nil ? [] : a.discount.onlyOnDiscount)
    var rows = ds.customers.indices.filter { i in
      let c = ds.customers[i]
      for (d, v) in filters {
        switch d {
        case .segment: if a.segment(i).rawValue != v { return false }
        case .tier: if c.tier.rawValue != v { return false }
        case .tag: if !c.tags.contains(v) { return false }
        case .source: if c.source != v { return false }
        case .onlyOnDiscount: if !onlyDiscount.contains(i) { return false }
        }
      }
      return true
    }
    if let sort {
      let segmentRank = Dictionary(uniqueKeysWithValues: Segment.allCases.enumerated().map { ($1, $0) })
      let tierRank: [Tier: Int] = [.friend: 0, .vip: 1, .member: 2]
      func less(_ x: Int, _ y: Int) -> Bool {
        switch sort {
        case .name: return ds.customers[x].name < ds.customers[y].name
        case .tier: return tierRank[ds.customers[x].tier]! < tierRank[ds.customers[y].tier]!
        case .segment: return segmentRank[a.segment(x)]! < segmentRank[a.segment(y)]!
        case .lastVisit:
          return (a.figures[x].lastVisit?.raw ?? Int32.min) < (a.figures[y].lastVisit?.raw ?? Int32.min)
        case .visits: return a.figures[x].frequency < a.figures[y].frequency
        case .spend: return a.figures[x].monetary < a.figures[y].monetary
        case .tags:
          return ds.customers[x].tags.joined(separator: ";") < ds.customers[y].tags.joined(separator: ";")
        }
      }
      // Ties keep the file's order either way, so a reversed sort is a true mirror only of keys.
      rows.sort { x, y in
        if less(x, y) { return !descending }
        if less(y, x) { return descending }
        return x < y
      }
    }
    order = rows
    search.map { rematch($0) }
  }

  /// Positions in `order` whose customer matches the query.
  public mutating func rematch(_ index: SearchIndex) {
    guard !query.isEmpty else {
      matches = []
      return
    }
    let hits = Set(index.search(query).map(Int.init))
    matches = order.indices.filter { hits.contains(order[$0]) }
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
