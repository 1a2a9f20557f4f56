import Dispatch

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Substring search over every customer's name, WeChat id, phone, tags, notes and the pinyin
/// of the name (full `zhangwei` and initials `zw`).
///
/// All records live in lowercased bytes, one line each, in pieces of consecutive customers, so
/// a search is one sweep over contiguous memory, the pieces shared out among the cores; a
/// query that extends the previous one only re-checks the previous matches when they are few.
/// That keeps a keystroke on a million customers inside a frame.
public struct SearchIndex: Sendable {
  /// Records `first ..< first + count`.
  struct Piece: Sendable {
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
    let needle = Array(query.lowercased().utf8)
    guard !needle.isEmpty else { return Array(0..<Int32(count)) }
    let rare = needle.indices.min { byteCounts[Int(needle[$0])] < byteCounts[Int(needle[$1])] }!
    // Each piece's share of `within`, found by its bounds since `within` is in record order.
    let crossesRecords = needle.contains(0x0A)
    let cuts = within.map { within in
      pieces.reduce(into: [0]) {
        $0.append(Self.lowerBound(within, Int32($1.first + $1.count), from: $0.last!))
      }
    }
    var found = [[Int32]](repeating: [], count: pieces.count)
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

  /// The values in both sorted lists.
  static func common(_ a: [Int32], _ b: ArraySlice<Int32>) -> [Int32] {
    var out: [Int32] = []
    out.reserveCapacity(min(a.count, b.count))
    var j = b.startIndex
    for v in a {
      while j < b.endIndex && b[j] < v { j += 1 }
      if j < b.endIndex && b[j] == v { out.append(v) }
    }
    return out
  }

  /// The pieces' hits one after another, in a single allocation.
  static func joined(_ parts: [[Int32]]) -> [Int32] {
    if parts.count == 1 { return parts[0] }
    var out: [Int32] = []
    out.reserveCapacity(parts.reduce(0) { $0 + $1.count })
    for p in parts { out.append(contentsOf: p) }
    return out
  }

  struct Needle: @unchecked Sendable {
    let bytes: UnsafeBufferPointer<UInt8>
    /// Where in the needle its rarest byte is.
    let rare: Int
  }

  private struct OutBox: @unchecked Sendable {
    let base: UnsafeMutablePointer<[Int32]>
  }
}

extension SearchIndex.Piece {
  /// This piece's records holding the needle; after a hit the sweep goes on from the next
  /// record.
  func scan(_ job: SearchIndex.Needle) -> [Int32] {
    job.bytes.count == 1 ? scanByte(job) : scanPairs(job)
  }

  /// For a needle of two bytes or more: 32 positions at a time are tested for its first two
  /// bytes together, so that a digit or a Chinese lead byte, common as they are, rarely stops
  /// the sweep (stopping at each occurrence of one byte, as `memchr` does, takes twice as long).
  private func scanPairs(_ job: SearchIndex.Needle) -> [Int32] {
    var out: [Int32] = []
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
          out.append(Int32(first + r))
          i = Int(starts[r + 1])
        }
      }
    }
    return out
  }

  /// For one byte: `memchr`, which a hit in nearly every record suits better.
  private func scanByte(_ job: SearchIndex.Needle) -> [Int32] {
    var out: [Int32] = []
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
            out.append(Int32(first + r))
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
  func filter(_ records: ArraySlice<Int32>, _ job: SearchIndex.Needle) -> [Int32] {
    var out: [Int32] = []
    out.reserveCapacity(records.count)
    bytes.withUnsafeBufferPointer { hay in
      starts.withUnsafeBufferPointer { starts in
        guard let base = hay.baseAddress, let np = job.bytes.baseAddress else { return }
        for g in records {
          let r = Int(g) - first
          if Self.find(
            base, from: Int(starts[r]), to: Int(starts[r + 1]), np, job.bytes.count, rare: job.rare)
          {
            out.append(g)
          }
        }
      }
    }
    return out
  }

  /// Whether the needle occurs in [from, to). (glibc's memmem is a GNU extension that Swift's
  /// Glibc module does not show.)
  @inline(__always)
  static func find(
    _ base: UnsafePointer<UInt8>, from: Int, to: Int, _ np: UnsafePointer<UInt8>, _ n: Int, rare: Int
  ) -> Bool {
    var pos = from
    let key = Int32(np[rare])
    while to - pos >= n {
      guard let hit = memchr(base + pos + rare, key, to - pos - n + 1) else { return false }
      let at = UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - base - rare
      if memcmp(base + at, np, n) == 0 { return true }
      pos = at + 1
    }
    return false
  }
}
