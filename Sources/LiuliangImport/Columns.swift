import LiuliangStore

/// The synonym lists in words/: header aliases per field and value words per id.
struct Vocabulary: Sendable {
  /// "customers.name" → aliases, most specific first.
  let headers: [String: [String]]
  /// "tier" → word → id.
  let values: [String: [String: String]]
  /// Payment bills' header names and cell words (words/bills.txt), as written.
  let bills: [String: [String]]

  static let shared = Vocabulary()

  init() {
    func entries(_ name: String, normalize: Bool = true) -> [(key: String, words: [String])] {
      guard let text = embeddedText["words/\(name).txt"] else { return [] }
      return text.split(separator: "\n").compactMap { line in
        guard !line.hasPrefix("#"), let eq = line.firstIndex(of: "=") else { return nil }
        let words = line[line.index(after: eq)...].split(separator: "|").map {
          normalize ? Columns.normalize(String($0)) : String($0).trimmed
        }
        return (String(line[..<eq]).trimmed, words.filter { !$0.isEmpty })
      }
    }
    var bills: [String: [String]] = [:]
    for e in entries("bills", normalize: false) { bills[e.key] = e.words }
    self.bills = bills
    var headers: [String: [String]] = [:]
    for e in entries("headers") { headers[e.key] = e.words }
    var values: [String: [String: String]] = [:]
    for e in entries("values") {
      let parts = e.key.split(separator: ".", maxSplits: 1).map(String.init)
      guard parts.count == 2 else { continue }
      for w in e.words { values[parts[0], default: [:]][w] = parts[1] }
    }
    self.headers = headers
    self.values = values
  }
}

/// Which column of the input feeds which field of the store.
public struct Columns: Sendable, Equatable {
  /// Field index in `kind.columns` → column index in the sheet.
  public var field: [Int?]
  /// Columns no field takes: the store has no place for them in new rows (see the report).
  public var extra: [Int]
  /// Columns that find a visit's customer or name its order without being a store field:
  /// `order`, `phone`, `wechat`, `payer` (see `Kind.lookups`) → column index.
  public var lookup: [String: Int] = [:]

  /// Trimmed, lowercased, without a trailing `*` (required) or a bracketed note: `手机号（选填）`.
  static func normalize(_ header: String) -> String {
    var s = header.trimmed.lowercased()
    while s.hasSuffix("*") { s.removeLast() }
    for (open, close) in [("(", ")"), ("\u{FF08}", "\u{FF09}"), ("[", "]")] where s.hasSuffix(close) {
      if let o = s.lastIndex(of: Character(open)), o != s.startIndex { s = String(s[..<o]) }
    }
    return s.trimmed
  }

  /// `overrides` are `--map COLUMN=field` pairs and come first; then every field takes the
  /// first of its aliases that some column not yet taken carries.
  public static func map(
    header: [String], kind: Kind, overrides: [(column: String, field: String)] = []
  ) throws(ImportError) -> Columns {
    let normalized = header.map(normalize)
    var field = [Int?](repeating: nil, count: kind.columns.count)
    var taken = Set<Int>()
    var lookup: [String: Int] = [:]
    for o in overrides {
      let name = o.field.trimmed
      let f = kind.columns.firstIndex(of: name)
      guard f != nil || kind.lookups.contains(name) else { throw .unknownField(o.field) }
      let free = header.indices.filter { !taken.contains($0) }
      guard
        let c = free.first(where: { header[$0] == o.column.trimmed })
          ?? free.first(where: { normalized[$0] == normalize(o.column) })
      else { throw .unknownColumn(o.column) }
      if let f {
        if field[f] != nil { throw .badMapping(o.field) }
        field[f] = c
      } else {
        if lookup[name] != nil { throw .badMapping(o.field) }
        lookup[name] = c
      }
      taken.insert(c)
    }
    let vocabulary = Vocabulary.shared
    func firstFree(_ name: String) -> Int? {
      // The store's own name always counts, even if words/ were missing.
      let aliases = [name] + (vocabulary.headers[kind.rawValue + "." + name] ?? [])
      for a in aliases {
        if let c = normalized.indices.first(where: { normalized[$0] == a && !taken.contains($0) }) {
          taken.insert(c)
          return c
        }
      }
      return nil
    }
    for (f, name) in kind.columns.enumerated() where field[f] == nil { field[f] = firstFree(name) }
    for name in kind.lookups where lookup[name] == nil { lookup[name] = firstFree(name) }
    let extra = header.indices.filter { !taken.contains($0) && !header[$0].isEmpty }
    return Columns(field: field, extra: extra, lookup: lookup)
  }

  public func column(of name: String, in kind: Kind) -> Int? {
    kind.columns.firstIndex(of: name).flatMap { field[$0] }
  }
}

extension Kind {
  /// Columns an import reads to find a row's customer or to know its order, beside the
  /// kind's own fields: a till's order number, the member's phone or WeChat id, a payment
  /// bill's payer.
  public var lookups: [String] { self == .visits ? ["order", "phone", "wechat", "payer"] : [] }
}
