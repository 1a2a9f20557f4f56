import Dispatch

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Substring search over every customer's name, the pinyin of the name (full `zhangwei` and
/// initials `zw`), phone, WeChat id, tags and notes; each hit says in which of them it is.
///
/// All records live in lowercased bytes, one line each, in pieces of consecutive customers, so
/// a search is one sweep over contiguous memory, the pieces shared out among the cores; a
/// query that extends the previous one only re-checks the previous matches when they are few.
/// That keeps a keystroke on a million customers inside a frame.
public struct SearchIndex: Sendable, Equatable {
  /// Records `first ..< first + count`.
  struct Piece: Sendable, Equatable {
    let first: Int
    let bytes: [UInt8]
    /// Start of record `first + i` in `bytes`; `starts[count]` is the end.
    let starts: [Int32]
    var count: Int { starts.count - 1 }
  }

  let pieces: [Piece]
  /// How often each byte occurs (roughly): a search scans for the needle's rarest byte, so
  /// that a Chinese character's common lead byte doesn't stop the scan at every name.
  let byteCounts: [Int]
  public let count: Int

  public init() {
    self.init(pieces: [], byteCounts: [Int](repeating: 0, count: 256))
  }

  init(pieces: [Piece], byteCounts: [Int]) {
    self.pieces = pieces
    self.byteCounts = byteCounts
    count = pieces.reduce(0) { $0 + $1.count }
  }

  /// Records whose text contains `query` (case-insensitive), in record order. When `within`
  /// is given (the matches of a prefix of this query, in record order), only those are checked.
  public func search(_ query: String, within: [Int32]? = nil) -> [Int32] {
    hits(query, within: within).records
  }

  /// As `search`, with the field each record's first match is in.
  public func hits(_ query: String, within: [Int32]? = nil) -> SearchHits {
    let needle = Array(query.lowercased().utf8)
    guard !needle.isEmpty else {
      return SearchHits(records: Array(0..<Int32(count)), kinds: [UInt8](repeating: 0, count: count))
    }
    let rare = needle.indices.min { byteCounts[Int(needle[$0])] < byteCounts[Int(needle[$1])] }!
    // Each piece's share of `within`, found by its bounds since `within` is in record order.
    let crossesRecords = needle.contains(0x0A)
    let cuts = within.map { within in
      pieces.reduce(into: [0]) {
        $0.append(Self.lowerBound(within, Int32($1.first + $1.count), from: $0.last!))
      }
    }
    var found = [SearchHits](repeating: SearchHits(), count: pieces.count)
    needle.withUnsafeBufferPointer { nd in
      let job = Needle(bytes: nd, rare: rare)
      found.withUnsafeMutableBufferPointer { out in
        let out = OutBox(base: out.baseAddress!)
        DispatchQueue.concurrentPerform(iterations: pieces.count) { k in
          if let within {
            let mine = within[cuts![k]..<cuts![k + 1]]
            // Re-checking scattered records costs a cache miss each; when many are left a sweep
            // of the whole piece is cheaper, and its hits are kept only if they were matches.
            // (Only a needle holding the newline could match across a record's end, which the
            // re-check never did.)
            if mine.count * 8 < pieces[k].count || crossesRecords {
              out.base[k] = pieces[k].filter(mine, job)
            } else {
              out.base[k] = Self.common(pieces[k].scan(job), mine)
            }
          } else {
            out.base[k] = pieces[k].scan(job)
          }
        }
      }
    }
    return Self.joined(found)
  }

  /// The first position in `a` (sorted) at or after `from` whose value is at least `v`.
  static func lowerBound(_ a: [Int32], _ v: Int32, from: Int) -> Int {
    var lo = from
    var hi = a.count
    while lo < hi {
      let mid = (lo + hi) / 2
      if a[mid] < v { lo = mid + 1 } else { hi = mid }
    }
    return lo
  }

  /// The hits of `a` whose records are in `b` (both sorted).
  static func common(_ a: SearchHits, _ b: ArraySlice<Int32>) -> SearchHits {
    var out = SearchHits()
    out.reserve(min(a.records.count, b.count))
    var j = b.startIndex
    for (k, v) in a.records.enumerated() {
      while j < b.endIndex && b[j] < v { j += 1 }
      if j < b.endIndex && b[j] == v { out.append(v, a.kinds[k]) }
    }
    return out
  }

  /// The pieces' hits one after another, in a single allocation.
  static func joined(_ parts: [SearchHits]) -> SearchHits {
    if parts.count == 1 { return parts[0] }
    var out = SearchHits()
    out.reserve(parts.reduce(0) { $0 + $1.records.count })
    for p in parts {
      out.records.append(contentsOf: p.records)
      out.kinds.append(contentsOf: p.kinds)
    }
    return out
  }

  struct Needle: @unchecked Sendable {
    let bytes: UnsafeBufferPointer<UInt8>
    /// Where in the needle its rarest byte is.
    let rare: Int
  }

  private struct OutBox: @unchecked Sendable {
    let base: UnsafeMutablePointer<SearchHits>
  }
}

/// Where a search found a customer, best first: the order a search lists its matches in.
/// The index holds each customer's fields in this order, so a record's first match is its best.
public enum SearchKind: UInt8, CaseIterable, Sendable {
  case name, pinyin, initials, phone, wechat, tags, notes

  /// The word the search line counts it under: a name found by its pinyin is a name found.
  public var group: SearchKind {
    switch self {
    case .name, .pinyin, .initials: return .name
    default: return self
    }
  }
}

/// Records in record order, and for each the field (a `SearchKind`'s raw value) of its first match.
public struct SearchHits: Sendable, Equatable {
  public var records: [Int32] = []
  public var kinds: [UInt8] = []

  public init(records: [Int32] = [], kinds: [UInt8] = []) {
    self.records = records
    self.kinds = kinds
  }

  mutating func reserve(_ n: Int) {
    records.reserveCapacity(n)
    kinds.reserveCapacity(n)
  }

  @inline(__always) mutating func append(_ r: Int32, _ kind: UInt8) {
    records.append(r)
    kinds.append(kind)
  }
}

extension SearchIndex.Piece {
  /// This piece's records holding the needle; after a hit the sweep goes on from the next
  /// record.
  func scan(_ job: SearchIndex.Needle) -> SearchHits {
    job.bytes.count == 1 ? scanByte(job) : scanPairs(job)
  }

  /// For a needle of two bytes or more: 32 positions at a time are tested for its first two
  /// bytes together, so that a digit or a Chinese lead byte, common as they are, rarely stops
  /// the sweep (stopping at each occurrence of one byte, as `memchr` does, takes twice as long).
  private func scanPairs(_ job: SearchIndex.Needle) -> SearchHits {
    var out = SearchHits()
    bytes.withUnsafeBufferPointer { hay in
      starts.withUnsafeBufferPointer { starts in
        guard let base = hay.baseAddress, let np = job.bytes.baseAddress else { return }
        let n = job.bytes.count
        let end = hay.count
        let b0 = np[0]
        let b1 = np[1]
        let a = SIMD16<UInt8>(repeating: b0)
        let b = SIMD16<UInt8>(repeating: b1)
        let raw = UnsafeRawPointer(base)
        var r = 0
        var i = 0
        while end - i >= n {
          if end - i >= 33 {
            let m0 =
              (raw.loadUnaligned(fromByteOffset: i, as: SIMD16<UInt8>.self) .== a)
              .& (raw.loadUnaligned(fromByteOffset: i + 1, as: SIMD16<UInt8>.self) .== b)
            let m1 =
              (raw.loadUnaligned(fromByteOffset: i + 16, as: SIMD16<UInt8>.self) .== a)
              .& (raw.loadUnaligned(fromByteOffset: i + 17, as: SIMD16<UInt8>.self) .== b)
            let w = unsafeBitCast(m0 .| m1, to: SIMD2<UInt64>.self)
            if w[0] | w[1] == 0 {
              i += 32
              continue
            }
          }
          let stop = min(i + 32, end - n + 1)
          var j = i
          while j < stop && !(base[j] == b0 && base[j + 1] == b1 && memcmp(base + j, np, n) == 0) { j += 1 }
          if j == stop {
            i = stop
            continue
          }
          while Int(starts[r + 1]) <= j { r += 1 }
          out.append(Int32(first + r), Self.field(base, from: Int(starts[r]), to: j, end: end))
          i = Int(starts[r + 1])
        }
      }
    }
    return out
  }

  /// For one byte: `memchr`, which a hit in nearly every record suits better.
  private func scanByte(_ job: SearchIndex.Needle) -> SearchHits {
    var out = SearchHits()
    bytes.withUnsafeBufferPointer { hay in
      starts.withUnsafeBufferPointer { starts in
        guard let base = hay.baseAddress, let np = job.bytes.baseAddress else { return }
        let n = job.bytes.count
        let rareByte = Int32(np[job.rare])
        var pos = 0
        let end = hay.count
        var r = 0
        while end - pos >= n {
          guard let hit = memchr(base + pos + job.rare, rareByte, end - pos - n + 1) else { break }
          let at = UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - base - job.rare
          if memcmp(base + at, np, n) == 0 {
            while Int(starts[r + 1]) <= at { r += 1 }
            out.append(Int32(first + r), Self.field(base, from: Int(starts[r]), to: at, end: end))
            pos = Int(starts[r + 1])
          } else {
            pos = at + 1
          }
        }
      }
    }
    return out
  }

  /// Those of `records` (in this piece, in order) that hold the needle.
  func filter(_ records: ArraySlice<Int32>, _ job: SearchIndex.Needle) -> SearchHits {
    var out = SearchHits()
    out.reserve(records.count)
    bytes.withUnsafeBufferPointer { hay in
      starts.withUnsafeBufferPointer { starts in
        guard let base = hay.baseAddress, let np = job.bytes.baseAddress else { return }
        let end = hay.count
        for g in records {
          let r = Int(g) - first
          if let at = Self.find(
            base, from: Int(starts[r]), to: Int(starts[r + 1]), np, job.bytes.count, rare: job.rare)
          {
            out.append(g, Self.field(base, from: Int(starts[r]), to: at, end: end))
          }
        }
      }
    }
    return out
  }

  /// Where the needle first occurs in [from, to), if it does. (glibc's memmem is a GNU
  /// extension that Swift's Glibc module does not show.)
  @inline(__always)
  static func find(
    _ base: UnsafePointer<UInt8>, from: Int, to: Int, _ np: UnsafePointer<UInt8>, _ n: Int, rare: Int
  ) -> Int? {
    var pos = from
    let key = Int32(np[rare])
    while to - pos >= n {
      guard let hit = memchr(base + pos + rare, key, to - pos - n + 1) else { return nil }
      let at = UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - base - rare
      if memcmp(base + at, np, n) == 0 { return at }
      pos = at + 1
    }
    return nil
  }

  /// The field a match at `at` is in: the unit separators between the record's start and it,
  /// counted sixteen bytes at a time (a hit on every record of a million must cost little more).
  @inline(__always)
  static func field(_ base: UnsafePointer<UInt8>, from: Int, to: Int, end: Int) -> UInt8 {
    let raw = UnsafeRawPointer(base)
    let unit = SIMD16<UInt8>(repeating: 0x1F)
    var n = 0
    var i = from
    while i < to {
      guard end - i >= 16 else {
        // The piece's last bytes, too few for a whole load.
        while i < to {
          if base[i] == 0x1F { n += 1 }
          i += 1
        }
        break
      }
      let m = unsafeBitCast(
        raw.loadUnaligned(fromByteOffset: i, as: SIMD16<UInt8>.self) .== unit, to: SIMD2<UInt64>.self)
      // Lanes at or past `to` are not counted: each lane is one byte of the two words.
      let rest = to - i
      let low = rest >= 8 ? UInt64.max : (UInt64(1) << (8 * UInt64(rest))) &- 1
      let high = rest >= 16 ? UInt64.max : rest <= 8 ? 0 : (UInt64(1) << (8 * UInt64(rest - 8))) &- 1
      n += ((m[0] & low).nonzeroBitCount + (m[1] & high).nonzeroBitCount) >> 3
      i += 16
    }
    return UInt8(min(n, Int(SearchKind.notes.rawValue)))
  }
}
