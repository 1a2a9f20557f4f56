#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A set of byte strings (order numbers, ids), kept in one arena: a million of them cost two
/// arrays, not a million Strings. A string's first slot is the top bits of its tag (the high
/// 32 bits of its hash, kept in the slot), so that the table grows, or is read from
/// `OrderIndex` into a bigger one, without reading or hashing any string again.
struct ByteSet {
  typealias Slot = (offset: Int32, count: Int32, hash: UInt32)
  private var arena: [UInt8] = []
  /// Per slot: offset into the arena + 1 (0 = empty), length, and the tag.
  private var slots: [Slot] = Array(repeating: (0, 0, 0), count: 1 << 12)
  /// 32 − log2 of the table's size: a tag's first slot is `tag >> shift`.
  private var shift: UInt32 = 20
  private(set) var count = 0

  init() {}

  static func hash(_ b: UnsafeBufferPointer<UInt8>) -> UInt64 {
    var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(b.count)
    var i = 0
    if let base = b.baseAddress {
      let raw = UnsafeRawPointer(base)
      while i + 8 <= b.count {
        h = (h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0xBF58_476D_1CE4_E5B9
        h ^= h >> 31
        i += 8
      }
    }
    var tail: UInt64 = 0
    var shift: UInt64 = 0
    while i < b.count {
      tail |= UInt64(b[i]) << shift
      shift += 8
      i += 1
    }
    h = (h ^ tail) &* 0x94D0_49BB_1331_11EB
    return h ^ (h >> 29)
  }

  @inline(__always) static func tag(_ b: UnsafeBufferPointer<UInt8>) -> UInt32 {
    UInt32(truncatingIfNeeded: hash(b) >> 32)
  }

  /// True when the bytes were not in the set (and now are).
  mutating func insert(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
    if (count + 1) * 2 > slots.count { grow(to: slots.count * 2) }
    let tag = ByteSet.tag(b)
    let mask = slots.count - 1
    var s = Int(tag >> shift)
    while slots[s].offset != 0 {
      let e = slots[s]
      if e.hash == tag && Int(e.count) == b.count
        && arena.withUnsafeBufferPointer({ a in
          b.count == 0 || memcmp(a.baseAddress! + Int(e.offset) - 1, b.baseAddress!, b.count) == 0
        })
      {
        return false
      }
      s = (s + 1) & mask
    }
    slots[s] = (Int32(arena.count + 1), Int32(b.count), tag)
    arena.append(contentsOf: b)
    count += 1
    return true
  }

  /// The tag in the slot where a look-up of `b` starts: reading it brings that slot into the
  /// cache (see `TillTarget.warm`).
  func touch(_ b: UnsafeBufferPointer<UInt8>) -> UInt32 { slots[Int(ByteSet.tag(b) >> shift)].hash }

  /// Room for `n` strings without growing, made in one step.
  mutating func reserve(_ n: Int) {
    var size = slots.count
    while n * 2 > size { size *= 2 }
    if size > slots.count { grow(to: size) }
  }

  private mutating func grow(to size: Int) {
    var table = [Slot](repeating: (0, 0, 0), count: size)
    let shift = 32 - UInt32(size.trailingZeroBitCount)
    let mask = size - 1
    for e in slots where e.offset != 0 {
      var s = Int(e.hash >> shift)
      while table[s].offset != 0 { s = (s + 1) & mask }
      table[s] = e
    }
    slots = table
    self.shift = shift
  }

  // MARK: On disk (see `OrderIndex`)

  /// The slots' bytes and the arena's, as `OrderIndex` writes them (with `count`).
  func withParts<R>(_ body: (UnsafeRawBufferPointer, UnsafeRawBufferPointer) -> R) -> R {
    slots.withUnsafeBytes { s in arena.withUnsafeBytes { a in body(s, a) } }
  }

  /// The set written by `withParts`, read into a table with room for `more` strings besides:
  /// nil unless every slot lies inside the arena and the table has the shape `insert` keeps (a
  /// power of two, at most half full), so that bytes from disk never make a probe run forever
  /// or read outside the arena. The caller still checks `reader.intact`.
  init?(reading r: DerivedFile.Reader, slotBytes: Int, arenaBytes: Int, count: Int, more: Int) {
    let stride = MemoryLayout<Slot>.stride
    let n = slotBytes / stride
    guard slotBytes % stride == 0, n >= 1 << 12, n <= 1 << 30, n & (n - 1) == 0, arenaBytes >= 0,
      arenaBytes < Int(Int32.max), arenaBytes == r.left - slotBytes
    else { return nil }
    // The table read may have been made with room to spare: this one is as big as the strings
    // kept and `more` need.
    guard count >= 0, count <= n / 2 else { return nil }
    var size = 1 << 12
    while (count + more) * 2 > size { size *= 2 }
    var table = [Slot](repeating: (0, 0, 0), count: size)
    let shift = 32 - UInt32(size.trailingZeroBitCount)
    let mask = size - 1
    var used = 0
    // The slots come through a small buffer, each put straight in its place in the new table.
    var chunk = [Slot](repeating: (0, 0, 0), count: min(n, 1 << 15))
    var left = n
    while left > 0 {
      let k = min(left, chunk.count)
      let ok = chunk.withUnsafeMutableBytes {
        r.read(into: UnsafeMutableRawBufferPointer(rebasing: $0[0..<(k * stride)]))
      }
      guard ok else { return nil }
      for e in chunk[0..<k] where e.offset != 0 {
        guard e.offset >= 1, e.count >= 0, Int(e.offset) - 1 + Int(e.count) <= arenaBytes, used < count
        else {
          return nil
        }
        var s = Int(e.hash >> shift)
        while table[s].offset != 0 { s = (s + 1) & mask }
        table[s] = e
        used += 1
      }
      left -= k
    }
    // Room for the new strings' bytes too, at the length of those already there.
    let room = arenaBytes + more * (arenaBytes / max(used, 1) + 1)
    var ok = false
    arena = [UInt8](unsafeUninitializedCapacity: room) { buf, filled in
      ok = r.read(into: UnsafeMutableRawBufferPointer(start: buf.baseAddress, count: arenaBytes))
      filled = ok ? arenaBytes : 0
    }
    guard ok, used == count else { return nil }
    slots = table
    self.shift = shift
    self.count = used
  }
}
