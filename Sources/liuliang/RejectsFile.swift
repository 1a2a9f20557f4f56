import LiuliangCLI
import LiuliangStore

/// The rejects file beside an import's input: it holds customers' phones, in a folder that
/// other people may write (a shared Downloads, /tmp), so it is made like a careful Unix program
/// makes files there.
enum RejectsFile {
  /// `list.rejects.csv`, or `list.rejects-2.csv` … when that name is taken: the rejects of an
  /// earlier import are the owner's work list and are never replaced.
  static func freeName(_ path: String) -> String {
    let stem = path.hasSuffix(".csv") ? String(path.dropLast(4)) : path
    var candidate = path
    var n = 2
    var st = stat()
    while lstat(candidate, &st) == 0 {
      candidate = "\(stem)-\(n).csv"
      n += 1
    }
    return candidate
  }

  /// The bytes in a new file of an unpredictable name (mkstemp: O_EXCL, 0600) in `dir`: a name
  /// planted there beforehand, a link to some other file say, is never opened.
  static func writeTemp(_ bytes: [UInt8], dir: String) -> (path: String?, errno: Int32) {
    var template = Array(((dir.isEmpty ? "." : dir) + "/.liuliang-rejects-XXXXXX").utf8CString)
    let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
    guard fd >= 0 else { return (nil, errno) }
    let path = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    fchmod(fd, 0o600)
    FileOwner.matchFolder(fd, folder: dir)
    var off = 0
    while off < bytes.count {
      let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + off, bytes.count - off) }
      if n < 0 && errno == EINTR { continue }
      if n <= 0 {
        let e = errno
        close(fd)
        unlink(path)
        return (nil, e)
      }
      off += n
    }
    guard fsync(fd) == 0 else {
      let e = errno
      close(fd)
      unlink(path)
      return (nil, e)
    }
    close(fd)
    return (path, 0)
  }

  /// Gives the temp file the name `wanted` (or the next free one) without replacing anything:
  /// link(2) fails on an existing name where rename(2) would silently replace it. Returns the
  /// name it took.
  static func publish(_ temp: String, as wanted: String) -> (path: String?, errno: Int32) {
    defer { unlink(temp) }
    var name = wanted
    for _ in 0..<100 {
      if link(temp, name) == 0 { return (name, 0) }
      guard errno == EEXIST else { return (nil, errno) }
      name = freeName(wanted)
    }
    return (nil, EEXIST)
  }
}
