#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The file given to import, read so that the wrong file costs little: its first block is
/// looked at before the rest is read, and a file that is not text (NUL bytes, binary) or past
/// `maxBytes` is refused there in one sentence instead of being read, decoded and searched
/// for rows at gigabytes of memory.
public enum InputFile {
  public static let firstBlock = 64 << 10
  /// Far past any customer list or till export (a million rows of 250 bytes), and small
  /// enough that the rows read from it fit in memory: decoding GB18030 and splitting into
  /// cells take several times the file's size.
  public static let maxBytes = 256 << 20

  public static func read(_ path: String) throws(ImportError) -> [UInt8] {
    // Non-blocking open: opening a FIFO that nobody writes would otherwise wait for ever.
    let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
    guard fd >= 0 else { throw .cannotRead(errno) }
    defer { close(fd) }
    // Only a regular file is read: a folder has no rows, and a FIFO or a device would block
    // or never end.
    var info = stat()
    guard fstat(fd, &info) == 0 else { throw .cannotRead(errno) }
    switch info.st_mode & S_IFMT {
    case S_IFREG: break
    case S_IFDIR: throw .folder
    default: throw .special
    }
    _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
    var bytes = try readUpTo(firstBlock, from: fd)
    guard looksLikeText(bytes[...]) else { throw .notText }
    guard bytes.count == firstBlock else { return bytes }
    var st = stat()
    if fstat(fd, &st) == 0, Int(st.st_size) > maxBytes { throw .tooBig(megabytes: maxBytes >> 20) }
    bytes.reserveCapacity(max(Int(st.st_size), firstBlock))
    while true {
      let more = try readUpTo(1 << 20, from: fd)
      bytes += more
      // A pipe or a file still growing has no size to check beforehand.
      if bytes.count > maxBytes { throw .tooBig(megabytes: maxBytes >> 20) }
      if more.count < 1 << 20 { return bytes }
    }
  }

  /// Up to `count` bytes, fewer only at the end of the file.
  static func readUpTo(_ count: Int, from fd: Int32) throws(ImportError) -> [UInt8] {
    var out = [UInt8](repeating: 0, count: count)
    var got = 0
    while got < count {
      let n = out.withUnsafeMutableBytes { systemRead(fd, $0.baseAddress! + got, count - got) }
      if n < 0 {
        if errno == EINTR { continue }
        throw .cannotRead(errno)
      }
      if n == 0 { break }
      got += n
    }
    out.removeLast(count - got)
    return out
  }

  /// An xlsx (a zip archive) is binary by nature and read as one; anything else must be text:
  /// no NUL (UTF-16, a picture, an executable, /dev/zero), and hardly any other control bytes.
  static func looksLikeText(_ block: ArraySlice<UInt8>) -> Bool {
    if block.starts(with: [0x50, 0x4B, 0x03, 0x04]) { return true }
    var controls = 0
    for b in block where b < 0x20 {
      switch b {
      case 0: return false
      // Tab, line ends, form feed and ESC appear in text people export; the rest do not.
      case 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1A, 0x1B: continue
      default: controls += 1
      }
    }
    // A few names with a stray control in a short file are still text (the import shows and
    // warns about them); binary has one control byte in ten.
    return controls <= max(block.count / 64, 16)
  }
}

private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
  read(fd, buffer, count)
}
