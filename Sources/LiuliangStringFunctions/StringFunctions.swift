#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

// The few `String` methods the program took from the whole of Foundation, which FoundationEssentials
// lacks: linking Foundation for them brings ICU's data, two thirds of the installed binary. Each
// gives what Foundation gave, to the scalar (the tests hold them to it).

extension String {
  /// `trimmingCharacters(in: .whitespaces)`: spaces (Unicode's Zs as Foundation lists them,
  /// with U+200B) and tabs cut from both ends, scalar by scalar as Foundation cuts them.
  public func trimmingWhitespace() -> String {
    trimmingScalars(Self.isWhitespace)
  }

  /// `trimmingCharacters(in: .whitespacesAndNewlines)`: also line feeds, CR, VT, FF, NEL and the
  /// line and paragraph separators.
  public func trimmingWhitespaceAndNewlines() -> String {
    trimmingScalars { Self.isWhitespace($0) || Self.isNewline($0) }
  }

  private func trimmingScalars(_ cut: (UInt32) -> Bool) -> String {
    let u = unicodeScalars
    guard let a = u.firstIndex(where: { !cut($0.value) }), let z = u.lastIndex(where: { !cut($0.value) })
    else {
      return ""
    }
    return a == u.startIndex && z == u.index(before: u.endIndex) ? self : String(u[a...z])
  }

  static func isWhitespace(_ v: UInt32) -> Bool {
    switch v {
    case 0x09, 0x20, 0xA0, 0x1680, 0x2000...0x200B, 0x202F, 0x205F, 0x3000: return true
    default: return false
    }
  }

  static func isNewline(_ v: UInt32) -> Bool {
    switch v {
    case 0x0A...0x0D, 0x85, 0x2028, 0x2029: return true
    default: return false
    }
  }

  /// `String(format: "%.<places>f", value)`: printf's own rounding and spelling (`-0.00`, `inf`).
  public init(fixed value: Double, places: Int) {
    self.init(printf: "%.\(Swift.max(0, places))f", value)
  }

  /// `String(format: "%.<digits>g", value)`: at most `digits` significant digits, E notation
  /// where printf uses it.
  public init(significant value: Double, digits: Int) {
    self.init(printf: "%.\(Swift.max(1, digits))g", value)
  }

  private init(printf format: String, _ value: Double) {
    var buffer = [CChar](repeating: 0, count: 64)
    let needed = withVaList([value]) { vsnprintf(&buffer, buffer.count, format, $0) }
    if needed >= buffer.count {
      buffer = [CChar](repeating: 0, count: Int(needed) + 1)
      _ = withVaList([value]) { vsnprintf(&buffer, buffer.count, format, $0) }
    }
    self = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }

  /// `NSString.deletingLastPathComponent`: `a/b/c.csv` → `a/b`, `/c.csv` → `/`, `c.csv` → ``;
  /// repeated and trailing slashes count as one. (Foundation's own traps on a one-letter name.)
  public var droppingLastPathComponent: String {
    let parts = split(separator: "/")
    let root = hasPrefix("/") ? "/" : ""
    guard parts.count > 1 else { return root }
    return root + parts.dropLast().joined(separator: "/")
  }
}
