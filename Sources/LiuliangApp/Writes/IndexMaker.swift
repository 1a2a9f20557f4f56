import Dispatch
import LiuliangModel

/// The thread that makes a big pool's search index and sort orders (`IndexJob`) beside the
/// screen, one job at a time; a job asked while one runs replaces any still waiting, since
/// only the newest data's are worth making. What it made waits here until the loop takes it
/// into `update` (`DashboardLoop.collect`).
public final class IndexMaker: @unchecked Sendable {
  /// Guards the fields below, which both threads touch.
  private let guarded = DispatchQueue(label: "liuliang.index-maker.fields")
  /// Signalled each time a job ends.
  private let ended = DispatchSemaphore(value: 0)
  private var waiting: IndexJob?
  private var made: [MadeIndexes] = []
  private var running = false
  /// Called on the maker's thread before each job: tests hold a job there.
  private let before: (@Sendable (IndexJob) -> Void)?

  public init(before: (@Sendable (IndexJob) -> Void)? = nil) { self.before = before }

  /// A job under way or waiting, or made and not yet taken.
  public var busy: Bool { guarded.sync { running || !made.isEmpty } }

  public func start(_ job: IndexJob) {
    let go = guarded.sync {
      waiting = job
      guard !running else { return false }
      running = true
      return true
    }
    if go { StoreWriter.spawn { [self] in work() } }
  }

  /// What was made since the last call, waiting at most `ms` for a job to end when none has.
  public func finished(waitingMs ms: Int) -> [MadeIndexes] {
    let deadline = DispatchTime.now() + .milliseconds(max(0, ms))
    // A signal can be left from an end already taken in: waiting goes on until one is found.
    while true {
      let out = take()
      guard out.isEmpty, ms > 0, busy else { return out }
      if ended.wait(timeout: deadline) == .timedOut { return take() }
    }
  }

  private func take() -> [MadeIndexes] {
    guarded.sync {
      defer { made = [] }
      return made
    }
  }

  private func work() {
    while let job = guarded.sync(execute: { () -> IndexJob? in
      defer { waiting = nil }
      if waiting == nil { running = false }
      return waiting
    }) {
      before?(job)
      let m = job.run()
      guarded.sync { made.append(m) }
      ended.signal()
    }
  }
}

extension Effect {
  /// Whether the effect is a job for the index maker (see DashboardLoop).
  public var makesIndexes: Bool {
    if case .makeIndexes = self { return true }
    return false
  }
}
