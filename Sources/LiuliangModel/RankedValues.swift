/// One figure of every customer not churned (F or M), sorted by value and then by customer, so
/// that a super-user cut is read at its rank and one customer's new value moves them by a binary
/// search and a shift of the entries between the old place and the new: a logged visit then
/// costs a few microseconds where ranking a million customers again costs a pass over them all.
struct RankedValues: Sendable {
  private(set) var values: [Int64] = []
  private(set) var customers: [Int32] = []

  init() {}

  /// `value(i)` of each customer it is given a value for (nil leaves them out), sorted.
  init(count n: Int, _ value: (Int) -> Int64?) {
    var pairs: [(Int64, Int32)] = []
    pairs.reserveCapacity(n)
    for i in 0..<n {
      if let v = value(i) { pairs.append((v, Int32(i))) }
    }
    pairs.sort { $0 < $1 }
    values = pairs.map(\.0)
    customers = pairs.map(\.1)
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
