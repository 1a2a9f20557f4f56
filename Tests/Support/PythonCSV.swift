import Foundation

/// A CSV file as Python's csv module reads it (a BOM dropped, as Excel drops it): the reader
/// that spreadsheet-minded scripts use, not this project's own codec. Nil without python3.
public func pythonCSV(_ file: URL) throws -> [[String]]? {
  let script =
    "import csv,json,sys\nprint(json.dumps(list(csv.reader(open(sys.argv[1], encoding='utf-8-sig', newline='')))))"
  guard let out = try python(script, file.path) else { return nil }
  return try JSONDecoder().decode([[String]].self, from: Data(out.utf8))
}

/// What python3 prints for `script` run with `args`; nil without python3 or when it fails.
public func python(_ script: String, _ args: String...) throws -> String? {
  guard FileManager.default.isExecutableFile(atPath: "/usr/bin/python3") else { return nil }
  let p = Process()
  p.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
  p.arguments = ["-c", script] + args
  let out = Pipe()
  p.standardOutput = out
  try p.run()
  let data = out.fileHandleForReading.readDataToEndOfFile()
  p.waitUntilExit()
  guard p.terminationStatus == 0 else { return nil }
  return String(decoding: data, as: UTF8.self)
}
