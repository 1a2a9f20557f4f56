import Dispatch
import LiuliangModel
import LiuliangStore

#if canImport(Glibc)
  import Glibc
#endif

/// The visit log read over several connections at once, each a range of row numbers, all in
/// the snapshot of the loading transaction: the log is most of a big chain's bytes, and the
/// server's CSV output of it takes longer than the client's reading, so the server's cores
/// share it. A small log is read over the loading connection alone.
enum VisitCopy {
  /// A log of fewer rows than this is not worth a second connection (the tests set it lower
  /// with `LIULIANG_COPY_PARTS_FROM` to read the demo in parts).
  static let parallelFrom: Int64 =
    getenv("LIULIANG_COPY_PARTS_FROM").flatMap { Int64(String(cString: $0)) } ?? 500_000

  /// One part's result, written by its own thread only.
  final class Part: @unchecked Sendable {
    var bytes: [UInt8] = []
    var failure: ServerFailure?
  }

  /// The bytes of `COPY (SELECT … FROM visits …)` with a header, in row order.
  static func read(_ c: Connection, url: String, columns: String, filter: String) throws(ServerFailure)
    -> [UInt8]
  {
    let bounds = try c.query("SELECT min(n), max(n) FROM visits WHERE true\(filter)")
    let lo = Int64(bounds.first?[0] ?? "") ?? 0
    let hi = Int64(bounds.first?[1] ?? "") ?? 0
    @Sendable func sql(_ from: Int64, _ to: Int64, header: Bool) -> String {
      "COPY (SELECT \(columns) FROM visits WHERE n BETWEEN \(from) AND \(to)\(filter) ORDER BY n) "
        + "TO STDOUT (FORMAT csv\(header ? ", HEADER" : ""))"
    }
    guard hi - lo >= parallelFrom else { return try c.copyOut(sql(lo, hi, header: true)) }
    guard let snapshot = try c.query("SELECT pg_export_snapshot()").first?[0] ?? nil else {
      return try c.copyOut(sql(lo, hi, header: true))
    }
    let count = 2
    let step = (hi - lo + 1 + Int64(count) - 1) / Int64(count)
    let parts = (0..<count).map { _ in Part() }
    DispatchQueue.concurrentPerform(iterations: count) { i in
      let from = lo + Int64(i) * step
      let to = min(hi, from + step - 1)
      do throws(ServerFailure) {
        let helper = try Connection(url)
        try helper.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        try helper.query("SET TRANSACTION SNAPSHOT '\(snapshot)'")
        try helper.query("SET jit = off")
        parts[i].bytes = try helper.copyOut(sql(from, to, header: i == 0))
        try helper.query("COMMIT")
      } catch {
        parts[i].failure = error
      }
    }
    if let f = parts.compactMap(\.failure).first { throw f }
    var out: [UInt8] = []
    out.reserveCapacity(parts.reduce(0) { $0 + $1.bytes.count })
    for p in parts { out += p.bytes }
    return out
  }
}
