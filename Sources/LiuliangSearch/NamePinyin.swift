/// The pinyin of every name in a pool, as `Pinyin.searchText` gives it, written straight into
/// the search index's bytes.
///
/// Most names are ideographs and ASCII only, where every scalar is a character of its own, so
/// they are spelled from a table of syllables by scalar with no `String` or `Character` made.
/// The table is filled by one pass over the names in order, through `Pinyin`; names with anything else are spelled by `Pinyin` in that pass, in their turn, so
/// every name gets what `Pinyin` alone would have given it.
struct NamePinyin: Sendable {
  /// Ideographs U+3400…U+9FFF, the table's range.
  private static let first: UInt32 = 0x3400
  private static let last: UInt32 = 0x9FFF
  /// `spans[scalar - first]`: offset << 8 | length of its syllable in `letters`; `unknown` for a
  /// scalar no name has.
  private var spans: [UInt32]
  private static let unknown = UInt32.max
  private var letters: [UInt8] = []
  /// The names spelled by `Pinyin` itself, by customer.
  private var others: [Int: (full: String, initials: String)?] = [:]

  /// The names of customers `from ..< count` (a piece made again after an edit).
  init(count: Int, from: Int = 0, name: (Int) -> String) {
    spans = [UInt32](repeating: Self.unknown, count: Int(Self.last - Self.first) + 1)
    let pinyin = Pinyin()
    for i in from..<count {
      let n = name(i)
      let plain = UTF8Text.withBytes(n) { p -> Bool in
        guard Self.isPlain(p) else { return false }
        var k = 0
        while k < p.count {
          guard let v = UTF8Text.threeByteScalar(p, k) else {
            k += 1
            continue
          }
          let slot = Int(v - Self.first)
          if spans[slot] == Self.unknown {
            let s = pinyin.syllable(Character(Unicode.Scalar(v)!)) ?? ""
            spans[slot] = UInt32(letters.count) << 8 | UInt32(s.utf8.count)
            letters.append(contentsOf: s.utf8)
          }
          k += 3
        }
        return true
      }
      if !plain { others[i] = Pinyin.searchText(pinyin.syllables(n), of: n) }
    }
  }

  /// ASCII other than CR (which would join a following LF into one character) and ideographs
  /// in the table's range: each scalar is its own character, as `Pinyin` walks them.
  private static func isPlain(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
    var k = 0
    while k < p.count {
      let b = p[k]
      if b < 0x80 {
        if b == 0x0D { return false }
        k += 1
      } else if let v = UTF8Text.threeByteScalar(p, k), v >= first && v <= last {
        k += 3
      } else {
        return false
      }
    }
    return true
  }

  /// Appends name i's pinyin and its initials, each followed by `separator`, if it has any.
  func append(_ i: Int, _ name: String, separator: UInt8, to out: inout ByteWriter) {
    if !others.isEmpty, let other = others[i] {
      guard let other else { return }
      out.append(other.full)
      out.append(separator)
      out.append(other.initials)
      out.append(separator)
      return
    }
    UTF8Text.withBytes(name) { appendPlain($0, separator: separator, to: &out) }
  }

  /// Syllables as `Pinyin.syllables` makes them: an ideograph's from the table (none if
  /// empty); a run of ASCII letters and digits, lowercased, is one, and other ASCII neither
  /// ends a run nor adds to it. Written as the full spelling, then the first letters.
  private func appendPlain(_ p: UnsafeBufferPointer<UInt8>, separator: UInt8, to out: inout ByteWriter) {
    var hasIdeograph = false
    var syllables = 0
    let start = out.count
    var inRun = false
    var k = 0
    // First the full spelling, counting syllables.
    letters.withUnsafeBufferPointer { table in
      while k < p.count {
        let b = p[k]
        if b < 0x80 {
          k += 1
          guard let c = Self.spelled(b) else { continue }
          if !inRun { syllables += 1 }
          inRun = true
          out.append(c)
          continue
        }
        let v = UTF8Text.threeByteScalar(p, k)!
        k += 3
        hasIdeograph = true
        inRun = false
        let span = spans[Int(v - Self.first)]
        let length = Int(span & 0xFF)
        guard length > 0 else { continue }
        syllables += 1
        out.append(UnsafeBufferPointer(rebasing: table[Int(span >> 8)..<Int(span >> 8) + length]))
      }
    }
    guard hasIdeograph && syllables > 0 else {
      out.truncate(to: start)
      return
    }
    out.append(separator)
    // Then the initials: the first letter of every syllable, found by walking the name again.
    inRun = false
    k = 0
    while k < p.count {
      let b = p[k]
      if b < 0x80 {
        k += 1
        guard let c = Self.spelled(b) else { continue }
        if !inRun { out.append(c) }
        inRun = true
        continue
      }
      let v = UTF8Text.threeByteScalar(p, k)!
      k += 3
      inRun = false
      let span = spans[Int(v - Self.first)]
      if span & 0xFF > 0 { out.append(letters[Int(span >> 8)]) }
    }
    out.append(separator)
  }
}

extension NamePinyin {
  /// An ASCII byte as a spelling keeps it: a letter lowercased, a digit as it is; nil for the
  /// rest (`Pinyin` keeps letters and digits, one run a syllable).
  @inline(__always) static func spelled(_ b: UInt8) -> UInt8? {
    if b &- 0x30 < 10 { return b }
    let lower = b | 0x20
    return lower &- 0x61 < 26 ? lower : nil
  }
}
