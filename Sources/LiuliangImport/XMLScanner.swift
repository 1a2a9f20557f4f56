/// What a part's reader is told as the scanner walks its XML. Element names come without their
/// namespace prefix (some writers spell `c` as `x:c`); attribute names as written (`r:id`).
protocol XMLHandler: AnyObject {
  /// Whether the text now met is wanted: a sheet wants only its values', and text nobody
  /// wants is checked but never held.
  var wantsText: Bool { get }
  func start(_ name: String, _ attributes: [XMLAttribute]) throws(ImportError)
  func end(_ name: String) throws(ImportError)
  func text(_ text: String) throws(ImportError)
}

struct XMLAttribute {
  var name: String
  var value: String
}

extension [XMLAttribute] {
  subscript(_ name: String) -> String? { first { $0.name == name }?.value }
}

/// Why a part is not well-formed XML of the kind an xlsx holds. A DOCTYPE is refused outright:
/// it is how entities are declared, and so how a file reads others (XXE) or expands a few
/// bytes to gigabytes (billion laughs); no spreadsheet program writes one.
enum XMLFault: Error, Equatable {
  case doctype
  case malformed
}

/// A streaming reader of the XML an xlsx holds: elements, attributes, text, CDATA, comments and
/// processing instructions, the five predefined entities and numeric character references.
/// It reads one chunk at a time from `source`, holds only the open elements' names and the
/// token at hand, and stops at the first malformation with its line; it expands no entity it
/// was not born knowing, so no input makes it read a file or grow without bound.
struct XMLScanner {
  enum Stop: Error {
    case fault(XMLFault, line: Int)
    case failed(ImportError)
  }

  private let source: () throws(ImportError) -> [UInt8]?
  private var buffer: [UInt8] = []
  private var position = 0
  private var ended = false
  private(set) var line = 1
  private var open: [[UInt8]] = []
  private var text: [UInt8] = []

  /// Open elements, and bytes in one element's attribute values (all of them together): far
  /// beyond what an xlsx has, small enough that a crafted part costs nothing.
  static let maxDepth = 256
  static let maxToken = 1 << 20
  /// Text handed over in pieces of about this size, so one huge text node is never held whole.
  static let textPiece = 1 << 16

  init(source: @escaping () throws(ImportError) -> [UInt8]?) {
    self.source = source
  }

  // MARK: Bytes

  private mutating func peek() throws(Stop) -> UInt8? {
    while position == buffer.count {
      if ended { return nil }
      do {
        guard let next = try source() else {
          ended = true
          return nil
        }
        buffer = next
        position = 0
      } catch {
        throw .failed(error)
      }
    }
    return buffer[position]
  }

  private mutating func byte() throws(Stop) -> UInt8? {
    guard let b = try peek() else { return nil }
    position += 1
    if b == 0x0A { line += 1 }
    return b
  }

  private mutating func need() throws(Stop) -> UInt8 {
    guard let b = try byte() else { throw fault() }
    return b
  }

  private func fault(_ kind: XMLFault = .malformed) -> Stop { .fault(kind, line: line) }

  private mutating func expect(_ literal: String) throws(Stop) {
    for u in literal.utf8 where try need() != u { throw fault() }
  }

  private static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }

  private mutating func skipSpace() throws(Stop) {
    while let b = try peek(), XMLScanner.isSpace(b) { _ = try byte() }
  }

  /// Until and past `terminator` (`?>`, `-->`, `]]>`), each byte before it given to `each`,
  /// which says whether it may stand there; the last few bytes are held until they are known
  /// not to begin the terminator.
  private mutating func until(_ terminator: [UInt8], _ each: (UInt8) -> Bool = { _ in true }) throws(Stop) {
    var window: [UInt8] = []
    while true {
      window.append(try need())
      guard window.count == terminator.count else { continue }
      if window == terminator { return }
      guard each(window.removeFirst()) else { throw fault() }
    }
  }

  // MARK: The document

  /// Walks the whole part, telling `handler`; a malformation or the handler's refusal stops it.
  mutating func run(_ handler: XMLHandler) throws(Stop) {
    if try peek() == 0xEF { try expect("\u{FEFF}") }
    var rootSeen = false
    while true {
      try content(handler, inside: !open.isEmpty)
      guard let b = try byte() else { break }
      guard b == UInt8(ascii: "<") else { throw fault() }
      switch try need() {
      case UInt8(ascii: "?"):
        try until(Array("?>".utf8))
      case UInt8(ascii: "!"):
        try declaration(handler)
      case UInt8(ascii: "/"):
        let name = try self.name(first: try need())
        try skipSpace()
        guard try need() == UInt8(ascii: ">"), let top = open.popLast(), top == name else { throw fault() }
        try tell { () throws(ImportError) in try handler.end(XMLScanner.local(name)) }
      case let first:
        // One root: a second element after it is not a document.
        guard !(open.isEmpty && rootSeen) else { throw fault() }
        rootSeen = true
        try element(first, handler)
      }
    }
    guard rootSeen, open.isEmpty else { throw fault() }
  }

  /// Text up to the next `<` (or the end): outside the root only spaces; inside it, references
  /// resolved and, where wanted, handed over. Runs of plain bytes are taken from the chunk at
  /// once: most of a sheet's bytes pass here.
  private mutating func content(_ handler: XMLHandler, inside: Bool) throws(Stop) {
    let wanted = inside && handler.wantsText
    while try peek() != nil {
      let start = position
      var stop = start
      var lines = 0
      var bad = false
      buffer.withUnsafeBufferPointer { p in
        while stop < p.count {
          let b = p[stop]
          if b == UInt8(ascii: "<") || b == UInt8(ascii: "&") { break }
          if b < 0x20 {
            if b == 0x0A {
              lines += 1
            } else if b != 0x09 && b != 0x0D {
              bad = true
              break
            }
          } else if !inside && b != 0x20 {
            bad = true
            break
          }
          stop += 1
        }
      }
      if wanted { text += buffer[start..<stop] }
      position = stop
      line += lines
      if bad { throw fault() }
      if wanted && text.count >= XMLScanner.textPiece { try flush(handler, whole: false) }
      guard position < buffer.count else { continue }
      if buffer[position] == UInt8(ascii: "<") { break }
      position += 1
      guard inside else { throw fault() }
      let c = try reference()
      if wanted { text += String(c).utf8 }
    }
    if wanted { try flush(handler, whole: true) }
  }

  /// Hands the text held over; unless `whole`, only up to its last complete UTF-8 character.
  private mutating func flush(_ handler: XMLHandler, whole: Bool) throws(Stop) {
    guard !text.isEmpty else { return }
    var cut = text.count
    if !whole {
      var back = 0
      while back < 4, cut > 0, text[cut - 1] & 0xC0 == 0x80 {
        cut -= 1
        back += 1
      }
      if cut > 0, text[cut - 1] >= 0xC0 { cut -= 1 }
    }
    guard let s = String(validating: text[0..<cut], as: UTF8.self) else { throw fault() }
    text.removeSubrange(0..<cut)
    try tell { () throws(ImportError) in try handler.text(s) }
  }

  /// After `<!`: a comment, a CDATA section (its text taken as it stands), or a DOCTYPE,
  /// which is refused.
  private mutating func declaration(_ handler: XMLHandler) throws(Stop) {
    switch try need() {
    case UInt8(ascii: "-"):
      try expect("-")
      try until(Array("-->".utf8))
    case UInt8(ascii: "["):
      try expect("CDATA[")
      guard !open.isEmpty else { throw fault() }
      let wanted = handler.wantsText
      var piece: [UInt8] = []
      try until(Array("]]>".utf8)) { b in
        // A CDATA section is one text: held whole, so no longer than a sheet's text may be.
        if wanted { piece.append(b) }
        guard piece.count <= WorkbookLimits.cellTextBytes else { return false }
        return b >= 0x20 || XMLScanner.isSpace(b)
      }
      if wanted {
        text += piece
        try flush(handler, whole: true)
      }
    case UInt8(ascii: "D"):
      throw fault(.doctype)
    default:
      throw fault()
    }
  }

  /// After `<` and the name's first byte: the name, the attributes, and `>` or `/>`.
  private mutating func element(_ first: UInt8, _ handler: XMLHandler) throws(Stop) {
    let name = try self.name(first: first)
    var attributes: [XMLAttribute] = []
    var empty = false
    var held = 0
    while true {
      let spaced = try peek().map(XMLScanner.isSpace) ?? false
      try skipSpace()
      let b = try need()
      if b == UInt8(ascii: ">") { break }
      if b == UInt8(ascii: "/") {
        guard try need() == UInt8(ascii: ">") else { throw fault() }
        empty = true
        break
      }
      guard spaced, attributes.count < 1024 else { throw fault() }
      let key = try self.name(first: b)
      try skipSpace()
      guard try need() == UInt8(ascii: "=") else { throw fault() }
      try skipSpace()
      let quote = try need()
      guard quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else { throw fault() }
      var value: [UInt8] = []
      while true {
        let c = try need()
        if c == quote { break }
        switch c {
        case UInt8(ascii: "<"): throw fault()
        case UInt8(ascii: "&"): value += String(try reference()).utf8
        // Line ends and tabs in a value read as spaces, as XML says.
        case 0x09, 0x0A, 0x0D: value.append(0x20)
        case ..<0x20: throw fault()
        default: value.append(c)
        }
        guard held + value.count <= XMLScanner.maxToken else { throw fault() }
      }
      guard let k = String(validating: key, as: UTF8.self), let v = String(validating: value, as: UTF8.self),
        !attributes.contains(where: { $0.name == k })
      else { throw fault() }
      attributes.append(XMLAttribute(name: k, value: v))
      held += value.count + key.count
    }
    let local = XMLScanner.local(name)
    try tell { () throws(ImportError) in try handler.start(local, attributes) }
    if empty {
      try tell { () throws(ImportError) in try handler.end(local) }
    } else {
      guard open.count < XMLScanner.maxDepth else { throw fault() }
      open.append(name)
    }
  }

  /// A name from its first byte to the first space, `/`, `>` or `=`; a letter, `_`, `:` or a
  /// non-ASCII byte first, and no markup in it.
  private mutating func name(first: UInt8) throws(Stop) -> [UInt8] {
    let isStart =
      ((first | 0x20) >= UInt8(ascii: "a") && (first | 0x20) <= UInt8(ascii: "z"))
      || first == UInt8(ascii: "_")
      || first == UInt8(ascii: ":") || first >= 0x80
    guard isStart else { throw fault() }
    var name = [first]
    while let b = try peek(), !XMLScanner.isSpace(b), b != UInt8(ascii: "/"), b != UInt8(ascii: ">"),
      b != UInt8(ascii: "=")
    {
      guard b > 0x20, b != UInt8(ascii: "<"), b != UInt8(ascii: "&"), b != UInt8(ascii: "\""),
        b != UInt8(ascii: "'"), name.count < 1024
      else { throw fault() }
      name.append(b)
      _ = try byte()
    }
    guard String(validating: name, as: UTF8.self) != nil else { throw fault() }
    return name
  }

  /// After `&`: one of the five predefined entities or a character reference. Any other name
  /// would need a DTD, and a DTD is refused.
  private mutating func reference() throws(Stop) -> Character {
    var word: [UInt8] = []
    while true {
      let b = try need()
      if b == UInt8(ascii: ";") { break }
      guard word.count < 12 else { throw fault() }
      word.append(b)
    }
    switch String(decoding: word, as: UTF8.self) {
    case "lt": return "<"
    case "gt": return ">"
    case "amp": return "&"
    case "apos": return "'"
    case "quot": return "\""
    case let w where w.hasPrefix("#"):
      let hex = w.hasPrefix("#x")
      let digits = w.dropFirst(hex ? 2 : 1)
      guard !digits.isEmpty, digits.count <= 8, let n = UInt32(digits, radix: hex ? 16 : 10),
        XMLScanner.isChar(n), let scalar = Unicode.Scalar(n)
      else { throw fault() }
      return Character(scalar)
    default:
      throw fault()
    }
  }

  /// XML 1.0's Char: tab, line ends, and everything from space up but surrogates, U+FFFE, U+FFFF.
  static func isChar(_ n: UInt32) -> Bool {
    n == 0x9 || n == 0xA || n == 0xD || (0x20...0xD7FF).contains(n) || (0xE000...0xFFFD).contains(n)
      || (0x10000...0x10FFFF).contains(n)
  }

  static func local(_ name: [UInt8]) -> String {
    let colon = name.lastIndex(of: UInt8(ascii: ":")).map { $0 + 1 } ?? 0
    return String(decoding: name[colon...], as: UTF8.self)
  }

  private func tell(_ call: () throws(ImportError) -> Void) throws(Stop) {
    do {
      try call()
    } catch {
      throw .failed(error)
    }
  }
}
