import LiuliangRender

/// A JSON value whose objects keep their keys in the order given, so output reads the way
/// the documentation lists it and diffs stay stable.
public indirect enum JSON: Equatable, Sendable {
  case null
  case bool(Bool)
  case int(Int)
  case number(Double)
  case string(String)
  case array([JSON])
  case object([(String, JSON)])

  public static func == (a: JSON, b: JSON) -> Bool { a.serialized() == b.serialized() }

  public func serialized(indent: Int? = 2) -> String {
    var out = ""
    write(into: &out, indent: indent, level: 0)
    return out
  }

  private func write(into out: inout String, indent: Int?, level: Int) {
    let nl = indent == nil ? "" : "\n"
    func pad(_ l: Int) -> String { String(repeating: " ", count: (indent ?? 0) * l) }
    switch self {
    case .null: out += "null"
    case .bool(let b): out += b ? "true" : "false"
    case .int(let i): out += String(i)
    case .number(let d):
      if d.isFinite {
        // Shortest form that round-trips; whole numbers keep a decimal point off.
        out += d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : String(d)
      } else {
        out += "null"
      }
    case .string(let s): JSON.quote(s, into: &out)
    case .array(let items):
      if items.isEmpty {
        out += "[]"
        return
      }
      out += "[" + nl
      for (i, v) in items.enumerated() {
        out += pad(level + 1)
        v.write(into: &out, indent: indent, level: level + 1)
        out += (i + 1 < items.count ? "," : "") + nl
      }
      out += pad(level) + "]"
    case .object(let pairs):
      if pairs.isEmpty {
        out += "{}"
        return
      }
      out += "{" + nl
      for (i, (k, v)) in pairs.enumerated() {
        out += pad(level + 1)
        JSON.quote(k, into: &out)
        out += indent == nil ? ":" : ": "
        v.write(into: &out, indent: indent, level: level + 1)
        out += (i + 1 < pairs.count ? "," : "") + nl
      }
      out += pad(level) + "}"
    }
  }

  static func quote(_ s: String, into out: inout String) {
    out += "\""
    for u in s.unicodeScalars {
      switch u {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      default:
        // Below U+0020 is what JSON demands; DEL, C1 and the bidi controls too, so that a
        // name printed by `jq` or a log viewer cannot move the cursor or reverse a line.
        if Visible.isControl(u.value) {
          let h = String(u.value, radix: 16)
          out += "\\u" + String(repeating: "0", count: 4 - h.count) + h
        } else {
          out.unicodeScalars.append(u)
        }
      }
    }
    out += "\""
  }
}
