import Foundation
import LiuliangStore

/// The synonym lists in words/: header aliases per field and value words per id.
struct Vocabulary: Sendable {
  /// "customers.name" → aliases, most specific first.
  let headers: [String: [String]]
  /// "tier" → word → id.
  let values: [String: [String: String]]

  static let shared = Vocabulary()

  init() {
    func entries(_ name: String) -> [(key: String, words: [String])] {
      guard let text = embeddedText["words/\(name).txt"] else { return [] }
      return text.split(separator: "\n").compactMap { line in
        guard !line.hasPrefix("#"), let eq = line.firstIndex(of: "=") else { return nil }
        let words = line[line.index(after: eq)...].split(separator: "|").map { Columns.normalize(String($0)) }
        return (String(line[..<eq]).trimmed, words.filter { !$0.isEmpty })
      }
    }
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
    for o in overrides {
      guard let f = kind.columns.firstIndex(of: o.field.trimmed) else { throw .unknownField(o.field) }
      let free = header.indices.filter { !taken.contains($0) }
      guard
        let c = free.first(where: { header[$0] == o.column.trimmed })
          ?? free.first(where: { normalized[$0] == normalize(o.column) })
      else { throw .unknownColumn(o.column) }
      if field[f] != nil { throw .badMapping(o.field) }
      field[f] = c
      taken.insert(c)
    }
    let vocabulary = Vocabulary.shared
    for (f, name) in kind.columns.enumerated() where field[f] == nil {
      // The store's own name always counts, even if words/ were missing.
      let aliases = [name] + (vocabulary.headers[kind.rawValue + "." + name] ?? [])
      for a in aliases {
        if let c = normalized.indices.first(where: { normalized[$0] == a && !taken.contains($0) }) {
          field[f] = c
          taken.insert(c)
          break
        }
      }
    }
    let extra = header.indices.filter { !taken.contains($0) && !header[$0].isEmpty }
    return Columns(field: field, extra: extra)
  }

  public func column(of name: String, in kind: Kind) -> Int? {
    kind.columns.firstIndex(of: name).flatMap { field[$0] }
  }
}
