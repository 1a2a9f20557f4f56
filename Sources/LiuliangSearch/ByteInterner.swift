#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Distinct byte strings, each given a number in order of first sight: a pool's million names
/// are about four hundred thousand texts, and sorting or counting those is the cheaper job.
///
/// Texts are told apart by their bytes; two canonically equivalent spellings of one text stay
/// two entries, so callers that must treat them as one compare them as `String`s afterwards.
public struct ByteInterner {
  /// The distinct texts one after another; text d is `bytes[ends[d-1] ..< ends[d]]`.
  private(set) var bytes: ByteWriter
  private(set) var ends: [Int] = [0]
  private var hashes: [UInt64] = []
  /// Open addressing: the upper half of a text's hash and its number + 1, or 0 for an empty
  /// slot. The hash is kept in the slot so that a probe costs one cache miss, not two.
  private var slots: [UInt64]
  private var mask: Int

  var count: Int { hashes.count }

  public init(expected: Int = 1024) {
    var size = 16
    while size < expected * 2 { size *= 2 }
    slots = [UInt64](repeating: 0, count: size)
    mask = size - 1
    bytes = ByteWriter(capacity: expected * 8)
  }

  public func free() { bytes.free() }

  /// The number of this text, new or not.
  public mutating func intern(_ p: UnsafeBufferPointer<UInt8>) -> UInt32 {
    let h = Self.hash(p)
    let tag = h & 0xFFFF_FFFF_0000_0000
    var s = Int(truncatingIfNeeded: h) & mask
    while true {
      let e = slots[s]
      if e == 0 { break }
      let d = Int(truncatingIfNeeded: e & 0xFFFF_FFFF) - 1
      if e & 0xFFFF_FFFF_0000_0000 == tag && equals(d, p) { return UInt32(d) }
      s = (s + 1) & mask
    }
    let d = UInt32(hashes.count)
    slots[s] = tag | UInt64(d + 1)
    hashes.append(h)
    bytes.append(p)
    ends.append(bytes.count)
    if hashes.count * 2 > slots.count { grow() }
    return d
  }

  /// The bytes of text d.
  public func text(_ d: Int) -> UnsafeBufferPointer<UInt8> {
    UnsafeBufferPointer(start: bytes.base + ends[d], count: ends[d + 1] - ends[d])
  }

  private func equals(_ d: Int, _ p: UnsafeBufferPointer<UInt8>) -> Bool {
    let n = ends[d + 1] - ends[d]
    guard n == p.count else { return false }
    guard n > 0 else { return true }
    return memcmp(bytes.base + ends[d], p.baseAddress!, n) == 0
  }

  private mutating func grow() {
    let size = slots.count * 2
    var bigger = [UInt64](repeating: 0, count: size)
    let m = size - 1
    for (d, h) in hashes.enumerated() {
      var s = Int(truncatingIfNeeded: h) & m
      while bigger[s] != 0 { s = (s + 1) & m }
      bigger[s] = h & 0xFFFF_FFFF_0000_0000 | UInt64(d + 1)
    }
    slots = bigger
    mask = m
  }

  /// A multiply-and-rotate hash eight bytes at a time, finished with a 64-bit mix (murmur's).
  static func hash(_ p: UnsafeBufferPointer<UInt8>) -> UInt64 {
    var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(p.count)
    guard let base = p.baseAddress else { return mix(h) }
    let raw = UnsafeRawPointer(base)
    var i = 0
    while i + 8 <= p.count {
      h = (h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0xFF51_AFD7_ED55_8CCD
      h = h << 31 | h >> 33
      i += 8
    }
    var tail: UInt64 = 0
    var k = 0
    while i < p.count {
      tail |= UInt64(base[i]) << (8 * k)
      i += 1
      k += 1
    }
    return mix(h ^ tail)
  }

  private static func mix(_ x: UInt64) -> UInt64 {
    var h = x
    h ^= h >> 33
    h = h &* 0xFF51_AFD7_ED55_8CCD
    h ^= h >> 33
    h = h &* 0xC4CE_B9FE_1A85_EC53
    h ^= h >> 33
    return h
  }
}
