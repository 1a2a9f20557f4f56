import Foundation
import XCTest

/// The strings files merge line by line (see .gitattributes): a key changed on two sides would
/// come back twice, and the older line could win. Every key is written once per language.
final class StringsFileTests: XCTestCase {
  func testNoKeyIsWrittenTwice() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("Resources/strings")
    let fm = FileManager.default
    var checked = 0
    for lang in try fm.contentsOfDirectory(atPath: root.path) {
      var seen: [String: String] = [:]
      let dir = root.appendingPathComponent(lang)
      for file in try fm.contentsOfDirectory(atPath: dir.path).sorted() where file.hasSuffix(".txt") {
        let text = try String(contentsOf: dir.appendingPathComponent(file), encoding: .utf8)
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
          guard let eq = line.range(of: " = ") else { continue }
          let key = String(line[..<eq.lowerBound])
          XCTAssertNil(seen[key], "\(lang): \(key) in \(file) and \(seen[key] ?? "")")
          seen[key] = file
          checked += 1
        }
      }
    }
    XCTAssertGreaterThan(checked, 500)
  }
}
