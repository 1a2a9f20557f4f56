import LiuliangModel

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A store file as it is on disk, open for a rewrite: the rows the rewrite gives back byte for
/// byte are read from here, a window of a quarter of a megabyte at a time, instead of from a
/// copy of the file kept in memory since it was loaded. It is the same open file throughout:
/// a file renamed into its place meanwhile does not change what is read, and one changed in
/// place is noticed (`unchanged`).
final class FileSource {
  static let window = 1 << 18
  let name: String
  let opened: FileSignature
  private let fd: Int32
  private var buffer: [UInt8] = []
  private var bufferStart = 0
  /// A read that failed or came short: the file is not what was opened.
  private(set) var failed = false

  var size: Int { Int(opened.size) }

  private init(fd: Int32, name: String, opened: FileSignature) {
    self.fd = fd
    self.name = name
    self.opened = opened
  }

  deinit { close(fd) }

  /// The file at `path`, or nil when there is none.
  static func at(_ path: String, name: String) throws(StoreError) -> FileSource? {
    let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOFOLLOW)
    if fd < 0 {
      if errno == ENOENT { return nil }
      let e = errno
      throw e == ELOOP ? .notAFile(name) : .cannotRead(file: name, errno: e)
    }
    guard let signature = Files.signature(fd: fd) else {
      let e = errno
      close(fd)
      throw .cannotRead(file: name, errno: e)
    }
    guard let kind = Files.fileType(fd: fd), kind == S_IFREG else {
      close(fd)
      throw .notAFile(name)
    }
    return FileSource(fd: fd, name: name, opened: signature)
  }

  /// The `Fingerprint` of the whole file, read a window at a time; nil when it could not be
  /// read to its end.
  func checksum() -> UInt64? {
    // Through the window's own buffer, which then holds the file's last part.
    var sum = Fingerprint()
    if buffer.count < FileSource.window {
      buffer.append(contentsOf: repeatElement(0, count: FileSource.window - buffer.count))
    }
    var at = 0
    var n = 0
    while at < size {
      n = min(FileSource.window, size - at)
      guard buffer.withUnsafeMutableBytes({ read(into: $0.baseAddress!, n, at: at) }) else {
        buffer = []
        return nil
      }
      buffer.withUnsafeBytes { sum.add(UnsafeRawBufferPointer(rebasing: $0[0..<n])) }
      at += n
    }
    buffer.removeLast(buffer.count - n)
    bufferStart = at - n
    return sum.value
  }

  /// Every byte of the file (a rewrite over a file changed elsewhere parses it once).
  func readAll() -> [UInt8]? {
    let n = size
    var ok = true
    let out = [UInt8](unsafeUninitializedCapacity: n) { b, filled in
      ok = n == 0 || read(into: b.baseAddress!, n, at: 0)
      filled = ok ? n : 0
    }
    return ok ? out : nil
  }

  /// `body` over the bytes in `range`, read through a window that moves forward with a
  /// rewrite's rows; a range past the file's end gives nothing and marks the source failed.
  func withBytes<T>(_ range: Range<Int>, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
    guard range.lowerBound >= 0, range.upperBound <= size else {
      failed = true
      return body(UnsafeBufferPointer(start: nil, count: 0))
    }
    let inWindow = range.lowerBound >= bufferStart && range.upperBound <= bufferStart + buffer.count
    if !inWindow {
      // A row longer than the window is read on its own.
      guard range.count <= FileSource.window else {
        var row = [UInt8](repeating: 0, count: range.count)
        if !row.withUnsafeMutableBytes({ read(into: $0.baseAddress!, range.count, at: range.lowerBound) }) {
          failed = true
          row = []
        }
        return row.withUnsafeBufferPointer(body)
      }
      // Rows in file order (every rewrite but one that reorders records) read a window at
      // a time; a jump elsewhere reads little more than its row, so that records in a new
      // order cost a read each rather than a window each.
      let end = bufferStart + buffer.count
      let onward = buffer.isEmpty || (range.lowerBound >= end && range.lowerBound - end < 1 << 16)
      let n = min(onward ? FileSource.window : max(range.count, 1 << 12), size - range.lowerBound)
      if buffer.count < n { buffer.append(contentsOf: repeatElement(0, count: n - buffer.count)) }
      buffer.removeLast(buffer.count - n)
      bufferStart = range.lowerBound
      if !buffer.withUnsafeMutableBytes({ read(into: $0.baseAddress!, n, at: bufferStart) }) {
        failed = true
        buffer = []
        return body(UnsafeBufferPointer(start: nil, count: 0))
      }
    }
    return buffer.withUnsafeBufferPointer { b in
      body(
        UnsafeBufferPointer(rebasing: b[(range.lowerBound - bufferStart)..<(range.upperBound - bufferStart)]))
    }
  }

  /// No read failed and the open file is as it was opened: not written in place meanwhile.
  var unchanged: Bool { !failed && Files.signature(fd: fd) == opened }

  private func read(into base: UnsafeMutableRawPointer, _ n: Int, at offset: Int) -> Bool {
    var filled = 0
    while filled < n {
      let got = pread(fd, base + filled, n - filled, off_t(offset + filled))
      if got < 0 && errno == EINTR { continue }
      if got <= 0 { return false }
      filled += got
    }
    return true
  }
}
