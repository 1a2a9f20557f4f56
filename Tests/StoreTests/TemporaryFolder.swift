import Foundation
import XCTest

extension XCTestCase {
  /// A new empty folder under the system's temporary directory, removed when this test ends.
  func temporaryFolder(_ name: String) throws -> String {
    let folder = NSTemporaryDirectory() + "liuliang-\(name)-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    addTeardownBlock { try? FileManager.default.removeItem(atPath: folder) }
    return folder
  }
}
