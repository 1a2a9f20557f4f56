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
    var values: [Int64] = []
    var customers: [Int32] = []
    for i in 0..<n {
      guard let v = value(i) else { continue }
      values.append(v)
      customers.append(Int32(i))
    }
    self.init(sorting: values, customers)
  }

  /// The pairs sorted by value, ties in the order given (the caller gives customers ascending):
  /// a radix sort of 11 bits a pass, as many passes as the spread of the values needs — one for
  /// F, two or three for M's fen — where a comparison sort of a million pairs took several
  /// times as long.
  init(sorting values: [Int64], _ customers: [Int32]) {
    precondition(values.count == customers.count, "a value for each customer")
    guard let lo = values.min(), let hi = values.max(), lo < hi else {
      self.values = values
      self.customers = customers
      return
    }
    let spread = UInt64(bitPattern: hi &- lo)
    var passes = 0
    while passes * Self.bits < 64 && spread >> UInt64(passes * Self.bits) != 0 { passes += 1 }
    // The first pass reads the pairs given, the others go back and forth between two buffers.
    let n = values.count
    var v = [Int64](repeating: 0, count: n)
    var c = [Int32](repeating: 0, count: n)
    var v2 = passes > 1 ? [Int64](repeating: 0, count: n) : []
    var c2 = passes > 1 ? [Int32](repeating: 0, count: n) : []
    values.withUnsafeBufferPointer { from in
      customers.withUnsafeBufferPointer { who in
        v.withUnsafeMutableBufferPointer { to in
          c.withUnsafeMutableBufferPointer { whoTo in Self.pass(0, lo, from, who, to, whoTo) }
        }
      }
    }
    for p in 1..<max(1, passes) {
      v.withUnsafeBufferPointer { from in
        c.withUnsafeBufferPointer { who in
          v2.withUnsafeMutableBufferPointer { to in
            c2.withUnsafeMutableBufferPointer { whoTo in Self.pass(p * Self.bits, lo, from, who, to, whoTo) }
          }
        }
      }
      swap(&v, &v2)
      swap(&c, &c2)
    }
    self.values = v
    self.customers = c
  }

  private static let bits = 11

  /// One stable pass of the radix sort: the pairs by the digit of `value − lo` at `shift`.
  private static func pass(
    _ shift: Int, _ lo: Int64, _ from: UnsafeBufferPointer<Int64>, _ who: UnsafeBufferPointer<Int32>,
    _ to: UnsafeMutableBufferPointer<Int64>, _ whoTo: UnsafeMutableBufferPointer<Int32>
  ) {
    let mask = UInt64(1 << bits - 1)
    let s = UInt64(shift)
    @inline(__always) func digit(_ x: Int64) -> Int { Int((UInt64(bitPattern: x &- lo) >> s) & mask) }
    var at = [Int](repeating: 0, count: 1 << bits)
    at.withUnsafeMutableBufferPointer { at in
      for x in from { at[digit(x)] += 1 }
      var sum = 0
      for k in at.indices {
        let here = at[k]
        at[k] = sum
        sum += here
      }
      for k in from.indices {
        let d = digit(from[k])
        to[at[d]] = from[k]
        whoTo[at[d]] = who[k]
        at[d] += 1
      }
    }
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
