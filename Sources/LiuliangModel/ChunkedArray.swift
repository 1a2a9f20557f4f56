/// An array kept as chunks of 1,024 elements, each copied on write by itself.
///
/// The customer list of a chain is a million records (150 MB). The dashboard, the store and
/// every step of the undo history hold a copy of it; with one flat array, changing one
/// customer's notes would copy all of them once more and the history would keep each copy.
/// Here a change copies the one chunk it touches, and two copies that share a chunk compare
/// it without looking inside. An array it is made from is cut into slices of its own storage,
/// not copied: a million loaded customers are not held twice while they are cut.
public struct ChunkedArray<Element> {
  static var shift: Int { 10 }
  static var chunkSize: Int { 1 << shift }

  /// Every chunk but the last holds exactly `chunkSize` elements. A chunk's indexes start
  /// where it lies in the array it was cut from (see `init(_:)`).
  var chunks: [ArraySlice<Element>] = []
  public private(set) var count = 0

  public init() {}

  public init(_ elements: some Sequence<Element>) {
    for e in elements { append(e) }
  }

  /// The array cut into chunks that are slices of its storage: nothing is copied, and a
  /// chunk gets storage of its own when it is first changed.
  public init(_ elements: [Element]) {
    chunks.reserveCapacity((elements.count + Self.chunkSize - 1) >> Self.shift)
    for lo in stride(from: 0, to: elements.count, by: Self.chunkSize) {
      chunks.append(elements[lo..<Swift.min(elements.count, lo + Self.chunkSize)])
    }
    count = elements.count
  }

  public mutating func append(_ e: Element) {
    if count & (Self.chunkSize - 1) == 0 {
      var chunk: ArraySlice<Element> = []
      chunk.reserveCapacity(Self.chunkSize)
      chunks.append(chunk)
    }
    chunks[chunks.count - 1].append(e)
    count += 1
  }

  /// Whether both hold chunk `k` in the same storage, so that it holds the same elements.
  func sharesChunk(_ k: Int, with other: ChunkedArray<Element>) -> Bool {
    guard k < chunks.count, k < other.chunks.count, chunks[k].count == other.chunks[k].count else {
      return false
    }
    return chunks[k].withUnsafeBufferPointer { a in
      other.chunks[k].withUnsafeBufferPointer { b in a.baseAddress == b.baseAddress }
    }
  }

  /// Calls `body` with each index in `range`, in order, and where its element lies in memory,
  /// valid inside `body`. Reading a field there reads that field alone: an element read through
  /// the subscript or passed by value is copied whole, which for a customer counts a reference
  /// to each of its strings and lets it go again — most of a walk's time over a million.
  public func forEachAt(in range: Range<Int>? = nil, _ body: (Int, UnsafePointer<Element>) throws -> Void)
    rethrows
  {
    let range = range ?? 0..<count
    guard !range.isEmpty else { return }
    precondition(range.lowerBound >= 0 && range.upperBound <= count, "range out of bounds")
    for k in range.lowerBound >> Self.shift...(range.upperBound - 1) >> Self.shift {
      let first = k << Self.shift
      let lo = Swift.max(range.lowerBound, first) - first
      let hi = Swift.min(range.upperBound, first + chunks[k].count) - first
      try chunks[k].withUnsafeBufferPointer { b in
        for j in lo..<hi { try body(first + j, b.baseAddress! + j) }
      }
    }
  }

  /// `transform` of where each element lies, in order (see `forEachAt`).
  public func mapAt<T>(_ transform: (UnsafePointer<Element>) throws -> T) rethrows -> [T] {
    var out: [T] = []
    out.reserveCapacity(count)
    try forEachAt { _, e in out.append(try transform(e)) }
    return out
  }

  /// `body` of where element i lies (see `forEachAt`).
  public func at<R>(_ i: Int, _ body: (UnsafePointer<Element>) throws -> R) rethrows -> R {
    precondition(i >= 0 && i < count, "index out of range")
    return try chunks[i >> Self.shift].withUnsafeBufferPointer {
      try body($0.baseAddress! + (i & (Self.chunkSize - 1)))
    }
  }

  /// The ranges of indexes whose chunks this and `other` do not share: outside them the two
  /// hold the same elements.
  public func unsharedRanges(with other: ChunkedArray<Element>) -> [Range<Int>] {
    var out: [Range<Int>] = []
    let n = Swift.max(count, other.count)
    var k = 0
    while k * Self.chunkSize < n {
      if !sharesChunk(k, with: other) {
        let r = k * Self.chunkSize..<Swift.min(n, (k + 1) * Self.chunkSize)
        if let last = out.last, last.upperBound == r.lowerBound {
          out[out.count - 1] = last.lowerBound..<r.upperBound
        } else {
          out.append(r)
        }
      }
      k += 1
    }
    return out
  }
}

extension ChunkedArray: RandomAccessCollection, MutableCollection {
  public var startIndex: Int { 0 }
  public var endIndex: Int { count }

  public subscript(i: Int) -> Element {
    get {
      precondition(i >= 0 && i < count, "index out of range")
      let k = i >> Self.shift
      return chunks[k][chunks[k].startIndex + (i & (Self.chunkSize - 1))]
    }
    _modify {
      precondition(i >= 0 && i < count, "index out of range")
      let k = i >> Self.shift
      let at = chunks[k].startIndex + (i & (Self.chunkSize - 1))
      yield &chunks[k][at]
    }
  }
}

extension ChunkedArray: RangeReplaceableCollection {
  /// Removing or inserting in the middle moves every later element: the chunks from there on
  /// are made again (customers are deleted one at a time, and seldom).
  public mutating func replaceSubrange<C: Collection>(_ range: Range<Int>, with new: C)
  where C.Element == Element {
    let firstChunk = range.lowerBound >> Self.shift
    let tail = Array(self[range.upperBound...])
    let head = Array(self[firstChunk << Self.shift..<range.lowerBound])
    chunks.removeSubrange(firstChunk...)
    count = firstChunk << Self.shift
    for e in head { append(e) }
    for e in new { append(e) }
    for e in tail { append(e) }
  }

  public mutating func reserveCapacity(_ n: Int) {
    chunks.reserveCapacity((n + Self.chunkSize - 1) >> Self.shift)
  }
}

extension ChunkedArray: ExpressibleByArrayLiteral {
  public init(arrayLiteral elements: Element...) { self.init(elements) }
}

extension ChunkedArray: Equatable where Element: Equatable {
  public static func == (a: ChunkedArray, b: ChunkedArray) -> Bool {
    guard a.count == b.count else { return false }
    for k in a.chunks.indices where !a.sharesChunk(k, with: b) && a.chunks[k] != b.chunks[k] { return false }
    return true
  }
}

extension ChunkedArray: Hashable where Element: Hashable {
  public func hash(into h: inout Hasher) {
    h.combine(count)
    for e in self { h.combine(e) }
  }
}

extension ChunkedArray: Sendable where Element: Sendable {}
