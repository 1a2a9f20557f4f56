#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The bytes of a file being written, passed on to it a megabyte at a time: rewriting a big
/// customers.csv holds that much of the new file in memory, not all of it. It counts the
/// newlines it was given (the line each row starts on) and takes the new file's `Checksum`
/// on the way, so the table of the new file knows both without reading it back.
final class FileSink {
  static let capacity = 1 << 20
  private let fd: Int32
  private var buffer: [UInt8] = []
  private var written = 0
  private var sum = Checksum()
  /// Newlines in every byte given so far.
  private(set) var newlines = 0
  private(set) var last: UInt8?
  /// The errno of the first write that failed; later bytes are dropped.
  private(set) var failure: Int32?

  init(fd: Int32) {
    self.fd = fd
    buffer.reserveCapacity(FileSink.capacity + 4096)
  }

  /// Bytes given so far.
  var count: Int { written + buffer.count }

  /// The checksum of every byte given, once `finish` has written them.
  var checksum: UInt64 { sum.value }

  func append(_ b: UnsafeBufferPointer<UInt8>) {
    // A big array (a whole file from `Files.writeAtomically(bytes:)`) goes on in parts.
    var at = 0
    while at < b.count {
      let part = UnsafeBufferPointer(rebasing: b[at..<min(b.count, at + FileSink.capacity)])
      buffer.append(contentsOf: part)
      took(part)
      at += part.count
    }
  }

  func append(_ bytes: [UInt8]) { bytes.withUnsafeBufferPointer { append($0) } }

  func appendRecord(_ fields: [String], lineEnding: [UInt8]) {
    let start = buffer.count
    CSV.appendRecord(fields, lineEnding: lineEnding, to: &buffer)
    buffer.withUnsafeBufferPointer { took(UnsafeBufferPointer(rebasing: $0[start...])) }
  }

  private func took(_ b: UnsafeBufferPointer<UInt8>) {
    var n = 0
    for i in 0..<b.count { n &+= b[i] == CSV.lf ? 1 : 0 }
    newlines += n
    last = b.last ?? last
    if buffer.count >= FileSink.capacity { flush(all: false) }
  }

  /// Writes what is left.
  func finish() { flush(all: true) }

  /// Writes a whole number of 32-byte blocks (all the bytes when `all`), which `Checksum`
  /// then sums exactly as it sums the file read back at once.
  private func flush(all: Bool) {
    let n = all ? buffer.count : buffer.count & ~31
    if failure == nil, let injected = WriteProbe.failWith { failure = injected }
    if failure == nil {
      buffer.withUnsafeBytes { b in
        let part = UnsafeRawBufferPointer(rebasing: b[0..<n])
        sum.add(part)
        if !Files.writeAll(fd, part) { failure = errno }
      }
    }
    written += n
    buffer.removeFirst(n)
  }
}
