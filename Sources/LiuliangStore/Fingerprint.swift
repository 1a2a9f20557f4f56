/// The `Checksum` of a file's bytes, carried on as bytes are written or appended: whole blocks
/// of 32 go into the sum and the few after them wait, so that the value is the one the whole
/// file gives read at once (`FileSource.checksum`), however it was cut into parts.
struct Fingerprint: Sendable {
  private var sum = Checksum()
  private var tail: [UInt8] = []

  mutating func add(_ b: UnsafeRawBufferPointer) {
    var at = 0
    if !tail.isEmpty {
      let take = min(32 - tail.count, b.count)
      tail.append(contentsOf: b[0..<take])
      at = take
      guard tail.count == 32 else { return }
      tail.withUnsafeBytes { sum.add($0) }
      tail = []
    }
    let whole = (b.count - at) & ~31
    sum.add(UnsafeRawBufferPointer(rebasing: b[at..<(at + whole)]))
    tail.append(contentsOf: b[(at + whole)...])
  }

  mutating func add(_ bytes: [UInt8]) { bytes.withUnsafeBytes { add($0) } }

  var value: UInt64 {
    var s = sum
    tail.withUnsafeBytes { s.add($0) }
    return s.value
  }
}
