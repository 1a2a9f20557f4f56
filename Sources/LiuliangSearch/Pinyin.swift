import Foundation

/// Pinyin of Chinese names, for search by `zhangwei` or `zw`.
///
/// ICU's transform costs about 40 µs a call, so a million names would take 40 s; names reuse
/// a few thousand characters, so each character is transformed once and cached.
public struct Pinyin {
  private var cache: [Character: String] = [:]

  public init() {}

  /// Syllables of each Chinese character in `text`, lowercased, without tones; other letters
  /// and digits are kept as one syllable per run.
  public mutating func syllables(_ text: String) -> [String] {
    var out: [String] = []
    var run = ""
    for ch in text {
      if ch.isASCII {
        if ch.isLetter || ch.isNumber { run.append(Character(ch.lowercased())) }
        continue
      }
      if !run.isEmpty {
        out.append(run)
        run = ""
      }
      if let s = syllable(ch), !s.isEmpty { out.append(s) }
    }
    if !run.isEmpty { out.append(run) }
    return out
  }

  public mutating func syllable(_ ch: Character) -> String? {
    if let s = cache[ch] { return s }
    let latin =
      String(ch).applyingTransform(.toLatin, reverse: false)?
      .applyingTransform(.stripDiacritics, reverse: false)?.lowercased() ?? ""
    let s = String(
      latin.unicodeScalars.filter { $0.isASCII && ($0.properties.isAlphabetic) }.map(Character.init))
    cache[ch] = s
    return s
  }

  /// What the search index holds for a name: the syllables run together, then their first
  /// letters; nothing for a name without a Chinese character or without syllables.
  static func searchText(_ syllables: [String], of name: String) -> (full: String, initials: String)? {
    guard syllables.count > 0 && name.unicodeScalars.contains(where: { $0.value >= 0x3400 }) else {
      return nil
    }
    return (syllables.joined(), String(syllables.compactMap(\.first)))
  }
}
