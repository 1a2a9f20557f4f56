import Dispatch
import LiuliangModel

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The rows of one stretch of a file's body. A big file is read as two stretches at once, one
/// per core, and the second is then appended to the first as if one reader had read both.
///
/// Both halves write their records straight into one buffer, the second from the most rows
/// the first can have (one per line ending, plus one): a chain's log is most of the store, and
/// a copy of half of it would be the load's biggest cost in memory.
struct Stretch<R> {
  /// Records written, from the stretch's first slot on, and the slots there are.
  var count = 0
  var room = 0
  var rows: [Range<Int>] = []
  var rowLines: [Int32] = []
  var kept: [(after: Int, raw: Range<Int>)] = []
  var problems: [Problem] = []
  var notes: [Problem] = []
  /// Where the stretch's last record ended, and the line there.
  var end = 0
  var line = 1
  /// The sum of what `warm` read, kept so that the compiler keeps those reads.
  var warmed: UInt64 = 0
  /// Equal values of the rows this stretch reads (see `SharedValues`).
  let shared = SharedValues()

  mutating func problem(_ line: Int, _ k: ProblemKind, file: String) {
    problems.append(Problem(file: file, line: line, kind: k))
  }

  static func read(
    _ b: UnsafeBufferPointer<UInt8>, from start: Int, line: Int, context: Context,
    release: (@Sendable (Range<Int>) -> Void)?, plain: PlainDecoder<R>?, ahead: PlainAhead? = nil,
    decode: RowDecoder<R>
  ) -> (Stretch<R>, [R]) {
    read(
      b, from: start, line: line,
      split: b.count - start >= Reading.splitFrom ? splitPoint(b, from: start) : nil,
      context: context, release: release, plain: plain, ahead: ahead, decode: decode)
  }

  /// The same, the second half from `split` on (any position: a wrong one only costs time).
  static func read(
    _ b: UnsafeBufferPointer<UInt8>, from start: Int, line: Int, split: Int?, context: Context,
    release: (@Sendable (Range<Int>) -> Void)?, plain: PlainDecoder<R>?, ahead: PlainAhead? = nil,
    decode: RowDecoder<R>
  ) -> (Stretch<R>, [R]) {
    let n = b.count
    let split = split.flatMap { $0 > start && $0 < n ? $0 : nil }
    let firstRoom = lineEndings(b, start, split ?? n, release: release) + 1
    let room = firstRoom + (split.map { lineEndings(b, $0, n, release: release) + 1 } ?? 0)
    // Room to log visits in without the log being copied to grow.
    let capacity = room + max(16, room / 16)
    var stretch = Stretch<R>()
    let records = [R](unsafeUninitializedCapacity: capacity) { buffer, initialized in
      let base = buffer.baseAddress!
      defer { initialized = stretch.count }
      guard let split else {
        stretch = readOne(
          b, from: start, until: n, line: line, into: base, room: room, context: context, release: release,
          plain: plain, ahead: ahead, decode: decode)
        return
      }
      let halves = Halves<R>()
      withoutActuallyEscaping(decode) { decode in
        let job = Job(
          bytes: b, records: base, context: context, release: release, plain: plain, ahead: ahead,
          decode: decode)
        DispatchQueue.concurrentPerform(iterations: 2) { k in
          if k == 0 {
            halves.first = readOne(
              job.bytes, from: start, until: split, line: line, into: job.records, room: firstRoom,
              context: job.context, release: job.release, plain: job.plain, ahead: job.ahead,
              decode: job.decode)
          } else {
            halves.second = readOne(
              job.bytes, from: split, until: n, line: 1, into: job.records + firstRoom,
              room: room - firstRoom,
              context: job.context, release: job.release, plain: job.plain, ahead: job.ahead,
              decode: job.decode)
          }
        }
      }
      stretch = halves.first!
      let second = halves.second!
      if stretch.end == split {
        (base + stretch.count).moveInitialize(from: base + firstRoom, count: second.count)
        stretch.append(second, lineOffset: stretch.line - 1)
      } else {
        // A record ran on past the split point (a stray quote fooled the quote count), so the
        // second half began inside it: read on from where the first half really ended.
        (base + firstRoom).deinitialize(count: second.count)
        stretch.append(
          readOne(
            b, from: stretch.end, until: n, line: stretch.line, into: base + stretch.count,
            room: room - stretch.count, context: context, release: release, plain: plain, ahead: ahead,
            decode: decode),
          lineOffset: 0)
      }
    }
    return (stretch, records)
  }

  /// Line feeds and carriage returns in [lo, hi): every record that starts there but the last
  /// ends with one, so records ≤ this + 1. Counted a block at a time, each block's pages let go
  /// after it (a mapped log would otherwise be resident whole before its first row is read).
  static func lineEndings(
    _ b: UnsafeBufferPointer<UInt8>, _ lo: Int, _ hi: Int, release: (@Sendable (Range<Int>) -> Void)?
  ) -> Int {
    guard let base = b.baseAddress else { return 0 }
    var count = 0
    for blockStart in stride(from: lo, to: hi, by: 1 << 24) {
      let blockEnd = min(hi, blockStart + (1 << 24))
      for byte in [CSV.lf, CSV.cr] {
        var p = blockStart
        while p < blockEnd, let hit = memchr(base + p, Int32(byte), blockEnd - p) {
          count += 1
          p = UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - base + 1
        }
      }
      release?(blockStart..<blockEnd)
    }
    return count
  }

  /// A line start near the middle that is outside quotes by the quote count (quotes come in
  /// pairs in well-formed CSV); nil when there is none.
  static func splitPoint(_ b: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
    guard let base = b.baseAddress else { return nil }
    let n = b.count
    func lineStart(after p: Int) -> Int? {
      guard p < n, let hit = memchr(base + p, Int32(CSV.lf), n - p) else { return nil }
      let next = UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - base + 1
      return next < n ? next : nil
    }
    func quotes(_ lo: Int, _ hi: Int) -> Int {
      var count = 0
      var p = lo
      while p < hi, let hit = memchr(base + p, Int32(CSV.quote), hi - p) {
        count += 1
        p = UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - base + 1
      }
      return count
    }
    guard var split = lineStart(after: start + (n - start) / 2) else { return nil }
    var odd = quotes(start, split) % 2 == 1
    while odd {
      guard let next = lineStart(after: split) else { return nil }
      odd = (quotes(split, next) % 2 == 1) != odd
      split = next
    }
    return split
  }

  /// Reads the records that start in [start, until) into `records`, which has `room` for them.
  static func readOne(
    _ b: UnsafeBufferPointer<UInt8>, from start: Int, until: Int, line first: Int,
    into records: UnsafeMutablePointer<R>, room: Int, context: Context,
    release: (@Sendable (Range<Int>) -> Void)?, plain: PlainDecoder<R>?, ahead: PlainAhead? = nil,
    decode: RowDecoder<R>
  ) -> Stretch<R> {
    let context = context.ownCopy()
    var s = Stretch<R>()
    s.room = room
    var rec = CSVRecord(line: first, raw: 0..<0, fault: nil, bytes: b)
    var i = start
    var line = first
    var nextRelease = start + (1 << 24)
    let plain = context.unreadable ? nil : plain
    let map = context.map.map { $0 ?? -1 }
    // Plain rows see only numbers, so that reading one takes no reference counts.
    let width = context.width
    let rewritable = context.rewritable
    // The closures are unwrapped once: unwrapping one per row would count references to it on
    // both cores, which costs more than reading the row.
    let canRelease = release != nil
    let usePlain = plain != nil
    let plainRow = plain ?? { _ in nil }
    let aheadField = usePlain ? ahead.map { context.map[$0.column] ?? -1 } ?? -1 : -1
    let place = ahead?.place ?? { _ in nil }
    var warmedTo = start
    map.withUnsafeBufferPointer { map in
      withUnsafeTemporaryAllocation(of: Int.self, capacity: 65) { bounds in
        while i < until {
          if canRelease && i >= nextRelease {
            release?(start..<i)
            nextRelease = i + (1 << 24)
          }
          if aheadField >= 0 && i >= warmedTo {
            warmedTo = s.warm(b, from: i, until: until, field: aheadField, place)
          }
          if usePlain,
            let next = s.takePlain(
              b, at: i, line: line, bounds: bounds, map: map, into: records, width: width,
              rewritable: rewritable,
              plainRow)
          {
            if next.newline { line += 1 }
            i = next.end
            continue
          }
          CSV.nextRecord(b, &i, &line, into: &rec)
          s.take(rec, into: records, context: context, decode: decode)
        }
      }
    }
    s.end = i
    s.line = line
    return s
  }

  /// Reads the row at `i` when it is plain (see `PlainRow`) and `plain` decodes it; where it
  /// ends and whether it ended with a line break, or nil to read it the general way.
  mutating func takePlain(
    _ b: UnsafeBufferPointer<UInt8>, at i: Int, line: Int, bounds: UnsafeMutableBufferPointer<Int>,
    map: UnsafeBufferPointer<Int>, into records: UnsafeMutablePointer<R>, width: Int, rewritable: Bool,
    _ plain: PlainDecoder<R>
  ) -> (end: Int, newline: Bool)? {
    let n = b.count
    var k = i
    var fields = 0
    bounds[0] = i
    var contentEnd = n
    var end = n
    var newline = false
    while k < n {
      let c = b[k]
      if c == CSV.comma {
        fields += 1
        guard fields < bounds.count - 1 else { return nil }
        bounds[fields] = k + 1
      } else if c == CSV.lf || c == CSV.cr {
        guard c == CSV.lf || (k + 1 < n && b[k + 1] == CSV.lf) else { return nil }
        contentEnd = k
        end = c == CSV.lf ? k + 1 : k + 2
        newline = true
        break
      } else if c == CSV.quote || c >= 0x80 || c == 0 {
        return nil
      }
      k += 1
    }
    guard contentEnd > i, fields + 1 == width else { return nil }
    bounds[fields + 1] = contentEnd + 1
    guard let r = plain(PlainRow(bytes: b, bounds: bounds, map: map)) else { return nil }
    precondition(count < room, "more records than line endings")
    (records + count).initialize(to: r)
    count += 1
    if rewritable {
      rows.append(i..<end)
      rowLines.append(Int32(line))
    }
    return (end, newline)
  }

  /// Reads, for the next rows from `i`, the place their lookup will read (`PlainAhead`): the
  /// places are found first and read together, so that the waits for memory overlap. Returns
  /// where the rows so warmed end. A row it splits wrongly (quotes) only warms the wrong place.
  mutating func warm(
    _ b: UnsafeBufferPointer<UInt8>, from i: Int, until: Int, field: Int,
    _ place: (UnsafeBufferPointer<UInt8>) -> UnsafeRawPointer?
  ) -> Int {
    guard let base = b.baseAddress else { return until }
    let rows = 16
    return withUnsafeTemporaryAllocation(of: UnsafeRawPointer?.self, capacity: rows) { places in
      var p = i
      var k = 0
      while k < rows && p < until {
        let lineEnd =
          memchr(base + p, Int32(CSV.lf), until - p).map {
            UnsafePointer<UInt8>($0.assumingMemoryBound(to: UInt8.self)) - base
          } ?? until
        var lo = p
        var f = 0
        while f < field, lo < lineEnd, let comma = memchr(base + lo, Int32(CSV.comma), lineEnd - lo) {
          lo = UnsafePointer<UInt8>(comma.assumingMemoryBound(to: UInt8.self)) - base + 1
          f += 1
        }
        var hi = lo
        while hi < lineEnd && base[hi] != CSV.comma && base[hi] != CSV.cr { hi += 1 }
        places[k] = f == field ? place(UnsafeBufferPointer(start: base + lo, count: hi - lo)) : nil
        k += 1
        p = lineEnd + 1
      }
      var sum: UInt64 = 0
      for j in 0..<k { if let at = places[j] { sum &+= at.load(as: UInt64.self) } }
      warmed &+= sum
      return p
    }
  }

  /// One record read the general way: a record, or a problem and the row kept verbatim.
  mutating func take(
    _ rec: CSVRecord, into records: UnsafeMutablePointer<R>, context: Context, decode: RowDecoder<R>
  ) {
    // Blank lines are not rows; they go back where they were.
    if rec.count == 1 && rec.fieldIsEmpty(0) && rec.fault == nil || context.unreadable {
      kept.append((after: rows.count, raw: rec.raw))
      return
    }
    if let f = rec.fault {
      problem(rec.line, .fault(f), file: context.name)
      kept.append((after: rows.count, raw: rec.raw))
      return
    }
    if rec.count != context.width {
      problem(rec.line, .columnCount(expected: context.width, got: rec.count), file: context.name)
      kept.append((after: rows.count, raw: rec.raw))
      return
    }
    do throws(ProblemKind) {
      let r = try decode(
        RowReader(record: rec, map: context.map, columns: context.columns, shared: shared), &notes)
      precondition(count < room, "more records than line endings")
      (records + count).initialize(to: r)
      count += 1
      if context.rewritable {
        rows.append(rec.raw)
        rowLines.append(Int32(rec.line))
      }
    } catch {
      problem(rec.line, error, file: context.name)
      kept.append((after: rows.count, raw: rec.raw))
    }
  }

  /// Appends the stretch that follows this one; its lines are counted from `lineOffset` + 1.
  mutating func append(_ o: Stretch<R>, lineOffset: Int) {
    let before = rows.count
    func moved(_ p: Problem) -> Problem { Problem(file: p.file, line: p.line + lineOffset, kind: p.kind) }
    count += o.count
    rows += o.rows
    rowLines += o.rowLines.map { $0 + Int32(lineOffset) }
    kept += o.kept.map { (after: $0.after + before, raw: $0.raw) }
    problems += o.problems.map(moved)
    notes += o.notes.map(moved)
    end = o.end
    line = o.line + lineOffset
  }
}

enum Reading {
  /// Files smaller than this are read in one stretch: splitting would cost more than it saves.
  /// (Tests lower it, to read small files as big ones are read.)
  nonisolated(unsafe) static var splitFrom = 1 << 22
}

/// What the two readers share: each only reads it. The decoders are pure functions of the row
/// and of lookup tables that nobody changes while the file is read.
private struct Job<R>: @unchecked Sendable {
  let bytes: UnsafeBufferPointer<UInt8>
  /// Each half writes only its own slots.
  let records: UnsafeMutablePointer<R>
  let context: Context
  let release: (@Sendable (Range<Int>) -> Void)?
  let plain: PlainDecoder<R>?
  let ahead: PlainAhead?
  let decode: RowDecoder<R>
}

/// Each reader sets only its own half, and both are read after both are done.
private final class Halves<R>: @unchecked Sendable {
  var first: Stretch<R>?
  var second: Stretch<R>?
}
