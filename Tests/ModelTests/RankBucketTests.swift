import XCTest

@testable import LiuliangModel

/// The trends find the super-user cuts by counting into buckets: that must give `topCut`'s value.
final class RankBucketTests: XCTestCase {
  func testBucketsKeepTheOrderOfValues() {
    var values: [Int64] = [Int64.min, -5, -1, 0, 1, 255, 256, 511, 512, 513, 514, 1023, 1024, Int64.max]
    var rng = Rng(seed: 5)
    for _ in 0..<2000 { values.append(Int64(rng.next(1 << 30)) << Int64(rng.next(33))) }
    values.sort()
    for (a, b) in zip(values, values.dropFirst()) {
      XCTAssertLessThanOrEqual(RankBuckets.bucket(a), RankBuckets.bucket(b), "\(a) \(b)")
    }
    XCTAssertEqual(RankBuckets.bucket(511), 512)
    XCTAssertEqual(RankBuckets.bucket(512), RankBuckets.bucket(513), "two values a bucket from 512")
    XCTAssertEqual(RankBuckets.bucket(Int64.max), RankBuckets.count - 1)
    XCTAssertEqual(RankBuckets.exactValue(RankBuckets.bucket(300)), 300)
    XCTAssertNil(RankBuckets.exactValue(RankBuckets.bucket(600)))
    XCTAssertNil(RankBuckets.exactValue(RankBuckets.bucket(-3)))
  }

  /// Counting into buckets, then settling among one bucket's values, gives `topCut`'s value.
  func testCutSearchIsTopCut() {
    var rng = Rng(seed: 9)
    for round in 0..<400 {
      let spread = [2, 600, 100_000, 1 << 40][round % 4]
      let values = (0..<1 + rng.next(300)).map { _ in Int64(rng.next(spread)) - (round % 5 == 0 ? 50 : 0) }
      for share in [0.01, 0.2, 0.5, 1.0] {
        guard let k = topRank(share: share, count: values.count) else {
          XCTAssertNil(topCut(values, share: share))
          continue
        }
        var counts = [Int32](repeating: 0, count: RankBuckets.count)
        for v in values { counts[RankBuckets.bucket(v)] += 1 }
        let search = counts.withUnsafeBufferPointer { CutSearch($0, rank: k) }
        let inBucket = values.filter { RankBuckets.bucket($0) == search.bucket }
        XCTAssertEqual(search.settle(inBucket), topCut(values, share: share), "\(values) \(share)")
      }
    }
  }
}
