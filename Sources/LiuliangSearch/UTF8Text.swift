/// Byte-level shortcuts for the texts of a big pool, each exact only where it says so, so that
/// callers can fall back to the `String` way for the rest.
public enum UTF8Text {
  /// Calls `body` with the string's UTF-8 bytes without copying them to the heap.
  @inline(__always)
  public static func withBytes<R>(_ s: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
    if let r = s.utf8.withContiguousStorageIfAvailable(body) { return r }
    return Array(s.utf8).withUnsafeBufferPointer(body)
  }

  /// The scalar of the three-byte sequence starting at `p[i]`, or nil when `p[i]` does not
  /// start one. (Swift strings hold valid UTF-8, so the continuation bytes are there.)
  @inline(__always)
  static func threeByteScalar(_ p: UnsafeBufferPointer<UInt8>, _ i: Int) -> UInt32? {
    let b = p[i]
    guard b & 0xF0 == 0xE0 else { return nil }
    return UInt32(b & 0x0F) << 12 | UInt32(p[i + 1] & 0x3F) << 6 | UInt32(p[i + 2] & 0x3F)
  }

  /// Scalars that `lowercased()` leaves alone whatever surrounds them: CJK punctuation, kana
  /// and ideographs, general punctuation, and the full-width forms other than `Ａ`…`Ｚ`.
  /// (A test checks every one of them against `lowercased()`.)
  @inline(__always)
  static func isCaseless(_ v: UInt32) -> Bool {
    (0x2000...0x206F).contains(v) || (0x2E80...0x9FFF).contains(v)
      || ((0xFF00...0xFFEF).contains(v) && !(0xFF21...0xFF3A).contains(v))
  }

  /// Appends `s.lowercased()`'s bytes. A text of ASCII and caseless scalars only needs
  /// `A`…`Z` mapped, with no `String` made; any other text is lowercased the `String` way.
  static func appendLowercased(_ s: String, to out: inout ByteWriter) {
    let done = withBytes(s) { p -> Bool in
      guard isASCIIOrCaseless(p) else { return false }
      out.appendASCIILowercased(p)
      return true
    }
    if !done { out.append(s.lowercased()) }
  }

  static func isASCIIOrCaseless(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
    var i = 0
    while i < p.count {
      if p[i] < 0x80 {
        i += 1
        continue
      }
      guard let v = threeByteScalar(p, i), isCaseless(v) else { return false }
      i += 3
    }
    return true
  }

  /// Whether comparing these bytes orders the text as `String`'s `<` does. `String` compares
  /// the NFC forms' scalars, which UTF-8 bytes order alike, so this holds for a text already in
  /// NFC that nothing in it could recompose: scalars below U+0300 (no combining marks; Swift's
  /// own NFC fast path uses the same bound) and CJK ideographs (U+3400…U+9FFF).
  public static func comparesAsBytes(_ s: String) -> Bool { withBytes(s) { comparesAsBytes($0) } }

  static func comparesAsBytes(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
    var i = 0
    while i < p.count {
      let b = p[i]
      if b < 0x80 {
        i += 1
      } else if b < 0xCC {  // 0xC2…0xCB lead U+0080…U+02FF
        i += 2
      } else if let v = threeByteScalar(p, i), (0x3400...0x9FFF).contains(v) {
        i += 3
      } else {
        return false
      }
    }
    return true
  }
}

/// A growable byte buffer written through a raw pointer: the search index appends a hundred
/// megabytes a byte at a time, where `Array.append` would check capacity and uniqueness on each.
/// Its owner calls `free()`.
public struct ByteWriter {
  private(set) var base: UnsafeMutablePointer<UInt8>
  private(set) var count = 0
  private var capacity: Int

  init(capacity: Int) {
    self.capacity = max(64, capacity)
    base = .allocate(capacity: self.capacity)
  }

  func free() { base.deallocate() }

  @inline(__always)
  mutating func reserve(_ n: Int) {
    guard count + n > capacity else { return }
    let bigger = max(count + n, capacity * 3 / 2)
    let b = UnsafeMutablePointer<UInt8>.allocate(capacity: bigger)
    b.update(from: base, count: count)
    base.deallocate()
    base = b
    capacity = bigger
  }

  mutating func truncate(to n: Int) { count = min(count, n) }

  @inline(__always)
  public mutating func append(_ b: UInt8) {
    reserve(1)
    base[count] = b
    count += 1
  }

  mutating func append(_ p: UnsafeBufferPointer<UInt8>) {
    reserve(p.count)
    if let src = p.baseAddress { (base + count).update(from: src, count: p.count) }
    count += p.count
  }

  public mutating func append(_ s: String) {
    UTF8Text.withBytes(s) { append($0) }
  }

  /// Appends the bytes with `A`…`Z` made `a`…`z`.
  @inline(__always)
  mutating func appendASCIILowercased(_ p: UnsafeBufferPointer<UInt8>) {
    reserve(p.count)
    let to = base + count
    for k in 0..<p.count {
      let b = p[k]
      to[k] = b &+ (b &- 0x41 < 26 ? 0x20 : 0)
    }
    count += p.count
  }
}
