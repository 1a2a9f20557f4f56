import Dispatch

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A pointer handed to the workers of `inChunks`. Each worker writes only its own elements,
/// which is what makes sharing it safe.
struct Shared<T>: @unchecked Sendable {
  let base: UnsafeMutablePointer<T>
}

/// Runs `body(range)` over 0..<n in chunks, on every core.
func inChunks(_ n: Int, chunk: Int = 4096, _ body: @Sendable (Range<Int>) -> Void) {
  guard n > 0 else { return }
  DispatchQueue.concurrentPerform(iterations: (n + chunk - 1) / chunk) { k in
    body(k * chunk..<min(n, (k + 1) * chunk))
  }
}

/// The cores there are to spread work over.
let cores: Int = max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))

/// Runs `body(part, range)` over 0..<n cut into `parts` contiguous ranges, in order, one worker
/// each: for work whose every worker keeps its own tables (counts, histograms), which chunks
/// of a few thousand would make too many of.
func inParts(_ n: Int, parts: Int, _ body: @Sendable (Int, Range<Int>) -> Void) {
  guard parts > 0 else { return }
  DispatchQueue.concurrentPerform(iterations: parts) { p in
    body(p, n * p / parts..<n * (p + 1) / parts)
  }
}

/// Work done on a thread of its own while the caller does other work, for two jobs that each
/// leave a core idle part of their time: `value` waits for it. Only that thread writes the
/// result, and `value` reads it after the thread is done.
public final class Beside<T>: @unchecked Sendable {
  private let ended = DispatchGroup()
  private var result: T?

  public init(_ work: @escaping @Sendable () -> T) {
    DispatchQueue.global().async(group: ended) { self.result = work() }
  }

  public var value: T {
    ended.wait()
    return result!
  }
}
