import CZlib

/// Zip archives for tests (xlsx fixtures, zip bombs): stored or deflated entries, and a part's
/// bytes given a slice at a time, so that a part of gigabytes is never held whole.
public struct ZipWriter {
  private var entries: [UInt8] = []
  private var directory: [UInt8] = []
  private var count = 0

  public init() {}

  public mutating func add(_ path: String, _ content: [UInt8], deflate: Bool = true) {
    add(path, size: content.count, deflate: deflate) { Array(content[$0..<($0 + $1)]) }
  }

  /// An entry of `size` bytes, `slice(position, count)` giving them in order.
  public mutating func add(
    _ path: String, size: Int, deflate: Bool = true, slice: (Int, Int) -> [UInt8]
  ) {
    let name = Array(path.utf8)
    let offset = entries.count
    var crc = crc32(0, nil, 0)
    var body: [UInt8] = []
    let z = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
    defer { z.deallocate() }
    if deflate {
      z.initialize(to: z_stream())
      precondition(ll_deflate_init_raw(z, 6) == Z_OK)
    }
    var out = [UInt8](repeating: 0, count: 1 << 17)
    var position = 0
    repeat {
      let n = min(1 << 16, size - position)
      var input = slice(position, n)
      position += n
      crc = input.withUnsafeBufferPointer { crc32(crc, $0.baseAddress, UInt32($0.count)) }
      guard deflate else {
        body += input
        continue
      }
      let flush = position == size ? Z_FINISH : Z_NO_FLUSH
      input.withUnsafeMutableBufferPointer { i in
        z.pointee.next_in = i.baseAddress
        z.pointee.avail_in = UInt32(i.count)
        repeat {
          let status = out.withUnsafeMutableBufferPointer { o in
            z.pointee.next_out = o.baseAddress
            z.pointee.avail_out = UInt32(o.count)
            return CZlib.deflate(z, flush)
          }
          body += out[0..<(out.count - Int(z.pointee.avail_out))]
          if status == Z_STREAM_END { break }
        } while z.pointee.avail_out == 0 || (flush == Z_FINISH)
      }
    } while position < size
    if deflate { deflateEnd(z) }
    var header: [UInt8] = []
    header += le32(0x0403_4B50) + le16(20) + le16(0) + le16(deflate ? 8 : 0) + le16(0) + le16(0x21)
    header += le32(UInt32(crc)) + le32(UInt32(body.count)) + le32(UInt32(size))
    header += le16(UInt16(name.count)) + le16(0) + name
    entries += header + body
    directory += le32(0x0201_4B50) + le16(20) + le16(20) + le16(0) + le16(deflate ? 8 : 0) + le16(0)
    directory += le16(0x21) + le32(UInt32(crc)) + le32(UInt32(body.count)) + le32(UInt32(size))
    directory += le16(UInt16(name.count)) + le16(0) + le16(0) + le16(0) + le16(0) + le32(0)
    directory += le32(UInt32(offset)) + name
    count += 1
  }

  /// The whole archive: entries, central directory, end record.
  public var archive: [UInt8] {
    var end: [UInt8] = le32(0x0605_4B50) + le16(0) + le16(0) + le16(UInt16(count)) + le16(UInt16(count))
    end += le32(UInt32(directory.count)) + le32(UInt32(entries.count)) + le16(0)
    return entries + directory + end
  }
}

private func le16(_ v: UInt16) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8)] }
private func le32(_ v: UInt32) -> [UInt8] { (0..<4).map { UInt8((v >> (8 * $0)) & 0xFF) } }
