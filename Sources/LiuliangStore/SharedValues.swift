/// Equal values of the columns that repeat (tags, source, notes) read once and shared: a shop
/// has a few dozen tags and sources and many notes alike, and each value longer than a String
/// holds in place (15 bytes) would otherwise take a heap block of its own in each of a million
/// customers. One per stretch of a file, so the threads reading a file share nothing; past
/// `most` distinct values it only looks up, so a column of values all different costs no more
/// than a table of that size.
final class SharedValues: @unchecked Sendable {
  private var texts: [String: String] = [:]
  private var tagLists: [String: [String]] = [:]
  static let most = 1 << 14

  func text(_ s: String) -> String {
    // A short String lives in place: there is nothing to share.
    guard s.utf8.count > 15 else { return s }
    if let t = texts[s] { return t }
    if texts.count < Self.most { texts[s] = s }
    return s
  }

  /// `RecordCodec.tags(raw)`, the same list for the same field.
  func tags(_ raw: String) -> [String] {
    guard !raw.isEmpty else { return [] }
    if let t = tagLists[raw] { return t }
    let t = RecordCodec.tags(raw).map(text)
    if tagLists.count < Self.most { tagLists[raw] = t }
    return t
  }
}
