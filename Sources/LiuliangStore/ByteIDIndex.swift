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
  private var slots: [Int32]
  private var mask: Int

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
    slots = [Int32](repeating: -1, count: size)
    mask = size - 1
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
      var h = Self.hash(id.utf8) & mask
      while slots[h] >= 0 { h = (h + 1) & mask }
      slots[h] = Int32(i)
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
            body(
              View(
                prefix: prefix, width: numbered?.width, count: count, bytes: b, starts: st, slots: sl,
                mask: mask))
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
    let slots: UnsafeBufferPointer<Int32>
    let mask: Int

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
      var h = ByteIDIndex.hash(key) & mask
      while true {
        let i = slots[h]
        if i < 0 { return nil }
        let lo = starts[Int(i)]
        let hi = starts[Int(i) + 1]
        if hi - lo == key.count
          && (key.count == 0 || memcmp(bytes.baseAddress! + lo, key.baseAddress!, key.count) == 0)
        {
          return i
        }
        h = (h + 1) & mask
      }
    }
  }
}
