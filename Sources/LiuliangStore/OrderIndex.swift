import LiuliangModel

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// visits.csv's order numbers kept beside it in `.liuliang-orders`, so that a till's import
/// reads the log's new tail instead of the whole log (hundreds of megabytes in a big shop).
/// The index covers the log's first bytes, up to the end of a line: when the log has only
/// grown since (the same inode, those bytes' fingerprint unchanged) the rows after them are
/// read and added; when it is the same size, its modification time must be too; anything else
/// — a shorter log, an edit, a log written anew, an index torn, foreign or not liuliang's —
/// reads the whole log, as without an index.
enum OrderIndex {
  static let fileName = ".liuliang-orders"
  /// "LLORDX02": `ByteSet`'s slots and arena, in this byte order, with its hash and placing.
  static let magic: UInt64 = 0x3230_5844_524F_4C4C

  /// The log's order numbers and what the import's append needs to know of the log.
  struct Found {
    var orders: ByteSet
    /// The log has no `order` column yet (see `TillTarget.append`).
    var widen: Bool
    var endsMidLine: Bool
    /// The log's bytes the index on disk covers (0 without one that could be taken), and
    /// all the bytes read.
    var covered: Int
    var size: Int

    /// The index on disk does not cover the whole log (missing, rebuilt or extended).
    var stale: Bool { covered < size }
  }

  /// Nil when the log is not plain (see `TillTarget.readOrders`) or missing. `more`: how many
  /// orders the import may add, room made for them at once.
  static func read(folder: String, more: Int = 0) throws(StoreError) -> Found? {
    let path = folder + "/" + Kind.visits.fileName
    if let kept = DerivedFile.Reader(folder: folder, name: fileName, magic: magic, words: 7),
      let found = extend(kept, path: path, more: more)
    {
      return found
    }
    let read = try Files.withMapped(path, name: Kind.visits.fileName) { b, _ in
      (TillTarget.readOrders(b), b.last.map { $0 != CSV.lf } ?? false, b.count)
    }
    guard let read, let whole = read.0 else { return nil }
    return Found(orders: whole.orders, widen: whole.widen, endsMidLine: read.1, covered: 0, size: read.2)
  }

  /// The kept orders plus those of the log's tail, when the index still covers a prefix of it.
  private static func extend(_ kept: DerivedFile.Reader, path: String, more: Int) -> Found? {
    let was = DerivedFile.Source(words: kept.words[0..<5])
    let slotBytes = kept.words[5]
    guard was.size > 0, slotBytes <= UInt64(kept.left),
      let now = DerivedFile.source(path, upTo: was.size),
      now.inode == was.inode, now.size >= was.size, now.fingerprint == was.fingerprint,
      now.size > was.size || (now.mtimeSeconds == was.mtimeSeconds && now.mtimeNanos == was.mtimeNanos),
      var orders = ByteSet(
        reading: kept, slotBytes: Int(slotBytes), arenaBytes: kept.left - Int(slotBytes),
        count: Int(clamping: kept.words[6]), more: more),
      kept.intact
    else { return nil }
    guard now.size > was.size else {
      return Found(
        orders: orders, widen: false, endsMidLine: false, covered: Int(was.size), size: Int(was.size))
    }
    guard let tail = readTail(path, from: was.size, to: now.size) else { return nil }
    let plain = tail.withUnsafeBufferPointer { b -> Bool in
      guard let base = b.baseAddress, memchr(base, Int32(UInt8(ascii: "\"")), b.count) == nil,
        memchr(base, 0x0D, b.count) == nil
      else { return false }
      return LogScan.lines(b, from: 0, commas: Kind.visits.columns.count) { last in
        if !last.isEmpty { _ = orders.insert(last) }
      }
    }
    guard plain else { return nil }
    return Found(
      orders: orders, widen: false, endsMidLine: tail.last != CSV.lf, covered: Int(was.size),
      size: Int(now.size))
  }

  private static func readTail(_ path: String, from: UInt64, to: UInt64) -> [UInt8]? {
    let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOFOLLOW)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    let count = Int(to - from)
    let bytes = [UInt8](unsafeUninitializedCapacity: count) { buf, filled in
      filled = 0
      while filled < count {
        let n = pread(fd, buf.baseAddress! + filled, count - filled, off_t(from) + off_t(filled))
        if n < 0 && errno == EINTR { continue }
        if n <= 0 { break }
        filled += n
      }
    }
    return bytes.count == count ? bytes : nil
  }

  /// Keeps `orders` as the order numbers of the log's first `size` bytes, which must be the
  /// whole log and end a line; written only when that holds now.
  static func write(folder: String, orders: ByteSet, size: Int) {
    let path = folder + "/" + Kind.visits.fileName
    guard size > 0, let now = DerivedFile.source(path), now.size == UInt64(size),
      readTail(path, from: now.size - 1, to: now.size) == [CSV.lf]
    else { return }
    orders.withParts { slots, arena in
      DerivedFile.write(
        folder: folder, name: fileName, magic: magic,
        words: now.words + [UInt64(slots.count), UInt64(orders.count)],
        parts: [slots, arena])
    }
  }
}
