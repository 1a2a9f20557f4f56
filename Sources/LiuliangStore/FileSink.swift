#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The bytes of a file being written, passed on to it a quarter of a megabyte at a time:
/// rewriting a big customers.csv holds that much of the new file in memory, not all of it. It takes the new
/// file's fingerprint on the way, so the table of the new file knows it without reading it back.
final class FileSink {
  static let capacity = 1 << 18
  private let fd: Int32
  private var buffer: [UInt8] = []
  private var written = 0
  private(set) var fingerprint = Fingerprint()
  private(set) var last: UInt8?
  /// The errno of the first write that failed; later bytes are dropped.
  private(set) var failure: Int32?

  init(fd: Int32) {
    self.fd = fd
    buffer.reserveCapacity(FileSink.capacity + 4096)
  }

  /// Bytes given so far.
  var count: Int { written + buffer.count }

  func append(_ b: UnsafeBufferPointer<UInt8>) {
    // A big array (a whole file from `Files.writeAtomically(bytes:)`) goes on in parts.
    var at = 0
    while at < b.count {
      let part = UnsafeBufferPointer(rebasing: b[at..<min(b.count, at + FileSink.capacity)])
      buffer.append(contentsOf: part)
      last = part.last ?? last
      at += part.count
      if buffer.count >= FileSink.capacity { finish() }
    }
  }

  func append(_ bytes: [UInt8]) { bytes.withUnsafeBufferPointer { append($0) } }

  func appendRecord(_ fields: [String], lineEnding: [UInt8]) {
    let start = buffer.count
    CSV.appendRecord(fields, lineEnding: lineEnding, to: &buffer)
    if buffer.count > start { last = buffer.last }
    if buffer.count >= FileSink.capacity { finish() }
  }

  /// Writes what is held.
  func finish() {
    let n = buffer.count
    if failure == nil, let injected = WriteProbe.failWith { failure = injected }
    if failure == nil {
      buffer.withUnsafeBytes { b in
        let part = UnsafeRawBufferPointer(rebasing: b[0..<n])
        fingerprint.add(part)
        if !Files.writeAll(fd, part) { failure = errno }
      }
    }
    written += n
    buffer.removeFirst(n)
  }
}
