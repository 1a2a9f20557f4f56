import LiuliangModel

/// messages.toml: the shop's own message templates, one string per contact kind
/// (`win_back = "…"`), each overriding the one in Resources. A key that is no kind, or a value
/// that is no string, is a problem with its line; the others still count. Read with the
/// store's own TOML reader, like shop.toml.
public enum MessagesFile {
  public static let name = "messages.toml"

  public static func parse(_ text: String) -> ([ContactKind: String], [Problem]) {
    var out: [ContactKind: String] = [:]
    let (table, errors) = TOML.parse(text)
    var problems = errors.map {
      Problem(file: name, line: $0.line, kind: .badTOML($0.reason, subject: $0.subject))
    }
    for key in table.keys.sorted() {
      guard let v = table[key] else { continue }
      if let kind = ContactKind(rawValue: key), let s = v.string {
        out[kind] = s
      } else {
        problems.append(
          Problem(file: name, line: table.line(of: key), kind: .badSetting(key: key, value: "\(v)")))
      }
    }
    return (out, problems)
  }

  /// The file for these templates, kinds in their usual order.
  public static func text(_ messages: [ContactKind: String]) -> String {
    var out = ""
    for k in ContactKind.allCases {
      guard let m = messages[k] else { continue }
      out += k.rawValue + " = " + quoted(m) + "\n"
    }
    return out
  }

  static func quoted(_ s: String) -> String {
    var out = "\""
    for ch in s.unicodeScalars {
      switch ch {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\t": out += "\\t"
      default: out.unicodeScalars.append(ch)
      }
    }
    return out + "\""
  }
}
