import LiuliangModel

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Ids → index, looked up by a field's bytes without making a String. Byte-equal ids are equal
/// Strings, so a hit is what the `[String: Int32]` index says; a miss may still be a
/// canonically equal id, so callers take the String path then.
struct ByteIDIndex {
  private var bytes: [UInt8] = []
  private var starts: [Int] = [0]
  /// Each slot: the high 32 bits of the id's hash, then its index + 1 (0 = empty). A probe that
  /// meets another id is told apart by the hash bits, without reading that id's bytes: with
  /// ids of one length (most shops'), every probe used to be a memcmp and two cache misses.
  private var slots: [UInt64]
  private var mask: Int
  /// When every id has at most 11 bytes (phone numbers, most CRM ids): two words per slot
  /// holding the index + 1, the length and the bytes themselves (see `Packed`), so that a
  /// lookup reads one place in memory instead of three; `slots`, `bytes` and `starts` are empty.
  private var inline: [UInt64] = []

  /// Ids that are one prefix and the row number, zero-padded (C0001, C0002, … as the dashboard
  /// and the generator give them): then an id is its index, with no table to miss the cache in.
  private var numbered: (prefix: [UInt8], width: Int)?
  private var count = 0
  /// Ids seen before: (where, where first), in file order. The first of equal ids wins.
  private(set) var duplicates: [(at: Int, first: Int)] = []

  init(_ ids: [String]) {
    count = ids.count
    if let first = ids.first {
      let prefix = Array(first.utf8.prefix { $0 < 0x30 || $0 > 0x39 })
      let width = first.utf8.count - prefix.count
      let fits = width > 0 && width < 18 && String(ids.count).utf8.count <= width
      if fits
        && ids.enumerated().allSatisfy({ i, id in
          Self.isNumbered(id, prefix, width, i + 1)
        })
      {
        numbered = (prefix, width)
        slots = []
        mask = 0
        return
      }
    }
    var size = 16
    while size < ids.count * 2 { size *= 2 }
    mask = size - 1
    if ids.allSatisfy({ $0.utf8.count <= Packed.most }) {
      slots = []
      inline = [UInt64](repeating: 0, count: size * 2)
      for (i, id) in ids.enumerated() {
        var id = id
        let key = id.withUTF8 { Packed($0) }
        var h = key.hash & mask
        while inline[2 * h] != 0 {
          if inline[2 * h] >> 32 == key.high && inline[2 * h + 1] == key.low { break }
          h = (h + 1) & mask
        }
        if inline[2 * h] != 0 {
          duplicates.append((at: i, first: Int(inline[2 * h] & 0xffff_ffff) - 1))
          continue
        }
        inline[2 * h] = key.high << 32 | UInt64(i + 1)
        inline[2 * h + 1] = key.low
      }
      return
    }
    slots = [UInt64](repeating: 0, count: size)
    bytes.reserveCapacity(ids.count * 8)
    starts.reserveCapacity(ids.count + 1)
    for (i, id) in ids.enumerated() {
      bytes.append(contentsOf: id.utf8)
      starts.append(bytes.count)
      let found = bytes.withUnsafeBufferPointer { b in
        lookup(UnsafeBufferPointer(rebasing: b[starts[i]..<starts[i + 1]]))
      }
      if let found {
        duplicates.append((at: i, first: Int(found)))
        continue
      }
      let full = Self.hash(id.utf8)
      var h = full & mask
      while slots[h] != 0 { h = (h + 1) & mask }
      slots[h] = Self.tag(full) << 32 | UInt64(i + 1)
    }
  }

  static func hash<C: Collection>(_ b: C) -> Int where C.Element == UInt8 {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for c in b { h = (h ^ UInt64(c)) &* 0x100_0000_01b3 }
    // FNV's low bits mix poorly, and the table is indexed by them: finish like MurmurHash3.
    h = (h ^ (h >> 33)) &* 0xff51_afd7_ed55_8ccd
    h = (h ^ (h >> 33)) &* 0xc4ce_b9fe_1a85_ec53
    return Int(truncatingIfNeeded: h ^ (h >> 33))
  }

  static func tag(_ hash: Int) -> UInt64 { UInt64(UInt(bitPattern: hash) >> 32) }

  static func isNumbered(_ id: String, _ prefix: [UInt8], _ width: Int, _ n: Int) -> Bool {
    var id = id
    return id.withUTF8 { u in
      guard u.count == prefix.count + width, u.starts(with: prefix) else { return false }
      var v = n
      for k in stride(from: u.count - 1, through: u.count - width, by: -1) {
        if u[k] != UInt8(0x30 + v % 10) { return false }
        v /= 10
      }
      return v == 0
    }
  }

  func lookup(_ key: UnsafeBufferPointer<UInt8>) -> Int32? { withView { $0.lookup(key) } }

  func lookup(_ id: String) -> Int32? {
    var id = id
    return id.withUTF8 { lookup($0) }
  }

  /// The index as bare pointers, valid inside `body`. Lookups through it take no reference
  /// counts: the log is read on both cores, which would otherwise fight over them on every row.
  func withView<R>(_ body: (View) -> R) -> R {
    // The arrays are not changed while the view is used, so their addresses stay valid.
    let prefix = numbered?.prefix ?? []
    return prefix.withUnsafeBufferPointer { prefix in
      bytes.withUnsafeBufferPointer { b in
        starts.withUnsafeBufferPointer { st in
          slots.withUnsafeBufferPointer { sl in
            inline.withUnsafeBufferPointer { il in
              body(
                View(
                  prefix: prefix, width: numbered?.width, count: count, bytes: b, starts: st, slots: sl,
                  inline: il, mask: mask))
            }
          }
        }
      }
    }
  }

  struct View: @unchecked Sendable {
    let prefix: UnsafeBufferPointer<UInt8>
    /// Set when the ids are numbered (see `numbered`).
    let width: Int?
    let count: Int
    let bytes: UnsafeBufferPointer<UInt8>
    let starts: UnsafeBufferPointer<Int>
    let slots: UnsafeBufferPointer<UInt64>
    let inline: UnsafeBufferPointer<UInt64>
    let mask: Int

    /// Byte-equal, for ids of any length: short ones (most) without a call into libc.
    static func same(_ a: UnsafePointer<UInt8>, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
      guard let b = key.baseAddress else { return true }
      var k = 0
      let n = key.count
      while k + 8 <= n {
        if UnsafeRawPointer(a + k).loadUnaligned(as: UInt64.self)
          != UnsafeRawPointer(b + k).loadUnaligned(as: UInt64.self)
        {
          return false
        }
        k += 8
      }
      while k < n {
        if a[k] != b[k] { return false }
        k += 1
      }
      return true
    }

    /// Where a lookup of `key` reads memory first (its first slot); nil when it reads none.
    func place(_ key: UnsafeBufferPointer<UInt8>) -> UnsafeRawPointer? {
      if width != nil || key.isEmpty { return nil }
      if !inline.isEmpty {
        guard key.count <= Packed.most, let base = inline.baseAddress else { return nil }
        return UnsafeRawPointer(base + 2 * (ByteIDIndex.hash(key) & mask))
      }
      guard let base = slots.baseAddress else { return nil }
      return UnsafeRawPointer(base + (ByteIDIndex.hash(key) & mask))
    }

    func lookup(_ key: UnsafeBufferPointer<UInt8>) -> Int32? {
      if let width {
        guard key.count == prefix.count + width else { return nil }
        for k in 0..<prefix.count where key[k] != prefix[k] { return nil }
        var n = 0
        for k in prefix.count..<key.count {
          let b = key[k]
          guard b >= 0x30, b <= 0x39 else { return nil }
          n = n * 10 + Int(b - 0x30)
        }
        return n >= 1 && n <= count ? Int32(n - 1) : nil
      }
      if !inline.isEmpty {
        guard key.count <= Packed.most else { return nil }
        let k = Packed(key)
        var h = k.hash & mask
        while true {
          let w = inline[2 * h]
          if w == 0 { return nil }
          if w >> 32 == k.high && inline[2 * h + 1] == k.low { return Int32(w & 0xffff_ffff) - 1 }
          h = (h + 1) & mask
        }
      }
      let full = ByteIDIndex.hash(key)
      let tag = ByteIDIndex.tag(full)
      var h = full & mask
      while true {
        let slot = slots[h]
        if slot == 0 { return nil }
        if slot >> 32 == tag {
          let i = Int(slot & 0xffff_ffff) - 1
          let lo = starts[i]
          if starts[i + 1] - lo == key.count && Self.same(bytes.baseAddress! + lo, key) { return Int32(i) }
        }
        h = (h + 1) & mask
      }
    }
  }
}

/// An id of up to 11 bytes as two words: `high` (32 bits) is its length and first three bytes,
/// `low` the next eight, zero-padded. Equal words are equal bytes.
struct Packed {
  static let most = 11
  let high: UInt64
  let low: UInt64
  let hash: Int

  init(_ b: UnsafeBufferPointer<UInt8>) {
    var high = UInt64(b.count)
    var low: UInt64 = 0
    for k in 0..<min(3, b.count) { high |= UInt64(b[k]) << (8 * (k + 1)) }
    var k = 3
    while k < b.count {
      low |= UInt64(b[k]) << (8 * (k - 3))
      k += 1
    }
    self.high = high
    self.low = low
    hash = ByteIDIndex.hash(b)
  }
}
