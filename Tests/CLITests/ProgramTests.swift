import Foundation
import LiuliangTestSupport
import XCTest

/// The program as a user gets it.
final class ProgramTests: XCTestCase {
  func testVersionIsOneLineOfThreeNumbers() throws {
    let r = try runLiuliang(["--version"])
    XCTAssertEqual(r.status, 0, r.stderr)
    XCTAssertNotNil(
      r.stdout.range(of: #"^[0-9]+\.[0-9]+\.[0-9]+\n$"#, options: .regularExpression),
      "--version: \(r.stdout.debugDescription)")
  }
}
