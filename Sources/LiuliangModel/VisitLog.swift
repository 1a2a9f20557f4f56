import Dispatch

/// The visit log: a value that reads like `[Visit]`, whose copies share one append-only buffer.
///
/// A chain's log holds ten million visits (300 MB). The dashboard, the store and the undo
/// history each keep a copy of the dataset; with an ordinary array, logging one visit would
/// copy the whole log once for every copy that still refers to it. Here each value sees the
/// first `count` visits of the shared buffer, so appending past every copy's end, or
/// re-appending the visit a copy already has at that place (what the store does after the
/// dashboard), changes nothing another value can see. Any other change (an edit in place, an
/// append that differs from what the buffer holds there) copies first, as an array would.
public struct VisitLog: Sendable {
  /// Appended to and read on one thread at a time: the dashboard's update and the store's
  /// writes run in turn, and the workers that read the log during a computation finish before
  /// the next change (`DispatchQueue.concurrentPerform` returns only then).
  final class Buffer: @unchecked Sendable {
    var visits: [Visit]
    init(_ visits: [Visit]) { self.visits = visits }
  }

  var buffer: Buffer
  public private(set) var count: Int

  public init() {
    buffer = Buffer([])
    count = 0
  }

  public init(_ visits: [Visit]) {
    buffer = Buffer(visits)
    count = visits.count
  }

  /// A buffer of our own holding exactly our visits, before a change others must not see.
  private mutating func makeUnique(reservingCapacity extra: Int = 0) {
    if isKnownUniquelyReferenced(&buffer) {
      if buffer.visits.count > count { buffer.visits.removeSubrange(count...) }
      return
    }
    var own: [Visit] = []
    own.reserveCapacity(count + extra)
    own.append(contentsOf: buffer.visits[..<count])
    buffer = Buffer(own)
  }

  public mutating func append(_ v: Visit) {
    if buffer.visits.count == count {
      buffer.visits.append(v)
    } else if buffer.visits[count] != v {
      makeUnique(reservingCapacity: 1)
      buffer.visits.append(v)
    }
    count += 1
  }

  public mutating func append(contentsOf vs: some Sequence<Visit>) {
    for v in vs { append(v) }
  }

  /// Forgets the newest visit; the buffer keeps it for copies that still see it.
  @discardableResult
  public mutating func removeLast() -> Visit {
    precondition(count > 0, "removeLast on an empty visit log")
    count -= 1
    return buffer.visits[count]
  }

  /// Forgets the newest k visits.
  public mutating func removeLast(_ k: Int) {
    precondition(k >= 0 && k <= count, "removeLast beyond the visit log")
    count -= k
  }

  public mutating func removeAll() { self = VisitLog() }

  public mutating func reserveCapacity(_ n: Int) {
    makeUnique(reservingCapacity: Swift.max(0, n - count))
    buffer.visits.reserveCapacity(n)
  }

  /// The visits as contiguous memory, for the passes over ten million of them.
  public func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Visit>) throws -> R) rethrows -> R {
    try buffer.visits.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[..<count])) }
  }
}

extension VisitLog {
  /// Where one customer's visits are in the log, in log order: one pass, on both cores (the
  /// log of a chain is ten million visits, and the detail view asks when it opens).
  public func indexes(of customer: Int32) -> [Int] {
    withUnsafeBufferPointer { all in
      guard let base = all.baseAddress else { return [] }
      let visits = Shared(base: UnsafeMutablePointer(mutating: base))
      let n = all.count
      let half = n / 2
      let found = Halves()
      DispatchQueue.concurrentPerform(iterations: 2) { k in
        let range = k == 0 ? 0..<half : half..<n
        var out: [Int] = []
        for i in range where visits.base[i].customer == customer { out.append(i) }
        if k == 0 { found.first = out } else { found.second = out }
      }
      return found.first + found.second
    }
  }

  /// Each worker sets only its own half; both are read after both are done.
  private final class Halves: @unchecked Sendable {
    var first: [Int] = []
    var second: [Int] = []
  }
}

extension VisitLog: RandomAccessCollection, MutableCollection {
  public var startIndex: Int { 0 }
  public var endIndex: Int { count }

  public subscript(i: Int) -> Visit {
    get {
      precondition(i >= 0 && i < count, "visit index out of range")
      return buffer.visits[i]
    }
    set {
      precondition(i >= 0 && i < count, "visit index out of range")
      makeUnique()
      buffer.visits[i] = newValue
    }
  }
}

extension VisitLog: ExpressibleByArrayLiteral, Equatable {
  public init(arrayLiteral visits: Visit...) { self.init(visits) }

  public static func == (a: VisitLog, b: VisitLog) -> Bool {
    a.count == b.count && (a.buffer === b.buffer || a.elementsEqual(b))
  }
}
