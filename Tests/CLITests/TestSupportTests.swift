import Foundation
import LiuliangTestSupport
import XCTest

#if canImport(Glibc)
  import Glibc
#endif

/// The test support's own promises, on which every tmux and real-binary test relies when the
/// machine is busy.
final class TestSupportTests: XCTestCase {
  /// A reader that finds the exit file before the status is in it (the shell opens it, then
  /// writes) must wait for the status, not answer nil: on a busy machine that gap is wide.
  func testExitStatusWaitsForTheStatusItself() throws {
    guard TmuxSession.available else { throw XCTSkip("tmux is not installed") }
    let t = try TmuxSession(command: "sh -c 'sleep 1; exit 3'")
    try Data().write(to: t.exitFile)
    XCTAssertEqual(t.exitStatus(), 3)
  }

  /// Each hog burns a core until it is stopped, and stopping leaves no process behind.
  func testCPUHogsSpinUntilStopped() throws {
    let hogs = CPUHog.start(count: 2)
    XCTAssertEqual(hogs.count, 2)
    defer { CPUHog.stop(hogs) }
    func cpuTicks(_ pid: pid_t) -> Int {
      guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
        let close = stat.lastIndex(of: ")")
      else { return 0 }
      // After "pid (comm)": state is field 3, utime and stime are fields 14 and 15.
      let fields = stat[stat.index(after: close)...].split(separator: " ")
      return (Int(fields[11]) ?? 0) + (Int(fields[12]) ?? 0)
    }
    for pid in hogs {
      XCTAssertTrue(waitUntil { cpuTicks(pid) >= 20 }, "hog \(pid) is busy (0.2 s of CPU)")
    }
    CPUHog.stop(hogs)
    for pid in hogs { XCTAssertEqual(kill(pid, 0), -1, "hog \(pid) is gone") }
  }
}
