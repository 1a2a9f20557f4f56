/// Where each row of a file is, eight bytes a row instead of a `Range<Int>`'s sixteen: a
/// million customers and as many contacts are kept for the whole session. A row's start takes
/// the low 40 bits (a file of up to a terabyte) and its length the high 24; a row of 16 MB or
/// more has its length kept aside, by its start, which no other row shares.
struct RowSpans: Sendable {
  private var packed: [UInt64] = []
  private var long: [Int: Int] = [:]
  private static let startBits: UInt64 = 40
  private static let startMask: UInt64 = (1 << 40) - 1
  private static let longMark: UInt64 = (1 << 24) - 1

  init() {}

  init(_ ranges: [Range<Int>]) {
    packed.reserveCapacity(ranges.count)
    for r in ranges { append(r) }
  }

  var count: Int { packed.count }
  var isEmpty: Bool { packed.isEmpty }
  var last: Range<Int>? { packed.isEmpty ? nil : self[packed.count - 1] }

  subscript(i: Int) -> Range<Int> {
    get {
      let w = packed[i]
      let start = Int(w & RowSpans.startMask)
      let length = w >> RowSpans.startBits
      return start..<(start + (length == RowSpans.longMark ? long[start]! : Int(length)))
    }
    set {
      long[self[i].lowerBound] = nil
      packed[i] = pack(newValue)
    }
  }

  mutating func append(_ r: Range<Int>) { packed.append(pack(r)) }

  mutating func remove(at i: Int) -> Range<Int> {
    let r = self[i]
    packed.remove(at: i)
    long[r.lowerBound] = nil
    return r
  }

  mutating func removeLast(_ n: Int) {
    for _ in 0..<n { _ = remove(at: packed.count - 1) }
  }

  mutating func reserveCapacity(_ n: Int) { packed.reserveCapacity(n) }

  private mutating func pack(_ r: Range<Int>) -> UInt64 {
    precondition(UInt64(r.lowerBound) <= RowSpans.startMask, "a store file over a terabyte")
    var length = UInt64(r.count)
    if length >= RowSpans.longMark {
      long[r.lowerBound] = r.count
      length = RowSpans.longMark
    }
    return UInt64(r.lowerBound) | length << RowSpans.startBits
  }
}
