import Foundation
import XCTest

extension TmuxSession {
  /// The real dashboard on `store`, as of `today` (the demo's day unless told) and in `lang`
  /// (nil: the language the store and the environment choose).
  public static func dashboard(
    _ store: URL, today: String = "2026-11-16", lang: String? = "zh-Hans", width: Int = 80, height: Int = 24,
    env: [String: String] = [:]
  ) throws -> TmuxSession {
    let language = lang.map { " --lang \($0)" } ?? ""
    return try TmuxSession(
      command: "\(shellQuote(Repo.binary.path)) --data \(shellQuote(store.path)) --today \(today)\(language)",
      width: width, height: height, env: env)
  }

  /// Runs `line` on the dashboard's command line: `:`, the words, Enter.
  public func enterCommand(_ line: String) throws {
    try send(":")
    try type(line)
    try send("Enter")
  }

  /// Presses q and gives the status the program then exits with (nil if it never does).
  public func quit() throws -> Int32? {
    try send("q")
    return exitStatus()
  }
}

/// The lines `path` gained since it held `before`; a change to any earlier byte fails the test.
public func linesAdded(
  to path: URL, since before: String, file: StaticString = #filePath, line: UInt = #line
) throws -> [Substring] {
  let after = try String(contentsOf: path, encoding: .utf8)
  XCTAssertTrue(after.hasPrefix(before), "every earlier row unchanged", file: file, line: line)
  return after.dropFirst(before.count).split(separator: "\n")
}
