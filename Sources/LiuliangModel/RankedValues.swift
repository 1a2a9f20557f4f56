/// One figure of every customer not churned (F or M), sorted by value and then by customer, so
/// that a super-user cut is read at its rank and one customer's new value moves them by a binary
/// search and a shift of the entries between the old place and the new: a logged visit then
/// costs a few microseconds where ranking a million customers again costs a pass over them all.
struct RankedValues: Sendable {
  private(set) var values: [Int64] = []
  private(set) var customers: [Int32] = []

  init() {}

  /// `value(i)` of each customer it is given a value for (nil leaves them out), sorted: placed by
  /// buckets that keep the values' order (`RankBuckets`), in customer order within each, so that
  /// only the buckets holding several values need a sort of their own, and those are small.
  init(count n: Int, _ value: (Int) -> Int64?) {
    var kept = [Int64](repeating: 0, count: n)
    var has = [Bool](repeating: false, count: n)
    var starts = [Int](repeating: 0, count: RankBuckets.count + 1)
    for i in 0..<n {
      guard let v = value(i) else { continue }
      kept[i] = v
      has[i] = true
      starts[RankBuckets.bucket(v) + 1] += 1
    }
    for b in 0..<RankBuckets.count { starts[b + 1] += starts[b] }
    var values = [Int64](repeating: 0, count: starts[RankBuckets.count])
    var customers = [Int32](repeating: 0, count: values.count)
    var next = starts
    for i in 0..<n where has[i] {
      let b = RankBuckets.bucket(kept[i])
      values[next[b]] = kept[i]
      customers[next[b]] = Int32(i)
      next[b] += 1
    }
    for b in 0..<RankBuckets.count where starts[b + 1] - starts[b] > 1 && RankBuckets.exactValue(b) == nil {
      let range = starts[b]..<starts[b + 1]
      let sorted = range.map { (values[$0], customers[$0]) }.sorted { $0 < $1 }
      for (k, p) in zip(range, sorted) {
        values[k] = p.0
        customers[k] = p.1
      }
    }
    self.values = values
    self.customers = customers
  }

  var count: Int { values.count }

  /// The k-th largest value (1 = the largest).
  func largest(_ k: Int) -> Int64 { values[values.count - k] }

  /// The place of (v, c), or where it would go.
  private func place(_ v: Int64, _ c: Int32) -> Int {
    var lo = 0
    var hi = values.count
    while lo < hi {
      let mid = (lo + hi) / 2
      if (values[mid], customers[mid]) < (v, c) { lo = mid + 1 } else { hi = mid }
    }
    return lo
  }

  /// Customer c's value goes from `old` to `new`: only the entries between the two places move.
  mutating func move(_ c: Int32, from old: Int64, to new: Int64) {
    guard old != new else { return }
    let p = place(old, c)
    precondition(
      p < values.count && values[p] == old && customers[p] == c, "a ranked value that is not there")
    var q = place(new, c)
    if q > p {
      // Everything from p + 1 up to the new place shifts down by one.
      q -= 1
      for k in p..<q {
        values[k] = values[k + 1]
        customers[k] = customers[k + 1]
      }
    } else {
      var k = p
      while k > q {
        values[k] = values[k - 1]
        customers[k] = customers[k - 1]
        k -= 1
      }
    }
    values[q] = new
    customers[q] = c
  }

  /// The customers whose value lies in `range`.
  func customers(in range: ClosedRange<Int64>) -> ArraySlice<Int32> {
    let lo = place(range.lowerBound, Int32.min)
    let hi = range.upperBound == Int64.max ? values.count : place(range.upperBound + 1, Int32.min)
    return customers[lo..<hi]
  }
}
