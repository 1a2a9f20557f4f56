/// Each customer's visits, sorted by date and time, as one flat array with offsets (CSR), so that
/// per-customer figures walk contiguous memory instead of filtering ten million visits again.
public struct VisitIndex: Sendable {
  /// `order[offsets[c] ..< offsets[c + 1]]` are customer c's visit indexes, oldest first.
  public let offsets: [Int32]
  public let order: [Int32]

  /// What the figures read of each visit, in `order`: thirteen passes (today and twelve weeks
  /// of trends) then read memory front to back instead of jumping through the log. Eight
  /// bytes, the amount and the promotion mark sharing a word: ten million of them are 80 MB.
  struct Entry: Sendable {
    var date: Int32
    /// The amount in fen times two, plus one with a promotion.
    var fenAndPromoted: Int32

    /// Nil when the amount needs more than 31 bits.
    init?(date: Day, fen: Int64, promoted: Bool) {
      guard fen >= -(1 << 30) && fen < 1 << 30 else { return nil }
      self.date = date.raw
      fenAndPromoted = Int32(fen) << 1 | (promoted ? 1 : 0)
    }

    var fen: Int64 { Int64(fenAndPromoted >> 1) }
    var promoted: Bool { fenAndPromoted & 1 != 0 }
  }

  /// Nil when an amount needs more than 31 bits (ten million yuan); the figures then read the
  /// log itself.
  let entries: [Entry]?

  /// The log is cut into a few parts, each counted and placed by one worker. A customer's
  /// visits from part p go before those from part p + 1, so before sorting every customer's
  /// visits are in log order, as one pass over the whole log would leave them.
  /// `keepingOrder: false` lets `order` go once the entries are made (unless an amount did not
  /// fit them): the figures read only the entries, and on a big pool the order is 40 MB more
  /// at the dashboard's busiest moment. `visits(of:)` then has nothing to give.
  public init(_ ds: Dataset, keepingOrder: Bool = true) {
    ModelWork.note()
    let visits = ds.visits
    let n = ds.customers.count
    let m = visits.count
    let parts = max(1, min(cores, 8, m / 50_000))
    // counts[p * n + c]: customer c's visits in part p; then where part p puts the next one.
    var counts = [Int32](repeating: 0, count: parts * n)
    counts.withUnsafeMutableBufferPointer { cb in
      let cb = Shared(base: cb.baseAddress!)
      inParts(m, parts: parts) { p, range in
        let mine = cb.base + p * n
        for i in range {
          let c = Int(visits[i].customer)
          if c >= 0 && c < n { mine[c] += 1 }
        }
      }
    }
    var offsets = [Int32](repeating: 0, count: n + 1)
    var run: Int32 = 0
    for c in 0..<n {
      offsets[c] = run
      for p in 0..<parts {
        let k = counts[p * n + c]
        counts[p * n + c] = run
        run += k
      }
    }
    offsets[n] = run
    let total = Int(run)
    var fits = [Bool](repeating: true, count: parts)
    var entries = [Entry]()
    var order = [Int32](unsafeUninitializedCapacity: total) { ob, filled in
      entries = [Entry](unsafeUninitializedCapacity: total) { eb, filledEntries in
        // Every place is written exactly once below, so nothing needs clearing first.
        let ob = ob.baseAddress.map { Shared(base: $0) }
        let eb = eb.baseAddress.map { Shared(base: $0) }
        counts.withUnsafeMutableBufferPointer { cb in
          fits.withUnsafeMutableBufferPointer { fb in
            let cb = Shared(base: cb.baseAddress!)
            let fb = Shared(base: fb.baseAddress!)
            inParts(m, parts: parts) { p, range in
              let next = cb.base + p * n
              var ok = true
              for i in range {
                let v = visits[i]
                let c = Int(v.customer)
                guard c >= 0 && c < n else { continue }
                let k = Int(next[c])
                next[c] += 1
                (ob!.base + k).initialize(to: Int32(i))
                let entry = Entry(date: v.date, fen: v.amount.fen, promoted: v.hasPromotion)
                if entry == nil { ok = false }
                (eb!.base + k).initialize(to: entry ?? Entry(date: v.date, fen: 0, promoted: false)!)
              }
              fb.base[p] = ok
            }
          }
        }
        filledEntries = total
      }
      filled = total
    }
    counts = []
    if total > 0 {
      let offsets = offsets
      entries.withUnsafeMutableBufferPointer { eb in
        order.withUnsafeMutableBufferPointer { ob in
          let eb = Shared(base: eb.baseAddress!)
          let ob = Shared(base: ob.baseAddress!)
          inChunks(n) { range in
            for c in range {
              VisitIndex.sortIfNeeded(eb.base, ob.base, Int(offsets[c]), Int(offsets[c + 1]), visits)
            }
          }
        }
      }
    }
    self.offsets = offsets
    self.entries = fits.allSatisfy { $0 } ? entries : nil
    self.order = keepingOrder || self.entries == nil ? order : []
  }

  /// The log is usually in date order already; only the customers whose visits are not get
  /// sorted, by date and time and then by place in the log (what a stable sort keeps). Times
  /// are read from the log only where two visits share a date.
  static func sortIfNeeded<V: RandomAccessCollection<Visit>>(
    _ entries: UnsafeMutablePointer<Entry>, _ order: UnsafeMutablePointer<Int32>, _ lo: Int, _ hi: Int,
    _ visits: V
  ) where V.Index == Int {
    guard hi - lo > 1 else { return }
    var sorted = true
    for k in lo + 1..<hi {
      let a = entries[k - 1].date
      let b = entries[k].date
      if b < a || (b == a && visits[Int(order[k])].time < visits[Int(order[k - 1])].time) {
        sorted = false
        break
      }
    }
    if sorted { return }
    let keyed = (lo..<hi).map { k in
      (date: entries[k].date, time: visits[Int(order[k])].time.minutes, at: order[k], entry: entries[k])
    }
    .sorted { ($0.date, $0.time, $0.at) < ($1.date, $1.time, $1.at) }
    for (k, e) in keyed.enumerated() {
      order[lo + k] = e.at
      entries[lo + k] = e.entry
    }
  }

  public func visits(of customer: Int) -> ArraySlice<Int32> {
    precondition(order.count == Int(offsets.last ?? 0), "a visit index made without keeping its order")
    return order[Int(offsets[customer])..<Int(offsets[customer + 1])]
  }
}

extension VisitIndex {
  /// Whether customer c has a visit dated a … b: a binary search in their visits, which the
  /// index keeps by date.
  public func hasVisit(of c: Int, from a: Day, to b: Day, in log: VisitLog) -> Bool {
    guard c >= 0, c + 1 < offsets.count else { return false }
    var lo = Int(offsets[c])
    var hi = Int(offsets[c + 1])
    if let entries {
      while lo < hi {
        let mid = (lo + hi) / 2
        if entries[mid].date < a.raw { lo = mid + 1 } else { hi = mid }
      }
      return lo < Int(offsets[c + 1]) && entries[lo].date <= b.raw
    }
    // Without entries the order is kept: the same search through the log's dates.
    while lo < hi {
      let mid = (lo + hi) / 2
      if log[Int(order[mid])].date < a { lo = mid + 1 } else { hi = mid }
    }
    return lo < Int(offsets[c + 1]) && log[Int(order[lo])].date <= b
  }
}

/// Where each customer's visits are in the log, kept with the data so that opening a customer
/// reads their few visits instead of scanning ten million (40 MB for that many). Visits logged
/// since the index was made are kept beside it, per customer, rather than making it again.
public struct CustomerVisits: Sendable {
  let offsets: [Int32]
  let order: [Int32]
  /// Customer → the places in the log of their visits appended since, oldest first.
  private(set) var appended: [Int32: [Int32]] = [:]

  public init() {
    offsets = []
    order = []
  }

  /// Nil when the index was made without keeping its order.
  public init?(_ index: VisitIndex) {
    guard index.order.count == Int(index.offsets.last ?? 0), !index.offsets.isEmpty else { return nil }
    offsets = index.offsets
    order = index.order
  }

  /// Customers it knows.
  public var count: Int { max(0, offsets.count - 1) }

  /// Customer c's visits, in log order.
  public func of(_ c: Int) -> [Int] {
    guard c >= 0, c < count else { return [] }
    let indexed = order[Int(offsets[c])..<Int(offsets[c + 1])].map(Int.init).sorted()
    return indexed + (appended[Int32(c)] ?? []).map(Int.init)
  }

  /// Customer c's visits by date (as the index keeps them), the appended ones last.
  func byDate(_ c: Int) -> [Int32] {
    Array(order[Int(offsets[c])..<Int(offsets[c + 1])]) + (appended[Int32(c)] ?? [])
  }

  /// The place in the log of customer c's latest visit by date.
  func latest(_ c: Int) -> Int32? {
    if let a = appended[Int32(c)]?.last { return a }
    let hi = Int(offsets[c + 1])
    return hi > Int(offsets[c]) ? order[hi - 1] : nil
  }

  mutating func append(_ at: Int32, of c: Int) { appended[Int32(c), default: []].append(at) }

  /// Takes back the newest appended visit of customer c; false when they have none.
  mutating func removeLast(of c: Int) -> Bool {
    guard var a = appended[Int32(c)], !a.isEmpty else { return false }
    a.removeLast()
    appended[Int32(c)] = a.isEmpty ? nil : a
    return true
  }
}
