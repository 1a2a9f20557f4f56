import Dispatch
import LiuliangModel
import LiuliangStore

#if canImport(Glibc)
  import Glibc
#endif

/// A big chain read over several connections at once, all in the snapshot of the loading
/// transaction: the server's output of the tables takes longer than the client's reading of it,
/// so the server's cores share it, and the loading connection meanwhile reads the small tables.
/// The visit log, most of the bytes, is read as two ranges of row numbers.
enum ChainRead {
  /// A log of fewer rows than this is not worth more connections (the tests set it lower with
  /// `LIULIANG_COPY_PARTS_FROM` to read the demo in parts).
  static let parallelFrom: Int64 =
    getenv("LIULIANG_COPY_PARTS_FROM").flatMap { Int64(String(cString: $0)) } ?? 500_000

  /// One helper connection's statements and their bytes, written by its own thread only.
  final class Job: @unchecked Sendable {
    let statements: [String]
    var bytes: [[UInt8]] = []
    var failure: ServerFailure?
    init(_ statements: [String]) { self.statements = statements }
  }

  /// Starts each job on a connection of its own in the exported `snapshot`; `wait` gives their
  /// bytes once all are done, or the first failure.
  static func start(_ jobs: [Job], url: String, snapshot: String) -> DispatchGroup {
    let group = DispatchGroup()
    for job in jobs {
      DispatchQueue.global().async(group: group) {
        do throws(ServerFailure) {
          let helper = try Connection(url)
          try helper.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
          try helper.query("SET TRANSACTION SNAPSHOT '\(snapshot)'")
          try helper.query("SET jit = off")
          for sql in job.statements { job.bytes.append(try helper.copyOut(sql)) }
          try helper.query("COMMIT")
        } catch {
          job.failure = error
        }
      }
    }
    return group
  }

  static func wait(_ group: DispatchGroup, _ jobs: [Job]) throws(ServerFailure) {
    group.wait()
    if let f = jobs.compactMap(\.failure).first { throw f }
  }
}

/// COPY's text format: the rows of one column, each as its bytes and a line feed. Only a
/// backslash, a tab or a line break in a value is escaped (a backslash before it), so a log
/// without any is already the file's bytes.
enum TextCopy {
  static func unescaped(_ bytes: [UInt8]) -> [UInt8] {
    guard bytes.contains(UInt8(ascii: "\\")) else { return bytes }
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count)
    var i = 0
    while i < bytes.count {
      let b = bytes[i]
      guard b == UInt8(ascii: "\\"), i + 1 < bytes.count else {
        out.append(b)
        i += 1
        continue
      }
      let e = bytes[i + 1]
      switch e {
      case UInt8(ascii: "n"): out.append(10)
      case UInt8(ascii: "r"): out.append(13)
      case UInt8(ascii: "t"): out.append(9)
      case UInt8(ascii: "b"): out.append(8)
      case UInt8(ascii: "f"): out.append(12)
      case UInt8(ascii: "v"): out.append(11)
      default: out.append(e)
      }
      i += 2
    }
    return out
  }
}
