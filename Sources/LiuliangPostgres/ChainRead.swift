import Dispatch
import LiuliangModel
import LiuliangStore

#if canImport(Glibc)
  import Glibc
#endif

/// A big chain read over several connections at once, all in the snapshot of the loading
/// transaction: the server's output of the tables takes longer than the client's reading of it,
/// so the server's cores share it, and the loading connection meanwhile reads the small tables.
/// The visit log, most of the bytes, is read as two ranges of row numbers, and the customers
/// are decoded while it arrives.
enum ChainRead {
  /// A log of fewer rows than this is not worth more connections (the tests set it lower with
  /// `LIULIANG_COPY_PARTS_FROM` to read the demo in parts).
  static let parallelFrom: Int64 =
    getenv("LIULIANG_COPY_PARTS_FROM").flatMap { Int64(String(cString: $0)) } ?? 500_000

  /// One helper connection's statements and their bytes, written by its own thread only. The
  /// first statement's bytes follow `prefix` (the file's header) in a buffer of `capacity`.
  final class Job: @unchecked Sendable {
    let statements: [String]
    var bytes: [[UInt8]] = []
    var failure: ServerFailure?
    let done = DispatchGroup()
    init(_ statements: [String], prefix: [UInt8] = [], capacity: Int = 0) {
      self.statements = statements
      var first = prefix
      first.reserveCapacity(capacity)
      bytes = [first] + statements.dropFirst().map { _ in [] }
    }

    /// Runs the statements on `c`.
    func run(_ c: Connection) throws(ServerFailure) {
      for i in statements.indices { try c.copyOut(statements[i], appendingTo: &bytes[i]) }
    }

    /// Waits for the job's thread; its failure, if any.
    func wait() throws(ServerFailure) {
      done.wait()
      if let failure { throw failure }
    }
  }

  /// Starts each job on a connection of its own in the exported `snapshot`.
  static func start(_ jobs: [Job], url: String, snapshot: String) {
    for job in jobs {
      DispatchQueue.global().async(group: job.done) {
        do throws(ServerFailure) {
          let helper = try Connection(url)
          try helper.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
          try helper.query("SET TRANSACTION SNAPSHOT '\(snapshot)'")
          try helper.query("SET jit = off")
          try job.run(helper)
          try helper.query("COMMIT")
        } catch {
          job.failure = error
        }
      }
    }
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
