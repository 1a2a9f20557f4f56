import Dispatch
import LiuliangModel
import LiuliangStore

#if canImport(Glibc)
  import Glibc
#endif

/// The one thread that writes the store. Rewriting customers.csv of a million customers takes
/// seconds; done on the key path it froze the screen, so the dashboard hands each write here
/// and goes on reading keys. Writes run one at a time in the order given, one after the other
/// without waiting for the loop (an import's thousand visits); the first that fails stops the
/// queue, and it comes back with every write still behind it — those handed in after the
/// failure too — untried, as the dashboard's runner always held them. The loop touches the
/// store itself only when nothing is queued (`DashboardLoop.settle`).
public final class StoreWriter: @unchecked Sendable {
  private let store: any RecordStore
  /// Guards the fields below, which both threads touch.
  private let guarded = DispatchQueue(label: "liuliang.store-writer.fields")
  /// Signalled each time a write ends, so that the loop can wait for one.
  private let ended = DispatchSemaphore(value: 0)
  /// Writes not yet done, the one in hand first (it leaves when it ends).
  private var queue: [Effect] = []
  /// Writes done since the loop last asked.
  private var written = 0
  /// The write that failed; while set the queue stands still.
  private var failure: (Effect, StoreError)?
  /// The writer's thread is working through the queue.
  private var running = false

  public init(_ store: any RecordStore) { self.store = store }

  /// Writes not yet done, the one in hand included, and a failed one until the loop has it.
  public var pending: Int { guarded.sync { queue.count + (failure == nil ? 0 : 1) } }

  /// Queues writes behind those pending, and starts them when the writer is idle.
  public func submit(_ writes: [Effect]) {
    let writes = writes.filter(\.writes)
    guard !writes.isEmpty else { return }
    let start = guarded.sync {
      queue += writes
      guard !running && failure == nil else { return false }
      running = true
      return true
    }
    if start { Self.spawn { [self] in work() } }
  }

  /// Runs `body` on a thread of its own that yields to the keys: the loop's thread, and the
  /// cores' workers it shares a frame's work with, go first when the cores are busy, and the
  /// write takes what is left. A thread of its own, since a pool thread made to yield would go
  /// on yielding in the frames' work it runs later.
  static func spawn(_ body: @escaping @Sendable () -> Void) {
    #if canImport(Glibc)
      final class Job: @unchecked Sendable {
        let body: @Sendable () -> Void
        init(_ body: @escaping @Sendable () -> Void) { self.body = body }
      }
      var id = pthread_t()
      let job = Unmanaged.passRetained(Job(body)).toOpaque()
      let made = pthread_create(
        &id, nil,
        { arg in
          // On Linux this is the calling thread's niceness, not the whole process's.
          _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 10)
          Unmanaged<Job>.fromOpaque(arg!).takeRetainedValue().body()
          return nil
        }, job)
      if made == 0 {
        pthread_detach(id)
      } else {
        // No thread to be had: the write still happens, on the pool.
        let job = Unmanaged<Job>.fromOpaque(job).takeRetainedValue()
        DispatchQueue.global().async { job.body() }
      }
    #else
      DispatchQueue.global(qos: .utility).async(execute: body)
    #endif
  }

  /// What ended since the loop last asked.
  public struct Ended {
    /// Writes done.
    public var written: Int
    /// The write that failed, its error, and the writes that were behind it, no longer queued.
    public var failed: (effect: Effect, error: StoreError, later: [Effect])?
  }

  /// What ended since the last call, waiting at most `ms` for a write to end when none has;
  /// nil when nothing did.
  public func finished(waitingMs ms: Int) -> Ended? {
    let deadline = DispatchTime.now() + .milliseconds(max(0, ms))
    // A signal can be left from an end already taken in: waiting goes on until one is found.
    while true {
      if let e = take() { return e }
      guard ms > 0, pending > 0 else { return nil }
      if ended.wait(timeout: deadline) == .timedOut { return take() }
    }
  }

  private func take() -> Ended? {
    guarded.sync {
      defer { written = 0 }
      if let (effect, error) = failure {
        let later = queue
        queue = []
        failure = nil
        return Ended(written: written, failed: (effect, error, later))
      }
      return written > 0 ? Ended(written: written, failed: nil) : nil
    }
  }

  private func work() {
    while let effect = guarded.sync(execute: { () -> Effect? in
      guard failure == nil, let first = queue.first else {
        running = false
        return nil
      }
      return first
    }) {
      var refused: StoreError?
      do throws(StoreError) {
        try Self.perform(effect, on: store)
      } catch {
        refused = error
      }
      guarded.sync {
        queue.removeFirst()
        if let refused { failure = (effect, refused) } else { written += 1 }
      }
      ended.signal()
    }
  }

  /// One write effect against the store; other effects write nothing.
  public static func perform(_ effect: Effect, on store: any RecordStore) throws(StoreError) {
    switch effect {
    case .save(let ds): try store.save(ds, overwrite: false)
    case .overwrite(let ds): try store.save(ds, overwrite: true)
    case .appendVisit(let v, let extra): try store.appendVisit(v, extra: extra)
    case .removeLastVisit: try store.removeLastAppendedVisit()
    default: break
    }
  }
}
