import LiuliangModel
import LiuliangSearch

/// The order a search lists its matches in, and what part of a row it found.
enum SearchRanking {
  /// The hits' customers in `unsearched`, grouped by field, best field first, each group in
  /// `unsearched`'s order; and how many are in each field. `inFileOrder` says `unsearched` is
  /// the whole pool in file order, where the hits' own order is that order already.
  static func ranked(
    _ hits: SearchHits, _ unsearched: [Int], poolSize: Int, inFileOrder: Bool
  ) -> (order: [Int], counts: [Int]) {
    var counts = [Int](repeating: 0, count: SearchKind.allCases.count)
    // Two passes of a counting sort: a hit on every customer of a million stays a few
    // milliseconds, as a comparison sort would not.
    if inFileOrder {
      for k in hits.kinds { counts[Int(k)] += 1 }
      var out = [Int](repeating: 0, count: hits.records.count)
      place(counts, into: &out) { put in
        hits.records.withUnsafeBufferPointer { records in
          hits.kinds.withUnsafeBufferPointer { kinds in
            for j in 0..<records.count { put(Int(records[j]), Int(kinds[j])) }
          }
        }
      }
      return (out, counts)
    }
    var kindOf = [UInt8](repeating: 0xFF, count: poolSize)
    kindOf.withUnsafeMutableBufferPointer { kindOf in
      for (j, r) in hits.records.enumerated() { kindOf[Int(r)] = hits.kinds[j] }
    }
    for i in unsearched where i < poolSize && kindOf[i] != 0xFF { counts[Int(kindOf[i])] += 1 }
    var out = [Int](repeating: 0, count: counts.reduce(0, +))
    place(counts, into: &out) { put in
      kindOf.withUnsafeBufferPointer { kindOf in
        for i in unsearched where i < poolSize && kindOf[i] != 0xFF { put(i, Int(kindOf[i])) }
      }
    }
    return (out, counts)
  }

  /// Fills `out` group by group: `each` calls `put(value, group)` in order, and each value
  /// goes after the ones of its group put before it.
  private static func place(_ counts: [Int], into out: inout [Int], _ each: ((Int, Int) -> Void) -> Void) {
    var at = starts(counts)
    at.withUnsafeMutableBufferPointer { at in
      out.withUnsafeMutableBufferPointer { out in
        each { v, k in
          out[at[k]] = v
          at[k] += 1
        }
      }
    }
  }

  private static func starts(_ counts: [Int]) -> [Int] {
    var at = [Int](repeating: 0, count: counts.count)
    for k in 1..<counts.count { at[k] = at[k - 1] + counts[k - 1] }
    return at
  }

  /// What a row shows of why it matched: the field's text (the phone as the screen shows it)
  /// with the matched characters, and the characters of the name that the match stands for.
  struct Shown: Equatable {
    var text: String
    var part: Range<Int>?
    var nameChars: Range<Int>?
  }

  /// Where `query` is in customer `c`'s field `kind`, as the index found it (lowercased).
  static func shown(
    _ c: Customer, _ kind: SearchKind, _ query: String, phone: (String) -> String
  )
    -> Shown
  {
    let q = query.lowercased()
    switch kind {
    case .name:
      let part = range(of: q, in: c.name)
      return Shown(text: c.name, part: part, nameChars: part)
    case .pinyin, .initials:
      let units = nameUnits(c.name)
      // Where each unit's spelling starts in the text: a syllable, or its first letter.
      var text = ""
      var bounds: [Range<Int>] = []
      for u in units {
        let piece = kind == .pinyin ? u.syllable : String(u.syllable.prefix(1))
        bounds.append(text.count..<text.count + piece.count)
        text += piece
      }
      guard let part = range(of: q, in: text) else { return Shown(text: text) }
      let covered = units.indices.filter { bounds[$0].overlaps(part) }
      let chars = covered.first.map { units[$0].chars.lowerBound..<units[covered.last!].chars.upperBound }
      return Shown(text: text, part: part, nameChars: chars)
    case .phone:
      // A masked phone keeps the digits' places, so the part is where it was.
      return Shown(text: phone(c.phone), part: range(of: q, in: c.phone))
    case .wechat: return window(c.wechat, q)
    case .tags: return window(c.tags.joined(separator: " "), q)
    case .notes: return window(String(c.notes.map { $0.isNewline ? " " : $0 }), q)
    }
  }

  /// The text from a little before the match, so that the match is on screen in a narrow column.
  static func window(_ text: String, _ q: String) -> Shown {
    guard let part = range(of: q, in: text) else { return Shown(text: text) }
    guard part.lowerBound > 3 else { return Shown(text: text, part: part) }
    let from = part.lowerBound - 2
    return Shown(
      text: "…" + String(text.dropFirst(from)), part: part.lowerBound - from + 1..<part.upperBound - from + 1)
  }

  /// Characters of `text` (lowercased as the index holds it) where `q` first is.
  static func range(of q: String, in text: String) -> Range<Int>? {
    let lower = Array(text.lowercased())
    let needle = Array(q)
    guard !needle.isEmpty, needle.count <= lower.count else { return nil }
    guard
      let from = (0...(lower.count - needle.count)).first(where: {
        lower[$0..<$0 + needle.count].elementsEqual(needle)
      })
    else { return nil }
    // Lowercasing rarely changes the number of characters; the part stays inside the text.
    let n = text.count
    return min(from, n)..<min(from + needle.count, n)
  }

  /// The name's syllables as `Pinyin.syllables` makes them, each with the characters it spells.
  static func nameUnits(_ name: String) -> [(chars: Range<Int>, syllable: String)] {
    var out: [(chars: Range<Int>, syllable: String)] = []
    var run = ""
    var runStart = 0
    var runEnd = 0
    for (k, ch) in name.enumerated() {
      if ch.isASCII {
        if ch.isLetter || ch.isNumber {
          if run.isEmpty { runStart = k }
          run.append(Character(ch.lowercased()))
          runEnd = k + 1
        }
        continue
      }
      if !run.isEmpty {
        out.append((runStart..<runEnd, run))
        run = ""
      }
      if let s = Pinyin().syllable(ch), !s.isEmpty { out.append((k..<k + 1, s)) }
    }
    if !run.isEmpty { out.append((runStart..<runEnd, run)) }
    return out
  }
}

/// The search line's counter: how many were found in each field, `zw: 2 名字 · 18 微信号`.
func searchCounter(_ s: AppState) -> String {
  let q = s.customersPane.list.query
  guard !q.isEmpty else { return "" }
  var groups: [(SearchKind, Int)] = []
  for (k, n) in s.customersPane.list.kindCounts.enumerated() where n > 0 {
    let g = SearchKind(rawValue: UInt8(k))!.group
    if let last = groups.last, last.0 == g {
      groups[groups.count - 1].1 += n
    } else {
      groups.append((g, n))
    }
  }
  guard !groups.isEmpty else { return s.text("search.none", q) }
  let parts = groups.map { s.text("search.group", $0.1, s.text["search.group." + String(describing: $0.0)]) }
  return s.text("search.counter", q, parts.joined(separator: " · "))
}
