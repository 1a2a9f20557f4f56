#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Equal values of the columns that repeat (tags, source, notes) read once and shared: a shop
/// has a few dozen tags and sources and many notes alike, and each value longer than a String
/// holds in place (15 bytes) would otherwise take a heap block of its own in each of a million
/// customers. One per stretch of a file, so the threads reading a file share nothing; past
/// `most` distinct values it only looks up, so a column of values all different costs no more
/// than a table of that size.
final class SharedValues: @unchecked Sendable {
  private var texts: [Bytes: String] = [:]
  private var tagLists: [Bytes: [String]] = [:]
  static let most = 1 << 14

  func text(_ s: String) -> String {
    // A short String lives in place: there is nothing to share.
    guard s.utf8.count > 15 else { return s }
    let key = Bytes(s)
    if let t = texts[key] { return t }
    if texts.count < Self.most { texts[key] = s }
    return s
  }

  /// `RecordCodec.tags(raw)`, the same list for the same field.
  func tags(_ raw: String) -> [String] {
    guard !raw.isEmpty else { return [] }
    let key = Bytes(raw)
    if let t = tagLists[key] { return t }
    let t = RecordCodec.tags(raw).map(text)
    if tagLists.count < Self.most { tagLists[key] = t }
    return t
  }
}

/// A String as its bytes: String's own hashing and equality go by Unicode's canonical
/// equivalence, which costs a normalization check of every Chinese value; equal bytes is what
/// sharing needs.
private struct Bytes: Hashable {
  let text: String
  init(_ text: String) { self.text = text }

  func hash(into h: inout Hasher) {
    var t = text
    t.withUTF8 { h.combine(bytes: UnsafeRawBufferPointer($0)) }
  }

  static func == (a: Bytes, b: Bytes) -> Bool {
    var (x, y) = (a.text, b.text)
    return x.withUTF8 { p in
      y.withUTF8 { q in
        p.count == q.count && (p.count == 0 || memcmp(p.baseAddress!, q.baseAddress!, p.count) == 0)
      }
    }
  }
}
