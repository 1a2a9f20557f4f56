/// A value of a TOML document as `TOML.parse` reads it.
public indirect enum TOMLValue: Sendable, Equatable, CustomStringConvertible {
  case string(String)
  case integer(Int)
  case float(Double)
  case bool(Bool)
  case array([TOMLValue])
  case table(TOMLTable)

  public var string: String? { if case .string(let s) = self { s } else { nil } }
  public var array: [TOMLValue]? { if case .array(let a) = self { a } else { nil } }
  public var table: TOMLTable? { if case .table(let t) = self { t } else { nil } }
  /// An integer or a float, as a number.
  public var number: Double? {
    switch self {
    case .integer(let i): Double(i)
    case .float(let d): d
    default: nil
    }
  }

  /// The value as TOML would write it, for a problem that quotes it.
  public var description: String {
    switch self {
    case .string(let s):
      "\"" + s.unicodeScalars.map { u in u == "\"" || u == "\\" ? "\\\(u)" : String(u) }.joined() + "\""
    case .integer(let i): String(i)
    case .float(let d): String(d)
    case .bool(let b): String(b)
    case .array(let a): "[" + a.map(\.description).joined(separator: ", ") + "]"
    case .table(let t): "{" + t.keys.map { "\($0) = \(t[$0]!)" }.joined(separator: ", ") + "}"
    }
  }
}

/// Keys in the order the file gives them, each with the line its value starts on.
public struct TOMLTable: Sendable, Equatable {
  public private(set) var keys: [String] = []
  var entries: [String: (value: TOMLValue, line: Int)] = [:]

  public init() {}

  public subscript(_ key: String) -> TOMLValue? { entries[key]?.value }
  public func line(of key: String) -> Int { entries[key]?.line ?? 0 }

  mutating func set(_ key: String, _ value: TOMLValue, line: Int) {
    if entries[key] == nil { keys.append(key) }
    entries[key] = (value, line)
  }

  public static func == (a: TOMLTable, b: TOMLTable) -> Bool {
    a.keys == b.keys && a.keys.allSatisfy { a.entries[$0]!.value == b.entries[$0]!.value }
  }
}

/// A table while the file is read: a reference, so that adding a key to a big table does not
/// copy it.
final class TOMLNode {
  enum Item {
    case value(TOMLValue)
    case table(TOMLNode)
  }
  var keys: [String] = []
  var entries: [String: (item: Item, line: Int)] = [:]
  /// Whether a `[header]` named this table: a second header for it is a mistake.
  var declared = false

  func set(_ key: String, _ item: Item, line: Int) {
    if entries[key] == nil { keys.append(key) }
    entries[key] = (item, line)
  }

  func frozen() -> TOMLTable {
    var t = TOMLTable()
    for k in keys {
      let (item, line) = entries[k]!
      switch item {
      case .value(let v): t.set(k, v, line: line)
      case .table(let n): t.set(k, .table(n.frozen()), line: line)
      }
    }
    return t
  }
}
