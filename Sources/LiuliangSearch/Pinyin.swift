/// Pinyin of Chinese names, for search by `zhangwei` or `zw`.
///
/// Each character reads as ICU's transliterator read it (toLatin, then without diacritics),
/// from the table scripts/gen-pinyin-table made with it: the program does not link ICU. A
/// character of several scalars (a letter and its accents) reads as its scalars do in turn.
public struct Pinyin {
  public init() {}

  /// Syllables of each Chinese character in `text`, lowercased, without tones; other letters
  /// and digits are kept as one syllable per run.
  public func syllables(_ text: String) -> [String] {
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

  func syllable(_ ch: Character) -> String? {
    var s = ""
    for scalar in ch.unicodeScalars {
      if scalar.isASCII {
        if scalar.properties.isAlphabetic { s += String(scalar).lowercased() }
      } else {
        s += PinyinTable.shared.reading(scalar.value)
      }
    }
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

/// pinyin/readings.txt by scalar, read once on first use: a line is the first of 16 scalars in
/// hex, then each one's reading, `-` for none.
struct PinyinTable: Sendable {
  static let shared = PinyinTable(embeddedText["pinyin/readings.txt"] ?? "")

  /// `offset << 8 | length` of a scalar's reading in `letters`, 0 for none: the BMP by scalar,
  /// the rest (rare ideographs) by a dictionary.
  private var bmp = [UInt32](repeating: 0, count: 0x10000)
  private var beyond: [UInt32: UInt32] = [:]
  private var letters: [UInt8] = [0]

  init(_ text: String) {
    var text = text
    text.withUTF8 { p in
      var i = 0
      while i < p.count {
        if p[i] == UInt8(ascii: "#") {
          while i < p.count && p[i] != 0x0A { i += 1 }
        }
        guard i < p.count, p[i] != 0x0A else {
          i += 1
          continue
        }
        var scalar: UInt32 = 0
        while i < p.count, let d = Self.hexDigit(p[i]) {
          scalar = scalar << 4 | d
          i += 1
        }
        while i < p.count && p[i] == 0x20 {
          i += 1
          let start = i
          while i < p.count && p[i] != 0x20 && p[i] != 0x0A { i += 1 }
          if i - start > 0 && !(i - start == 1 && p[start] == UInt8(ascii: "-")) {
            let span = UInt32(letters.count) << 8 | UInt32(i - start)
            letters.append(contentsOf: UnsafeBufferPointer(rebasing: p[start..<i]))
            if scalar < 0x10000 { bmp[Int(scalar)] = span } else { beyond[scalar] = span }
          }
          scalar += 1
        }
      }
    }
  }

  /// The reading of a scalar, "" when ICU gave none.
  func reading(_ scalar: UInt32) -> String {
    let span = scalar < 0x10000 ? bmp[Int(scalar)] : beyond[scalar] ?? 0
    guard span != 0 else { return "" }
    let start = Int(span >> 8)
    return String(decoding: letters[start..<start + Int(span & 0xFF)], as: UTF8.self)
  }

  private static func hexDigit(_ b: UInt8) -> UInt32? {
    switch b {
    case 0x30...0x39: return UInt32(b - 0x30)
    case 0x41...0x46: return UInt32(b - 0x41 + 10)
    case 0x61...0x66: return UInt32(b - 0x61 + 10)
    default: return nil
    }
  }
}
