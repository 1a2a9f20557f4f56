import LiuliangStringFunctions

/// Every user-facing string, looked up by key in `strings/<language>/*.txt` (one file per
/// area of the program, all merged).
///
/// The files are `key = value` lines, `#` comments; `\n` in a value is a newline and
/// `{1}`, `{2}` … are replaced by arguments. A key missing from a language falls back to
/// English, then to the key itself, so a gap shows up on screen instead of crashing.
public struct Text: Sendable {
  public let language: String
  let table: [String: String]
  let fallback: [String: String]

  public static let languages = ["zh-Hans", "en"]

  public init(language: String) {
    let lang = Text.normalize(language)
    self.language = lang
    table = Text.load(lang)
    fallback = lang == "en" ? [:] : Text.load("en")
  }

  /// Maps `zh`, `zh_CN.UTF-8`, `zh-Hans` … to zh-Hans; everything else to en.
  public static func normalize(_ code: String) -> String {
    code.lowercased().hasPrefix("zh") ? "zh-Hans" : "en"
  }

  /// The interface language, first found: `--lang`, `$LIULIANG_LANG`, shop.toml's
  /// `language`, the locale (the first of `LC_ALL`, `LC_MESSAGES`, `LANG` that starts with
  /// `zh` or `en`), else zh-Hans: a Chinese shop on a stock `LANG=C.UTF-8` server speaks
  /// Chinese.
  public static func choose(flag: String?, environment env: [String: String], shop: String?) -> String {
    if let f = flag, !f.isEmpty { return normalize(f) }
    if let e = env["LIULIANG_LANG"], !e.isEmpty { return normalize(e) }
    if let s = shop, !s.isEmpty { return normalize(s) }
    for key in ["LC_ALL", "LC_MESSAGES", "LANG"] {
      let v = (env[key] ?? "").lowercased()
      if v.hasPrefix("zh") { return "zh-Hans" }
      if v.hasPrefix("en") { return "en" }
    }
    return "zh-Hans"
  }

  public subscript(_ key: String) -> String { table[key] ?? fallback[key] ?? key }

  public func callAsFunction(_ key: String, _ args: CustomStringConvertible...) -> String {
    var s = self[key]
    for (i, a) in args.enumerated() { s = s.replacing("{\(i + 1)}", with: a.description) }
    return s
  }

  public func has(_ key: String) -> Bool { table[key] != nil }

  /// A sentence about `n` things: `key.one` when there is one and the language has it
  /// ("1 problem", not "1 problems"), else `key`; `n` is `{1}`, then `more`.
  public func counted(_ key: String, _ n: Int, _ more: CustomStringConvertible...) -> String {
    // Only this language's own form for one: English's would not fit another language.
    let k = n == 1 && table[key + ".one"] != nil ? key + ".one" : key
    var s = self[k]
    for (i, a) in ([n as CustomStringConvertible] + more).enumerated() {
      s = s.replacing("{\(i + 1)}", with: a.description)
    }
    return s
  }
  public var keys: Set<String> { Set(table.keys) }

  static func load(_ lang: String) -> [String: String] {
    let prefix = "strings/\(lang)/"
    var out: [String: String] = [:]
    for name in embeddedText.keys.sorted() where name.hasPrefix(prefix) {
      out.merge(parse(embeddedText[name]!)) { a, _ in a }
    }
    return out
  }

  static func parse(_ text: String) -> [String: String] {
    var out: [String: String] = [:]
    for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
      if line.hasPrefix("#") { continue }
      guard let eq = line.firstIndex(of: "=") else { continue }
      let key = String(line[..<eq]).trimmingWhitespace()
      var value = String(line[line.index(after: eq)...])
      if value.hasPrefix(" ") { value.removeFirst() }
      out[key] = value.replacing("\\n", with: "\n")
    }
    return out
  }

  /// A Moments template file's posts for a category, one per paragraph.
  public func templates(category: String) -> [String] {
    guard let text = embeddedText["templates/\(category).\(language).txt"] else { return [] }
    // Paragraphs are templates; `#` lines are notes for whoever edits the file.
    return text.split(separator: "\n\n", omittingEmptySubsequences: false).map { paragraph in
      paragraph.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("#") }
        .joined(separator: "\n").trimmingWhitespaceAndNewlines()
    }.filter { !$0.isEmpty }
  }
}
