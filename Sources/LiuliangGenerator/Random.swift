/// SplitMix64: tiny, fast and the same on every platform, so a seed always gives the same shop.
public struct SeededRandom: RandomNumberGenerator, Sendable {
  var state: UInt64
  public init(seed: UInt64) { state = seed }
  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
  /// A uniform integer in 0..<n.
  mutating func below(_ n: Int) -> Int { Int(next() % UInt64(max(n, 1))) }
  mutating func chance(_ p: Double) -> Bool { Double(next() >> 11) / Double(1 << 53) < p }
  mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
  mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
  /// Picks an index with probability proportional to its weight.
  mutating func weighted(_ weights: [Double]) -> Int {
    let total = weights.reduce(0, +)
    var r = unit() * total
    for (i, w) in weights.enumerated() {
      r -= w
      if r < 0 { return i }
    }
    return weights.count - 1
  }
}
