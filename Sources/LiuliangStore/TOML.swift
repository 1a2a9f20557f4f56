import LiuliangModel

/// The part of TOML that shop.toml uses: `key = value` lines, `[table]` headers (dotted and
/// quoted names too), basic and literal strings, integers, floats, booleans, arrays (across
/// lines, nested), comments. Hand-edited files are its input, so it never traps: every
/// mistake is a `TOMLError` with its line, the line is skipped, and the rest is read.
public enum TOML {
  /// The document as a table, and every line that could not be read.
  public static func parse(_ text: String) -> (TOMLTable, [TOMLError]) {
    var p = TOMLParser(Array(text.utf8))
    p.document()
    return (p.root.frozen(), p.errors)
  }
}

/// A byte-level recursive descent parser; its depth is bounded by `maxDepth`.
struct TOMLParser {
  let b: [UInt8]
  var i = 0
  var line = 1
  let root = TOMLNode()
  /// The path of the current `[table]`; nil after a header that could not be read, so that
  /// its keys are skipped rather than landing in another table.
  var current: [String]? = []
  var errors: [TOMLError] = []
  static let maxDepth = 32

  init(_ bytes: [UInt8]) { b = bytes }

  struct Failure: Error {
    var reason: TOMLError.Reason
    var subject = ""
  }

  var peek: UInt8? { i < b.count ? b[i] : nil }
  func peek(_ k: Int) -> UInt8? { i + k < b.count ? b[i + k] : nil }

  mutating func document() {
    while i < b.count {
      do {
        try statement()
      } catch {
        errors.append(TOMLError(line: line, reason: error.reason, subject: error.subject))
        while let c = peek, c != 0x0A { i += 1 }
      }
      if peek == 0x0A {
        i += 1
        line += 1
      }
    }
  }

  mutating func spaces() { while let c = peek, c == 0x20 || c == 0x09 { i += 1 } }

  /// Spaces, then a comment or nothing up to the end of the line.
  mutating func endOfLine() throws(Failure) {
    spaces()
    if peek == 0x0D, peek(1) == 0x0A { i += 1 }
    if peek == 0x23 { try comment() }
    guard peek == nil || peek == 0x0A else { throw Failure(reason: .trailingText) }
  }

  mutating func comment() throws(Failure) {
    while let c = peek, c != 0x0A {
      if c < 0x20 && c != 0x09 && !(c == 0x0D && peek(1) == 0x0A) || c == 0x7F {
        throw Failure(reason: .controlCharacter)
      }
      i += 1
    }
  }

  mutating func statement() throws(Failure) {
    spaces()
    switch peek {
    case nil, 0x0A?: return
    case 0x0D? where peek(1) == 0x0A: i += 1
    case 0x23?: try comment()
    case 0x5B?: try header()
    default: try keyValue()
    }
    try endOfLine()
  }

  mutating func header() throws(Failure) {
    i += 1
    current = nil
    if peek == 0x5B { throw Failure(reason: .unsupported) }
    spaces()
    let path = try keyPath()
    guard peek == 0x5D else { throw Failure(reason: .unclosedHeader) }
    i += 1
    let name = path.joined(separator: ".")
    let t = try table(path, name: name)
    guard !t.declared else { throw Failure(reason: .duplicateTable, subject: name) }
    t.declared = true
    current = path
  }

  mutating func keyValue() throws(Failure) {
    let path = try keyPath()
    guard peek == 0x3D else { throw Failure(reason: .expectedEquals, subject: path.joined(separator: ".")) }
    i += 1
    spaces()
    let at = line
    let value = try value(depth: 0)
    // Keys under a header that could not be read are skipped (that header was reported).
    guard let table = current else { return }
    let name = path.joined(separator: ".")
    let t = try self.table(table + path.dropLast(), name: name)
    guard t.entries[path.last!] == nil else { throw Failure(reason: .duplicateKey, subject: name) }
    t.set(path.last!, .value(value), line: at)
  }

  /// The table at `path`, made (with the tables on the way) if it is not there yet.
  mutating func table(_ path: some Collection<String>, name: String) throws(Failure) -> TOMLNode {
    var t = root
    for k in path {
      switch t.entries[k]?.item {
      case nil:
        let n = TOMLNode()
        t.set(k, .table(n), line: line)
        t = n
      case .table(let n)?: t = n
      case .value?: throw Failure(reason: .notATable, subject: name)
      }
    }
    return t
  }

  /// `a`, `a.b`, `"quoted key".c`, with spaces around the dots and after the path.
  mutating func keyPath() throws(Failure) -> [String] {
    var path: [String] = []
    repeat {
      if !path.isEmpty {
        i += 1
        spaces()
      }
      guard path.count < Self.maxDepth else { throw Failure(reason: .tooDeep) }
      path.append(try key())
      spaces()
    } while peek == 0x2E
    return path
  }

  mutating func key() throws(Failure) -> String {
    switch peek {
    case 0x22?: return try basicString()
    case 0x27?: return try literalString()
    default:
      let start = i
      while let c = peek, Self.isBare(c) { i += 1 }
      if i == start {
        guard let c = peek, c != 0x0A, c != 0x3D, c != 0x5D else { throw Failure(reason: .expectedKey) }
        throw Failure(reason: .bareKey)
      }
      if let c = peek, c >= 0x80 || c < 0x20 && c != 0x09 && c != 0x0A && c != 0x0D {
        throw Failure(reason: .bareKey)
      }
      return String(decoding: b[start..<i], as: UTF8.self)
    }
  }

  static func isBare(_ c: UInt8) -> Bool {
    (0x41...0x5A).contains(c) || (0x61...0x7A).contains(c) || (0x30...0x39).contains(c) || c == 0x5F
      || c == 0x2D
  }

  mutating func value(depth: Int) throws(Failure) -> TOMLValue {
    switch peek {
    case 0x22?:
      if peek(1) == 0x22 && peek(2) == 0x22 { throw Failure(reason: .unsupported) }
      return .string(try basicString())
    case 0x27?:
      if peek(1) == 0x27 && peek(2) == 0x27 { throw Failure(reason: .unsupported) }
      return .string(try literalString())
    case 0x5B?: return try array(depth: depth + 1)
    case 0x7B?: throw Failure(reason: .unsupported)
    default: return try scalar()
    }
  }

  /// A list that is not closed is reported on the line it opens, and reading goes on after
  /// that line, so that one missing `]` does not take the settings below it along.
  mutating func array(depth: Int) throws(Failure) -> TOMLValue {
    let (startI, startLine) = (i, line)
    do {
      return try items(depth: depth)
    } catch  where line != startLine {
      i = b[startI...].firstIndex(of: 0x0A) ?? b.count
      line = startLine
      throw Failure(reason: .unclosedArray)
    }
  }

  mutating func items(depth: Int) throws(Failure) -> TOMLValue {
    guard depth <= Self.maxDepth else { throw Failure(reason: .tooDeep) }
    i += 1
    var items: [TOMLValue] = []
    while true {
      try blanks()
      if peek == 0x5D {
        i += 1
        return .array(items)
      }
      guard peek != nil else { throw Failure(reason: .unclosedArray) }
      items.append(try value(depth: depth))
      try blanks()
      switch peek {
      case 0x2C?: i += 1
      case 0x5D?: continue
      case nil: throw Failure(reason: .unclosedArray)
      default: throw Failure(reason: .unclosedArray)
      }
    }
  }

  /// Spaces, line ends and comments between the items of an array.
  mutating func blanks() throws(Failure) {
    while let c = peek {
      switch c {
      case 0x20, 0x09, 0x0D: i += 1
      case 0x0A:
        i += 1
        line += 1
      case 0x23: try comment()
      default: return
      }
    }
  }

  mutating func basicString() throws(Failure) -> String {
    i += 1
    var out: [UInt8] = []
    while true {
      guard let c = peek, c != 0x0A else { throw Failure(reason: .unclosedString) }
      i += 1
      switch c {
      case 0x22: return String(decoding: out, as: UTF8.self)
      case 0x5C:
        guard let e = peek else { throw Failure(reason: .unclosedString) }
        i += 1
        switch e {
        case 0x62: out.append(0x08)
        case 0x74: out.append(0x09)
        case 0x6E: out.append(0x0A)
        case 0x66: out.append(0x0C)
        case 0x72: out.append(0x0D)
        case 0x65: out.append(0x1B)
        case 0x22, 0x5C: out.append(e)
        case 0x75, 0x55:
          let n = e == 0x75 ? 4 : 8
          guard i + n <= b.count, let v = UInt32(String(decoding: b[i..<i + n], as: UTF8.self), radix: 16),
            let u = Unicode.Scalar(v)
          else { throw Failure(reason: .badEscape) }
          i += n
          out += Array(String(Character(u)).utf8)
        default: throw Failure(reason: .badEscape)
        }
      default:
        guard c >= 0x20 || c == 0x09, c != 0x7F else { throw Failure(reason: .controlCharacter) }
        out.append(c)
      }
    }
  }

  mutating func literalString() throws(Failure) -> String {
    i += 1
    let start = i
    while true {
      guard let c = peek, c != 0x0A else { throw Failure(reason: .unclosedString) }
      if c == 0x27 { break }
      guard c >= 0x20 || c == 0x09, c != 0x7F else { throw Failure(reason: .controlCharacter) }
      i += 1
    }
    i += 1
    return String(decoding: b[start..<i - 1], as: UTF8.self)
  }

  /// true, false, an integer (decimal, 0x, 0o, 0b, with `_` between digits) or a float.
  mutating func scalar() throws(Failure) -> TOMLValue {
    let start = i
    while let c = peek, c > 0x20, c != 0x2C, c != 0x5D, c != 0x23, c != 0x7F { i += 1 }
    let word = String(decoding: b[start..<i], as: UTF8.self)
    guard !word.isEmpty else { throw Failure(reason: .expectedValue) }
    if word == "true" { return .bool(true) }
    if word == "false" { return .bool(false) }
    if let v = Self.number(word) { return v }
    throw Failure(reason: .expectedValue)
  }

  static func number(_ word: String) -> TOMLValue? {
    for (prefix, radix) in [("0x", 16), ("0o", 8), ("0b", 2)] where word.hasPrefix(prefix) {
      let digits = word.dropFirst(2)
      guard underscoresBetweenDigits(digits) else { return nil }
      return Int(digits.filter { $0 != "_" }, radix: radix).map { .integer($0) }
    }
    let sign = word.first == "+" || word.first == "-" ? 1 : 0
    let body = word.dropFirst(sign)
    switch body {
    case "inf": return .float(word.first == "-" ? -.infinity : .infinity)
    case "nan": return .float(.nan)
    default: break
    }
    guard underscoresBetweenDigits(body), let first = body.first, first.isASCII, first.isNumber else {
      return nil
    }
    let plain = word.filter { $0 != "_" }
    // A leading zero is TOML's rule, and it keeps a date such as 2026-01-05 from being 2026.
    let digitsBefore = body.prefix { $0.isASCII && $0.isNumber }
    if digitsBefore.count > 1 && digitsBefore.first == "0" { return nil }
    if body.allSatisfy({ $0 == "_" || ($0.isASCII && $0.isNumber) }) {
      return Int(plain).map { .integer($0) }
    }
    guard body.allSatisfy({ $0.isASCII && ($0.isNumber || "_.eE+-".contains($0)) }),
      let d = Double(plain), d.isFinite
    else { return nil }
    let parts = body.split(separator: ".", omittingEmptySubsequences: false)
    if parts.count == 2, !(parts[1].first?.isNumber ?? false) { return nil }
    return .float(d)
  }

  static func underscoresBetweenDigits(_ s: Substring) -> Bool {
    let a = Array(s.utf8)
    for (k, c) in a.enumerated() where c == 0x5F {
      guard k > 0, k + 1 < a.count, isHexDigit(a[k - 1]), isHexDigit(a[k + 1]) else { return false }
    }
    return !a.isEmpty
  }

  static func isHexDigit(_ c: UInt8) -> Bool {
    (0x30...0x39).contains(c) || (0x41...0x46).contains(c) || (0x61...0x66).contains(c)
  }
}
