/// Where each row of a file is, eight bytes a row instead of a `Range<Int>`'s sixteen: a
/// million customers and as many contacts are kept for the whole session. Rows are kept in
/// chunks of 1,024, each row's start counted from its chunk's first: after a rewrite that
/// changed a few rows, every other chunk is the old one moved, and is shared with the old
/// table rather than copied (`Builder`). A row's start within its chunk takes the low 40 bits
/// and its length the high 24; a row of 16 MB or more has its length kept aside.
struct RowSpans: Sendable {
  private static let shift = 10
  private static let size = 1 << shift
  private static let startMask: UInt64 = (1 << 40) - 1
  private static let longMark: UInt64 = (1 << 24) - 1

  private var chunks: [[UInt64]] = []
  /// Where in the file each chunk's starts count from.
  private var bases: [Int] = []
  /// The length of each row of 16 MB or more, by its chunk and its start in it.
  private var long: [Int: Int] = [:]
  private(set) var count = 0

  init() {}

  init(_ ranges: [Range<Int>]) {
    chunks.reserveCapacity(ranges.count >> RowSpans.shift + 1)
    for r in ranges { append(r) }
  }

  var isEmpty: Bool { count == 0 }
  var last: Range<Int>? { count == 0 ? nil : self[count - 1] }

  subscript(i: Int) -> Range<Int> {
    get {
      let k = i >> RowSpans.shift
      let w = chunks[k][i & (RowSpans.size - 1)]
      let start = Int(w & RowSpans.startMask)
      let length = w >> 40
      return
        (bases[k] + start)..<(bases[k] + start
        + (length == RowSpans.longMark ? long[k << 40 | start]! : Int(length)))
    }
    set {
      let k = i >> RowSpans.shift
      chunks[k][i & (RowSpans.size - 1)] = pack(newValue, chunk: k)
    }
  }

  mutating func append(_ r: Range<Int>) {
    if count & (RowSpans.size - 1) == 0 {
      chunks.append([])
      chunks[chunks.count - 1].reserveCapacity(RowSpans.size)
      bases.append(r.lowerBound)
    }
    let k = chunks.count - 1
    chunks[k].append(pack(r, chunk: k))
    count += 1
  }

  /// Whether chunk k is held in the same storage as `other`'s chunk k.
  func sharesChunk(_ k: Int, with other: RowSpans) -> Bool {
    chunks[k].withUnsafeBufferPointer { a in
      other.chunks[k].withUnsafeBufferPointer { $0.baseAddress == a.baseAddress }
    }
  }

  /// Takes row i out (a duplicate id at load): the rows after it are placed again.
  mutating func remove(at i: Int) -> Range<Int> {
    let r = self[i]
    let after = (i + 1..<count).map { self[$0] }
    removeLast(count - i)
    for a in after { append(a) }
    return r
  }

  mutating func removeLast(_ n: Int) {
    count -= n
    let kept = (count + RowSpans.size - 1) >> RowSpans.shift
    chunks.removeLast(chunks.count - kept)
    bases.removeLast(bases.count - kept)
    if kept > 0 { chunks[kept - 1].removeLast(chunks[kept - 1].count - (count - (kept - 1) * RowSpans.size)) }
  }

  private mutating func pack(_ r: Range<Int>, chunk k: Int) -> UInt64 {
    let start = r.lowerBound - bases[k]
    precondition(
      start >= 0 && UInt64(start) <= RowSpans.startMask, "a row before its chunk, or a terabyte after")
    var length = UInt64(r.count)
    if length >= RowSpans.longMark {
      long[k << 40 | start] = r.count
      length = RowSpans.longMark
    }
    return UInt64(start) | length << 40
  }

  /// The spans of a rewritten file, made row by row in file order: a chunk whose rows are
  /// the old chunk's, each moved by the same distance, is the old chunk itself.
  struct Builder {
    private let old: RowSpans
    private(set) var spans = RowSpans()
    private var pending: [UInt64] = []
    private var same = true

    init(sharingWith old: RowSpans) {
      self.old = old
      pending.reserveCapacity(RowSpans.size)
    }

    var count: Int { spans.count + pending.count }

    mutating func append(_ r: Range<Int>) {
      let j = count
      let k = j >> RowSpans.shift
      if pending.isEmpty { spans.bases.append(r.lowerBound) }
      let w = spans.pack(r, chunk: k)
      let at = j & (RowSpans.size - 1)
      if same {
        same =
          k < old.chunks.count && at < old.chunks[k].count && old.chunks[k][at] == w
          && (w >> 40 != RowSpans.longMark || old.long[k << 40 | Int(w & RowSpans.startMask)] == r.count)
      }
      pending.append(w)
      if pending.count == RowSpans.size { flush() }
    }

    mutating func finish() -> RowSpans {
      flush()
      return spans
    }

    private mutating func flush() {
      guard !pending.isEmpty else { return }
      let k = spans.chunks.count
      spans.chunks.append(same && old.chunks[k].count == pending.count ? old.chunks[k] : pending)
      spans.count += pending.count
      pending.removeAll(keepingCapacity: true)
      same = true
    }
  }
}
