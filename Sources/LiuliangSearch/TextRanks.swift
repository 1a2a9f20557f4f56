#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Dense ranks of a column of texts in `String` order: equal texts share one, and ranks compare
/// as the texts do under `String`'s `<`.
///
/// Sorting a million `String`s is slow: each comparison walks both texts through normalization.
/// So the texts are made distinct by their bytes first and, when every one of them is ordered
/// by its bytes as `String` orders it (see `UTF8Text.comparesAsBytes`), those are sorted eight
/// bytes at a time. A column with any other text is sorted as `String`s, as it always was:
/// `String`'s `<` is not a strict order on some canonically equivalent spellings (in Swift
/// 6.3, "ΩΩ" spelled with two ohm signs is neither less nor greater than "ΩΩΩ"), and there only
/// the same sort gives the same result.
public enum TextRanks {
  /// `utf8(i, &w)` appends text i's UTF-8; `text(i)` gives it as a `String`, asked for only
  /// when bytes can't decide.
  public static func ranks(count: Int, utf8: (Int, inout ByteWriter) -> Void, text: (Int) -> String)
    -> [UInt32]
  {
    var set = ByteInterner(expected: min(count, 1 << 16))
    defer { set.free() }
    var scratch = ByteWriter(capacity: 256)
    defer { scratch.free() }
    var id = [UInt32](repeating: 0, count: count)
    for i in 0..<count {
      scratch.truncate(to: 0)
      utf8(i, &scratch)
      id[i] = set.intern(UnsafeBufferPointer(start: scratch.base, count: scratch.count))
    }
    guard (0..<set.count).allSatisfy({ UTF8Text.comparesAsBytes(set.text($0)) }) else {
      return ranks((0..<count).map(text))
    }
    // Distinct texts that bytes order are distinct Strings: NFC texts are equivalent only
    // when equal.
    var rank = [UInt32](repeating: 0, count: set.count)
    for (r, d) in order(set).enumerated() { rank[Int(d)] = UInt32(r) }
    return id.map { rank[Int($0)] }
  }

  /// Dense ranks: equal values share one, and ranks compare as the values do.
  public static func ranks<T: Comparable>(_ values: [T]) -> [UInt32] {
    let sorted = values.indices.sorted { values[$0] < values[$1] }
    var out = [UInt32](repeating: 0, count: values.count)
    var r: UInt32 = 0
    for (k, i) in sorted.enumerated() {
      if k > 0 && values[sorted[k - 1]] < values[i] { r += 1 }
      out[i] = r
    }
    return out
  }

  /// The distinct texts' numbers in byte order.
  static func order(_ set: ByteInterner) -> [UInt32] {
    var plain: [(prefix: UInt64, id: UInt32)] = []
    plain.reserveCapacity(set.count)
    for d in 0..<set.count { plain.append((prefix(set.text(d)), UInt32(d))) }
    plain.sort { a, b in
      if a.prefix != b.prefix { return a.prefix < b.prefix }
      return lessAfterPrefix(set.text(Int(a.id)), set.text(Int(b.id)))
    }
    return plain.map(\.id)
  }

  /// The first eight bytes, most significant first, zero-padded: for texts that differ there,
  /// comparing these compares the texts (a shorter text is padded with zeros and sorts first,
  /// as a prefix does, unless a zero byte follows, which the full comparison settles).
  @inline(__always)
  static func prefix(_ p: UnsafeBufferPointer<UInt8>) -> UInt64 {
    var v: UInt64 = 0
    for k in 0..<8 { v = v << 8 | UInt64(k < p.count ? p[k] : 0) }
    return v
  }

  /// Byte order of two texts with equal prefixes.
  @inline(__always)
  static func lessAfterPrefix(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
    let n = min(a.count, b.count)
    if n > 8 {
      let c = memcmp(a.baseAddress! + 8, b.baseAddress! + 8, n - 8)
      if c != 0 { return c < 0 }
    }
    return a.count < b.count
  }
}
