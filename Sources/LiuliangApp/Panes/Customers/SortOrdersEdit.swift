import LiuliangModel
import LiuliangSearch

/// The sort orders after an edit of a few customers' rows, made from the orders before it rather
/// than from nothing: ranking a million names again took most of a customer edit's time on
/// screen, where moving one customer in each order is a binary search and a shift.
extension SortOrders {
  /// Most customers an edit may change for the orders to be updated rather than made anew.
  static let updatedUpTo = 64

  /// The orders of `ds` (figures `a`), equal to `SortOrders(ds, a)`, when only the customers
  /// `changed` differ from `was` (the customers these orders were made from, as many); nil
  /// when they must be made anew: too many changed, or a text whose order only a `String`
  /// sort gives. `figuresKept`: the edit changed nothing a figure reads (`Dataset.sameFigures`),
  /// so the columns of figures, segments and tiers stand as they are.
  func updated(
    _ ds: Dataset, _ a: Analysis, was: ChunkedArray<Customer>, changed: [Int], figuresKept: Bool = false
  ) -> SortOrders? {
    let cs = ds.customers
    guard cs.count == count, was.count == count, changed.count <= Self.updatedUpTo else { return nil }
    let texts = changed.flatMap { [cs[$0], was[$0]] }.flatMap { [$0.name, $0.source] + $0.tags }
    guard texts.allSatisfy(UTF8Text.comparesAsBytes) else { return nil }
    var keys = key
    var orders = order
    for c in CustomerList.Column.allCases {
      let k = c.rawValue
      switch c {
      case .name, .tags:
        func text(_ x: Customer) -> String { c == .name ? x.name : x.tags.joined(separator: ";") }
        // A changed customer not yet moved stands where its old text put it.
        var waiting = Set(changed)
        for i in changed {
          waiting.remove(i)
          Self.moveText(i, to: text(cs[i]), &keys[k], &orders[k]) {
            text(waiting.contains($0) ? was[$0] : cs[$0])
          }
        }
      default:
        if figuresKept { continue }
        // Keys of figures are a pass over the pool, no sort; only the customers whose key
        // changed move, unless many did (a new least spend shifts every offset).
        let fresh = Self.key(c, cs, a)
        var moved: [Int] = []
        for i in 0..<count where fresh[i] != keys[k][i] {
          moved.append(i)
          if moved.count > Self.updatedUpTo { break }
        }
        if moved.count > Self.updatedUpTo {
          orders[k] = Self.stableOrder(fresh)
        } else if !moved.isEmpty {
          for i in moved { Self.takeOut(i, &orders[k], keys[k]) }
          for i in moved { Self.putIn(i, &orders[k], fresh) }
        }
        keys[k] = fresh
      }
    }
    return SortOrders(
      key: keys, order: orders,
      choices: updatedChoices(ds, a, was: was, changed: changed, keys, figuresKept: figuresKept),
      spendBase: figuresKept ? spendBase : Self.base(a.figures))
  }

  /// Customer `i` taken out of a text column's order and put back with `text`, its key the
  /// text's dense rank: a rank no one holds any more is closed up, a new text opens one.
  static func moveText(
    _ i: Int, to text: String, _ key: inout [UInt32], _ order: inout [Int32], text of: (Int) -> String
  ) {
    let at = takeOut(i, &order, key)
    let old = key[i]
    let stillHeld =
      (at > 0 && key[Int(order[at - 1])] == old) || (at < order.count && key[Int(order[at])] == old)
    if !stillHeld { shift(&key, from: old + 1, by: -1, except: i) }
    // The first customer whose text is not below the new one.
    var lo = 0
    var hi = order.count
    while lo < hi {
      let mid = (lo + hi) / 2
      if of(Int(order[mid])) < text { lo = mid + 1 } else { hi = mid }
    }
    if lo < order.count && of(Int(order[lo])) == text {
      key[i] = key[Int(order[lo])]
    } else {
      let rank = lo > 0 ? key[Int(order[lo - 1])] + 1 : 0
      shift(&key, from: rank, by: 1, except: i)
      key[i] = rank
    }
    putIn(i, &order, key)
  }

  /// Every key at least `from` moved by `by`, but customer `i`'s.
  static func shift(_ key: inout [UInt32], from: UInt32, by: Int32, except i: Int) {
    key.withUnsafeMutableBufferPointer { k in
      for j in k.indices where k[j] >= from && j != i { k[j] = UInt32(Int64(k[j]) + Int64(by)) }
    }
  }

  /// Where customer `i` stands in `order` by `key` (ties by index): the first place whose
  /// (key, index) is not below `i`'s.
  static func slot(_ i: Int, _ order: [Int32], _ key: [UInt32]) -> Int {
    let k = key[i]
    var lo = 0
    var hi = order.count
    while lo < hi {
      let mid = (lo + hi) / 2
      let j = Int(order[mid])
      if key[j] < k || (key[j] == k && j < i) { lo = mid + 1 } else { hi = mid }
    }
    return lo
  }

  /// Takes customer `i` out of `order`, sorted by `key`; returns where it was.
  @discardableResult
  static func takeOut(_ i: Int, _ order: inout [Int32], _ key: [UInt32]) -> Int {
    let at = slot(i, order, key)
    order.remove(at: at)
    return at
  }

  static func putIn(_ i: Int, _ order: inout [Int32], _ key: [UInt32]) {
    order.insert(Int32(i), at: slot(i, order, key))
  }

  /// The filter choices after the edit: tags and sources counted again for the changed
  /// customers only, segments and tiers from the keys, as the orders' making counts them.
  func updatedChoices(
    _ ds: Dataset, _ a: Analysis, was: ChunkedArray<Customer>, changed: [Int], _ keys: [[UInt32]],
    figuresKept: Bool
  ) -> [CustomerList.Dimension: [(value: String, count: Int)]] {
    var out = choices
    let cs = ds.customers
    func recount(_ d: CustomerList.Dimension, _ values: (Customer) -> [String]) {
      var n = Dictionary((choices[d] ?? []).map { ($0.value, $0.count) }, uniquingKeysWith: +)
      for i in changed {
        for v in values(was[i]) { n[v, default: 0] -= 1 }
        for v in values(cs[i]) { n[v, default: 0] += 1 }
      }
      out[d] = n.filter { $0.value > 0 }.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map {
        ($0.key, $0.value)
      }
    }
    recount(.tag) { $0.tags }
    recount(.source) { $0.source.isEmpty ? [] : [$0.source] }
    if figuresKept { return out }
    out[.onlyOnDiscount] = CustomerList.choices(.onlyOnDiscount, ds, a)
    let segments = Self.counts(keys[CustomerList.Column.segment.rawValue], Segment.allCases.count)
    out[.segment] = Segment.allCases.enumerated().map { ($1.rawValue, segments[$0]) }
    let tiers = Self.counts(keys[CustomerList.Column.tier.rawValue], Tier.allCases.count)
    out[.tier] = Tier.allCases.map { ($0.rawValue, tiers[Int(Self.tierRank[$0]!)]) }
    return out
  }
}
