import Dispatch

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
