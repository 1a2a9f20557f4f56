#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A hidden file that liuliang derives from one of the store's files and keeps beside it, so
/// that an import need not read the whole source again (see `OrderIndex`, `PhoneCache`). It is
/// disposable: whatever it holds is checked against the source's size, inode, modification
/// time and a fingerprint of its bytes, and against a checksum of itself; any doubt reads the
/// source again. It is written only under the store's lock, atomically, and never fsynced: a
/// crash may leave a torn one, which its checksum then refuses.
enum DerivedFile {
  /// What a derived file was made from: the first `size` bytes of its source.
  struct Source: Equatable {
    var size: UInt64
    var inode: UInt64
    var mtimeSeconds: UInt64
    var mtimeNanos: UInt64
    var fingerprint: UInt64

    var words: [UInt64] { [size, inode, mtimeSeconds, mtimeNanos, fingerprint] }

    init(size: UInt64, inode: UInt64, mtimeSeconds: UInt64, mtimeNanos: UInt64, fingerprint: UInt64) {
      self.size = size
      self.inode = inode
      self.mtimeSeconds = mtimeSeconds
      self.mtimeNanos = mtimeNanos
      self.fingerprint = fingerprint
    }

    init(words w: ArraySlice<UInt64>) {
      let b = w.startIndex
      self.init(
        size: w[b], inode: w[b + 1], mtimeSeconds: w[b + 2], mtimeNanos: w[b + 3], fingerprint: w[b + 4])
    }
  }

  /// The source file as it is now, its fingerprint taken over its first `upTo` bytes (all of
  /// them when nil, or when it is shorter); nil when it cannot be read as a plain file.
  static func source(_ path: String, upTo: UInt64? = nil) -> Source? {
    let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOFOLLOW)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var st = stat()
    guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { return nil }
    let size = UInt64(st.st_size)
    let covered = min(upTo ?? size, size)
    #if canImport(Darwin)
      let (sec, nsec) = (st.st_mtimespec.tv_sec, st.st_mtimespec.tv_nsec)
    #else
      let (sec, nsec) = (st.st_mtim.tv_sec, st.st_mtim.tv_nsec)
    #endif
    guard let fingerprint = fingerprint(fd, size: covered) else { return nil }
    return Source(
      size: size, inode: UInt64(st.st_ino), mtimeSeconds: UInt64(bitPattern: Int64(sec)),
      mtimeNanos: UInt64(bitPattern: Int64(nsec)), fingerprint: fingerprint)
  }

  /// A hash of the first and last 4 KB of the file's first `size` bytes and of 64 bytes at
  /// each of 62 places evenly between: a hand edit almost always changes one of them (and the
  /// modification time, which the callers compare when the size is unchanged), and reading
  /// them costs a few pages, not the file.
  static func fingerprint(_ fd: Int32, size: UInt64) -> UInt64? {
    var h = Checksum()
    h.add(size)
    var buf = [UInt8](repeating: 0, count: 4096)
    func take(_ at: UInt64, _ n: Int) -> Bool {
      let got = buf.withUnsafeMutableBytes { pread(fd, $0.baseAddress, n, off_t(at)) }
      guard got == n else { return false }
      buf.withUnsafeBytes { h.add(UnsafeRawBufferPointer(rebasing: $0[0..<n])) }
      return true
    }
    let edge = Int(min(size, 4096))
    guard take(0, edge), take(size - UInt64(edge), edge) else { return nil }
    if size > 8192 + 64 {
      let step = (size - 8192) / 63
      for k in 1...62 where !take(4096 + UInt64(k) * step, 64) { return nil }
    }
    return h.value
  }

  /// A derived file opened for reading: its header checked, its body read in order into
  /// the caller's arrays, its checksum taken on the way. Layout, in the machine's byte order:
  /// magic, body length, body checksum, the words, a checksum of all these; then the body.
  final class Reader {
    let words: [UInt64]
    private let fd: Int32
    private var at: Int
    private let end: Int
    private let expected: UInt64
    private var sum = Checksum()

    /// Nil for a missing, unreadable, torn or foreign file, and for one not a plain file.
    init?(folder: String, name: String, magic: UInt64, words count: Int) {
      let fd = open(folder + "/" + name, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOFOLLOW)
      guard fd >= 0 else { return nil }
      var st = stat()
      let head = 8 * (count + 4)
      var header = [UInt64](repeating: 0, count: count + 4)
      var sum = Checksum()
      guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG, Int(st.st_size) >= head,
        header.withUnsafeMutableBytes({ pread(fd, $0.baseAddress, head, 0) }) == head,
        header[0] == magic, header[1] == UInt64(Int(st.st_size) - head)
      else {
        close(fd)
        return nil
      }
      for w in header[0..<(count + 3)] { sum.add(w) }
      guard sum.value == header[count + 3] else {
        close(fd)
        return nil
      }
      self.fd = fd
      at = head
      end = Int(st.st_size)
      expected = header[2]
      words = Array(header[3..<(count + 3)])
    }

    deinit { close(fd) }

    /// The body's bytes not read yet.
    var left: Int { end - at }

    /// Fills `buf` with the next bytes of the body; false when there are not that many. Every
    /// read but the last must be a multiple of 32 bytes, as `Checksum` takes them.
    func read(into buf: UnsafeMutableRawBufferPointer) -> Bool {
      guard buf.count <= end - at else { return false }
      var filled = 0
      while filled < buf.count {
        let n = pread(fd, buf.baseAddress! + filled, buf.count - filled, off_t(at + filled))
        if n < 0 && errno == EINTR { continue }
        if n <= 0 { return false }
        filled += n
      }
      sum.add(UnsafeRawBufferPointer(buf))
      at += buf.count
      return true
    }

    /// The whole body was read and its checksum holds.
    var intact: Bool { at == end && sum.value == expected }
  }

  /// Writes the file atomically (the layout is `Reader`'s; every part but the last a multiple
  /// of 32 bytes), without a copy of the parts. A failure leaves the old file or none, which
  /// the next reader checks as ever; a link or FIFO in its place is removed first: the name is
  /// liuliang's own, and a rename onto a link is refused.
  static func write(
    folder: String, name: String, magic: UInt64, words: [UInt64], parts: [UnsafeRawBufferPointer]
  ) {
    guard parts.dropLast().allSatisfy({ $0.count % 32 == 0 }) else { return }
    var bodySum = Checksum()
    for p in parts { bodySum.add(p) }
    var header = [magic, UInt64(parts.reduce(0) { $0 + $1.count }), bodySum.value] + words
    var sum = Checksum()
    for w in header { sum.add(w) }
    header.append(sum.value)
    let target = folder + "/" + name
    let temp = folder + "/" + Files.tempMarker + name + "." + String(getpid())
    unlink(temp)
    let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
    guard fd >= 0 else { return }
    fchmod(fd, 0o600)
    FileOwner.matchFolder(fd, folder: folder)
    var ok = header.withUnsafeBytes { writeAll(fd, $0) }
    for p in parts where ok { ok = writeAll(fd, p) }
    close(fd)
    if ok && Files.isSpecial(target) { unlink(target) }
    if !ok || rename(temp, target) != 0 { unlink(temp) }
  }

  private static func writeAll(_ fd: Int32, _ b: UnsafeRawBufferPointer) -> Bool {
    var off = 0
    while off < b.count {
      let n = SystemCall.write(fd, b.baseAddress! + off, b.count - off)
      if n < 0 && errno == EINTR { continue }
      if n <= 0 { return false }
      off += n
    }
    return true
  }
}

/// A fast 64-bit hash of words and bytes, four lanes at a time: not for adversaries, for
/// telling a torn or foreign file, or a changed source, from the one expected.
struct Checksum {
  private var lanes: (UInt64, UInt64, UInt64, UInt64) = (
    0x243F_6A88_85A3_08D3, 0x1319_8A2E_0370_7344, 0xA409_3822_299F_31D0, 0x082E_FA98_EC4E_6C89
  )
  private var length: UInt64 = 0
  private static let k: UInt64 = 0x9E37_79B9_7F4A_7C15

  @inline(__always) private static func mix(_ h: UInt64, _ w: UInt64) -> UInt64 {
    let x = (h ^ w) &* k
    return x ^ (x >> 29)
  }

  mutating func add(_ w: UInt64) {
    lanes.0 = Checksum.mix(lanes.0, w)
    length &+= 8
  }

  mutating func add(_ b: UnsafeRawBufferPointer) {
    guard let base = b.baseAddress else { return }
    let n = b.count
    var i = 0
    var (a, c, d, e) = lanes
    while i + 32 <= n {
      a = Checksum.mix(a, base.loadUnaligned(fromByteOffset: i, as: UInt64.self))
      c = Checksum.mix(c, base.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self))
      d = Checksum.mix(d, base.loadUnaligned(fromByteOffset: i + 16, as: UInt64.self))
      e = Checksum.mix(e, base.loadUnaligned(fromByteOffset: i + 24, as: UInt64.self))
      i += 32
    }
    while i + 8 <= n {
      a = Checksum.mix(a, base.loadUnaligned(fromByteOffset: i, as: UInt64.self))
      i += 8
    }
    // A tail is mixed only when there is one, so that bytes added in parts of 32 give what
    // they give added at once.
    if i < n {
      var tail: UInt64 = 0
      var shift: UInt64 = 0
      while i < n {
        tail |= UInt64(base.load(fromByteOffset: i, as: UInt8.self)) << shift
        shift += 8
        i += 1
      }
      a = Checksum.mix(a, tail)
    }
    lanes = (a, c, d, e)
    length &+= UInt64(n)
  }

  var value: UInt64 {
    var h = Checksum.mix(lanes.0, length)
    h = Checksum.mix(h, lanes.1)
    h = Checksum.mix(h, lanes.2)
    return Checksum.mix(h, lanes.3)
  }
}
