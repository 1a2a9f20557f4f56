import Foundation

// embed-text ROOT OUTPUT FILE…: writes OUTPUT, a Swift file holding each FILE's text keyed by
// its path under ROOT. Text goes in as an escaped string literal: an array of bytes this size
// takes the compiler far longer.
let args = CommandLine.arguments
guard args.count >= 3 else {
  FileHandle.standardError.write(Data("usage: embed-text ROOT OUTPUT FILE…\n".utf8))
  exit(2)
}
let root = URL(fileURLWithPath: args[1]).standardizedFileURL.path + "/"

func literal(_ text: String) -> String {
  var out = "\""
  for s in text.unicodeScalars {
    switch s {
    case "\\": out += "\\\\"
    case "\"": out += "\\\""
    case "\n": out += "\\n"
    case "\r": out += "\\r"
    case "\t": out += "\\t"
    case _ where s.value < 0x20 || s.value == 0x7f: out += "\\u{\(String(s.value, radix: 16))}"
    default: out.unicodeScalars.append(s)
    }
  }
  return out + "\""
}

var entries: [(String, String)] = []
for path in args[3...] {
  let full = URL(fileURLWithPath: path).standardizedFileURL.path
  guard let data = FileManager.default.contents(atPath: full), let text = String(data: data, encoding: .utf8)
  else {
    FileHandle.standardError.write(Data("\(full): not readable as UTF-8 text\n".utf8))
    exit(1)
  }
  entries.append((full.hasPrefix(root) ? String(full.dropFirst(root.count)) : full, text))
}
entries.sort { $0.0 < $1.0 }
var swift = "// Generated at build time from this target's .txt files; edit those instead.\n\n"
swift += "/// Each text file of the target, by its path inside the target's folder.\n"
swift += "let embeddedText: [String: String] = [\n"
for (key, text) in entries { swift += "  \(literal(key)): \(literal(text)),\n" }
if entries.isEmpty { swift += "  :\n" }
swift += "]\n"
do {
  try swift.write(toFile: args[2], atomically: true, encoding: .utf8)
} catch {
  FileHandle.standardError.write(Data("\(args[2]): \(error)\n".utf8))
  exit(1)
}
