import Foundation

/// Substring search over every customer's name, WeChat id, phone, tags, notes and the pinyin
/// of the name (full `zhangwei` and initials `zw`).
///
/// All records live in one lowercased byte buffer, one line each, so a search is one sweep
/// (`memchr` on the needle's rarest byte, `memcmp` on the whole) over contiguous memory, one
/// half per core; a query that extends the previous one only re-checks the previous matches.
/// That keeps a keystroke on a million customers inside a frame.
public struct SearchIndex: Sendable {
  private var bytes: [UInt8] = []
  /// Start of record i in `bytes`; `starts[count]` is the end.
  private var starts: [Int] = [0]
  /// How often each byte occurs: a search scans for the needle's rarest byte, so that a
  /// Chinese character's common lead byte doesn't stop the scan at every name.
  private var byteCounts = [Int](repeating: 0, count: 256)

  public var count: Int { starts.count - 1 }

  public init() {}

  /// `fields(i)` gives the searchable texts of record i; `pinyinOf(i)` the name to spell.
  public init(count: Int, fields: (Int) -> [String], name: (Int) -> String) {
    var pinyin = Pinyin()
    bytes.reserveCapacity(count * 48)
    starts.reserveCapacity(count + 1)
    for i in 0..<count {
      for f in fields(i) where !f.isEmpty {
        append(f.lowercased())
      }
      let syl = pinyin.syllables(name(i))
      if syl.count > 0 && name(i).unicodeScalars.contains(where: { $0.value >= 0x3400 }) {
        append(syl.joined())
        append(String(syl.compactMap(\.first)))
      }
      bytes.append(0x0A)
      starts.append(bytes.count)
    }
    for b in bytes { byteCounts[Int(b)] += 1 }
  }

  private mutating func append(_ s: String) {
    bytes.append(contentsOf: s.utf8)
    bytes.append(0x1F)  // unit separator: a match never spans two fields
  }

  /// Records whose text contains `query` (case-insensitive), in record order. When `within`
  /// is given (the matches of a prefix of this query), only those are checked.
  public func search(_ query: String, within: [Int32]? = nil) -> [Int32] {
    let needle = Array(query.lowercased().utf8)
    guard !needle.isEmpty else { return Array(0..<Int32(count)) }
    if let within { return within.filter { contains(record: Int($0), needle) } }
    let rare = needle.indices.min { byteCounts[Int(needle[$0])] < byteCounts[Int(needle[$1])] }!
    // Two halves, split where a record starts, searched at once: the index of a million
    // customers is a hundred megabytes.
    let half = record(containing: bytes.count / 2)
    let parts = [0..<starts[half], starts[half]..<bytes.count]
    var found = [[Int32]](repeating: [], count: parts.count)
    bytes.withUnsafeBufferPointer { hay in
      needle.withUnsafeBufferPointer { nd in
        guard let base = hay.baseAddress, let np = nd.baseAddress else { return }
        let job = SearchJob(base: base, needle: np, count: nd.count, rare: rare)
        found.withUnsafeMutableBufferPointer { out in
          let out = OutBox(base: out.baseAddress!)
          DispatchQueue.concurrentPerform(iterations: parts.count) { k in
            out.base[k] = scan(job, parts[k])
          }
        }
      }
    }
    return found.flatMap { $0 }
  }

  private struct SearchJob: @unchecked Sendable {
    let base: UnsafePointer<UInt8>
    let needle: UnsafePointer<UInt8>
    let count: Int
    let rare: Int
  }

  private struct OutBox: @unchecked Sendable {
    let base: UnsafeMutablePointer<[Int32]>
  }

  /// Records in `range` (which starts and ends at record boundaries) holding the needle.
  private func scan(_ job: SearchJob, _ range: Range<Int>) -> [Int32] {
    var out: [Int32] = []
    let n = job.count
    let rareByte = Int32(job.needle[job.rare])
    var pos = range.lowerBound
    let end = range.upperBound
    // Hits only move forward, so the record holding one is found by stepping on from the last.
    var r = pos < end ? record(containing: pos) : 0
    while end - pos >= n {
      // The rare byte sits `rare` bytes into the needle.
      let from = pos + job.rare
      let span = end - pos - n + 1
      guard let hit = memchr(job.base + from, rareByte, span) else { break }
      let at = UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - job.base - job.rare
      if memcmp(job.base + at, job.needle, n) == 0 {
        while starts[r + 1] <= at { r += 1 }
        out.append(Int32(r))
        pos = starts[r + 1]
      } else {
        pos = at + 1
      }
    }
    return out
  }

  private func contains(record r: Int, _ needle: [UInt8]) -> Bool {
    let lo = starts[r]
    let hi = starts[r + 1]
    return bytes.withUnsafeBufferPointer { hay in
      needle.withUnsafeBufferPointer { nd in
        find(hay.baseAddress!, from: lo, to: hi, nd.baseAddress!, nd.count) != nil
      }
    }
  }

  /// The first offset in [from, to) where the needle starts. (glibc's memmem is a GNU
  /// extension that Swift's Glibc module does not show.)
  private func find(_ base: UnsafePointer<UInt8>, from: Int, to: Int, _ np: UnsafePointer<UInt8>, _ n: Int)
    -> Int?
  {
    var pos = from
    let first = Int32(np[0])
    while to - pos >= n {
      guard let hit = memchr(base + pos, first, to - pos - n + 1) else { return nil }
      let at = UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - base
      if n == 1 || memcmp(base + at + 1, np + 1, n - 1) == 0 { return at }
      pos = at + 1
    }
    return nil
  }

  /// Binary search for the record whose byte range holds `offset`.
  private func record(containing offset: Int) -> Int {
    var lo = 0
    var hi = count - 1
    while lo < hi {
      let mid = (lo + hi + 1) / 2
      if starts[mid] <= offset { lo = mid } else { hi = mid - 1 }
    }
    return lo
  }
}
