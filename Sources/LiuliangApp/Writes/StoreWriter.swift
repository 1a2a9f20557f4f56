import Dispatch
import LiuliangModel
import LiuliangStore

/// The one thread that writes the store. Rewriting customers.csv of a million customers takes
/// seconds; done on the key path it froze the screen, so the dashboard hands each write here
/// and goes on reading keys. Writes run one at a time in the order given: the next one starts
/// only once the loop has taken in the last one's outcome, so a failure stops the queue before
/// anything behind it reaches the disk (those writes come back with the failure, as the
/// dashboard's runner always held them). Everything but the write in hand is touched only by
/// the loop's thread, and the loop touches the store only when nothing is in hand (`settle`).
public final class StoreWriter: @unchecked Sendable {
  private let store: any RecordStore
  private let queue = DispatchQueue(label: "liuliang.store-writer")
  private let ended = DispatchSemaphore(value: 0)
  /// The error of the write in hand, set on the writer's thread before `ended` is signalled
  /// and read on the loop's after waiting for it.
  private var failure: StoreError?
  /// The write under way on the writer's thread.
  public private(set) var inHand: Effect?
  /// Writes behind it, oldest first.
  public private(set) var waiting: [Effect] = []

  public init(_ store: any RecordStore) { self.store = store }

  /// Writes not yet done, the one in hand included.
  public var pending: Int { (inHand == nil ? 0 : 1) + waiting.count }

  /// Queues writes behind those pending; the first starts at once when none is in hand.
  public func submit(_ writes: [Effect]) {
    waiting += writes.filter(\.writes)
    startNext()
  }

  /// What happened to the write in hand.
  public struct Ended {
    public var effect: Effect
    /// Nil when it was written.
    public var error: StoreError?
    /// On a failure, the writes that were queued behind it, no longer queued.
    public var later: [Effect]
  }

  /// The write in hand once it has ended, waiting at most `ms` for it; nil while none is in
  /// hand or it is still under way. After a success the next queued write starts.
  public func finished(waitingMs ms: Int) -> Ended? {
    guard let effect = inHand else { return nil }
    guard ended.wait(timeout: .now() + .milliseconds(max(0, ms))) == .success else { return nil }
    inHand = nil
    if let error = failure {
      let later = waiting
      waiting = []
      return Ended(effect: effect, error: error, later: later)
    }
    startNext()
    return Ended(effect: effect, error: nil, later: [])
  }

  private func startNext() {
    guard inHand == nil, !waiting.isEmpty else { return }
    let effect = waiting.removeFirst()
    inHand = effect
    queue.async { [self] in
      failure = nil
      do throws(StoreError) {
        try Self.perform(effect, on: store)
      } catch {
        failure = error
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
