import LiuliangApp
import XCTest

/// The `:` command line splits words as a shell does, so a file name may hold spaces.
final class CommandWordsTests: XCTestCase {
  func run(_ line: String) -> [Effect] {
    var s = Demo.state()
    var effects = update(&s, .key(.char(":")))
    for c in line { effects += update(&s, .key(.char(c))) }
    return effects + update(&s, .key(.enter))
  }

  func testImportTakesQuotedAndEscapedPathsWithSpaces() {
    XCTAssertEqual(
      run("import \"/tmp/私域 名单.csv\" visits"), [.planImport(path: "/tmp/私域 名单.csv", kind: "visits")])
    XCTAssertEqual(run("import '/tmp/a b.csv'"), [.planImport(path: "/tmp/a b.csv", kind: "customers")])
    XCTAssertEqual(run("import /tmp/a\\ b.csv posts"), [.planImport(path: "/tmp/a b.csv", kind: "posts")])
    XCTAssertEqual(run("import  /tmp/plain.csv"), [.planImport(path: "/tmp/plain.csv", kind: "customers")])
  }

  func testWordsFollowTheShell() {
    XCTAssertEqual(Command.words("a  'b c' \"d\\\"e\" f\\ g ''"), ["a", "b c", "d\"e", "f g", ""])
    XCTAssertEqual(Command.words("'it''s'"), ["its"])
    XCTAssertEqual(Command.words(""), [])
  }
}
