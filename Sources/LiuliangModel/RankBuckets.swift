/// Buckets that keep the order of values: one per value below 512, then 256 to each doubling,
/// and one for all negative values. A million values fall into a few thousand buckets of nearby
/// values, so the k-th largest can be found by counting per bucket and then settled among the
/// few values of one bucket, without keeping every value.
enum RankBuckets {
  static let bits = 8
  /// Buckets needed for any Int64: the negative one, 512 exact ones, 256 per doubling above.
  static let count = 1 + (62 - bits) << bits + (2 << bits)

  @inline(__always) static func bucket(_ v: Int64) -> Int {
    if v < 0 { return 0 }
    if v < 1 << bits { return 1 + Int(v) }
    let e = 63 - v.leadingZeroBitCount
    return 1 + (e - bits) << bits + Int(v >> Int64(e - bits))
  }

  /// The one value of a bucket that holds only one, nil for a wider bucket.
  static func exactValue(_ b: Int) -> Int64? {
    b >= 1 && b <= 2 << bits ? Int64(b - 1) : nil
  }

  /// Where the k-th largest (1 = the largest) of the counted values is: its bucket, and which
  /// largest it is within that bucket.
  static func locate(_ counts: UnsafeBufferPointer<Int32>, rank k: Int) -> (bucket: Int, rank: Int) {
    var above = 0
    for b in stride(from: counts.count - 1, through: 0, by: -1) {
      let here = Int(counts[b])
      if above + here >= k { return (b, k - above) }
      above += here
    }
    preconditionFailure("rank \(k) is beyond the \(above) values counted")
  }
}

/// A super-user cut being found by counting: known at once when its bucket holds one value,
/// else once the values in its bucket have been gathered.
struct CutSearch: Sendable {
  let bucket: Int
  let rank: Int
  let exact: Int64?

  init(_ counts: UnsafeBufferPointer<Int32>, rank k: Int) {
    (bucket, rank) = RankBuckets.locate(counts, rank: k)
    exact = RankBuckets.exactValue(bucket)
  }

  /// Whether v ≥ the cut: true or false when the buckets tell, nil when v shares the cut's
  /// bucket and the cut is not known yet.
  @inline(__always) func atLeast(_ v: Int64) -> Bool? {
    if let exact { return v >= exact }
    let b = RankBuckets.bucket(v)
    return b == bucket ? nil : b > bucket
  }

  /// The cut, from all the values that fell into its bucket.
  func settle(_ inBucket: [Int64]) -> Int64 {
    if let exact { return exact }
    var v = inBucket
    return v.withUnsafeMutableBufferPointer { kthLargest($0, rank - 1) }
  }
}
