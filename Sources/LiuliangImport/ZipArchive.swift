import CZlib

/// The zip container of an xlsx, read from the file's bytes in memory: its central directory
/// gives each part's place and sizes, and a part is unpacked a chunk at a time as its reader
/// asks, never past the cap it is read with, whatever its headers declare. Every offset and
/// size is checked against the file before it is used, so a damaged or crafted archive is one
/// `badWorkbook`, never a read past the end.
struct ZipArchive {
  struct Entry {
    var method: UInt16
    var flags: UInt16
    var crc: UInt32
    var compressed: Int
    var uncompressed: Int
    var header: Int
  }

  let bytes: [UInt8]
  private(set) var entries: [String: Entry] = [:]

  init(_ bytes: [UInt8]) throws(ImportError) {
    self.bytes = bytes
    let r = ByteReader(bytes)
    guard let end = ZipArchive.endRecord(bytes) else { throw .badWorkbook("zip") }
    // A multi-volume archive is not a workbook.
    guard r.u16(end + 4) == 0, r.u16(end + 6) == 0 else { throw .badWorkbook("zip") }
    var count = r.u16(end + 10).map(Int.init)
    var size = r.u32(end + 12).map(Int.init)
    var offset = r.u32(end + 16).map(Int.init)
    if count == 0xFFFF || size == 0xFFFF_FFFF || offset == 0xFFFF_FFFF {
      // Zip64: the locator just before the end record points at the real sizes.
      guard end >= 20, r.u32(end - 20) == 0x0706_4B50, let at = r.u64(end - 12), at < bytes.count,
        r.u32(at) == 0x0606_4B50
      else { throw .badWorkbook("zip") }
      count = r.u64(at + 32)
      size = r.u64(at + 40)
      offset = r.u64(at + 48)
    }
    guard let count, let size, let offset, count <= WorkbookLimits.entries, offset <= bytes.count,
      size <= bytes.count - offset
    else { throw .badWorkbook("zip") }
    var p = offset
    for _ in 0..<count {
      guard r.u32(p) == 0x0201_4B50, let flags = r.u16(p + 8), let method = r.u16(p + 10),
        let crc = r.u32(p + 16), var compressed = r.u32(p + 20).map(Int.init),
        var uncompressed = r.u32(p + 24).map(Int.init), let nameLength = r.u16(p + 28).map(Int.init),
        let extraLength = r.u16(p + 30).map(Int.init), let commentLength = r.u16(p + 32).map(Int.init),
        var header = r.u32(p + 42).map(Int.init), let name = r.slice(p + 46, nameLength),
        let extra = r.slice(p + 46 + nameLength, extraLength)
      else { throw .badWorkbook("zip") }
      if uncompressed == 0xFFFF_FFFF || compressed == 0xFFFF_FFFF || header == 0xFFFF_FFFF {
        guard ZipArchive.zip64(extra, uncompressed: &uncompressed, compressed: &compressed, header: &header)
        else { throw .badWorkbook("zip") }
      }
      let path = String(decoding: name, as: UTF8.self)
      guard ZipArchive.isInside(path), entries[path] == nil else { throw .badWorkbook("zip") }
      entries[path] = Entry(
        method: method, flags: flags, crc: crc, compressed: compressed, uncompressed: uncompressed,
        header: header)
      p += 46 + nameLength + extraLength + commentLength
    }
  }

  /// The end-of-central-directory record's offset: the last signature that leaves room for
  /// its own comment, within the 64 KB a comment can take.
  static func endRecord(_ b: [UInt8]) -> Int? {
    guard b.count >= 22 else { return nil }
    var i = b.count - 22
    let lowest = max(0, b.count - 22 - 0xFFFF)
    while i >= lowest {
      if b[i] == 0x50, b[i + 1] == 0x4B, b[i + 2] == 5, b[i + 3] == 6,
        i + 22 + (Int(b[i + 20]) | Int(b[i + 21]) << 8) <= b.count
      {
        return i
      }
      i -= 1
    }
    return nil
  }

  /// The 64-bit sizes and offset of a zip64 extra field, each present only where the 32-bit
  /// one is all ones; false when the field is missing or short.
  static func zip64(
    _ extra: ArraySlice<UInt8>, uncompressed: inout Int, compressed: inout Int, header: inout Int
  )
    -> Bool
  {
    let r = ByteReader(Array(extra))
    var p = 0
    while let id = r.u16(p), let length = r.u16(p + 2).map(Int.init) {
      if id == 1 {
        var q = p + 4
        for field in [0, 1, 2] {
          let wanted = [uncompressed, compressed, header][field] == 0xFFFF_FFFF
          guard wanted else { continue }
          guard q + 8 <= p + 4 + length, let v = r.u64(q) else { return false }
          switch field {
          case 0: uncompressed = v
          case 1: compressed = v
          default: header = v
          }
          q += 8
        }
        return true
      }
      p += 4 + length
    }
    return false
  }

  /// A part name that stays inside the package: not absolute, no `..` step (with either slash).
  static func isInside(_ path: String) -> Bool {
    guard !path.isEmpty, !path.hasPrefix("/"), !path.hasPrefix("\\") else { return false }
    return !path.split(whereSeparator: { $0 == "/" || $0 == "\\" }).contains("..")
  }

  /// The part at `path` as a stream of chunks, nil when the archive lacks it; a part whose
  /// declared size is past `cap` is refused before anything is unpacked.
  func open(_ path: String, cap: Int) throws(ImportError) -> ZipPart? {
    guard let e = entries[path] else { return nil }
    let r = ByteReader(bytes)
    guard r.u32(e.header) == 0x0403_4B50, let nameLength = r.u16(e.header + 26).map(Int.init),
      let extraLength = r.u16(e.header + 28).map(Int.init)
    else { throw .badWorkbook(path) }
    let start = e.header + 30 + nameLength + extraLength
    // Encrypted parts, and methods other than stored and deflate, are not from a spreadsheet.
    guard start <= bytes.count, e.compressed <= bytes.count - start, e.flags & 1 == 0,
      e.method == 0 || e.method == 8
    else { throw .badWorkbook(path) }
    guard e.uncompressed <= cap else { throw .tooLarge(.part(path, megabytes: cap >> 20)) }
    return try ZipPart(
      bytes: bytes, path: path, range: start..<(start + e.compressed), deflated: e.method == 8, crc: e.crc,
      cap: cap)
  }
}

/// Little-endian fields at offsets checked against the end: nil past it.
struct ByteReader {
  let b: [UInt8]
  init(_ b: [UInt8]) { self.b = b }

  func u16(_ at: Int) -> UInt16? {
    guard at >= 0, at <= b.count - 2 else { return nil }
    return UInt16(b[at]) | UInt16(b[at + 1]) << 8
  }
  func u32(_ at: Int) -> UInt32? {
    guard let lo = u16(at), let hi = u16(at + 2) else { return nil }
    return UInt32(lo) | UInt32(hi) << 16
  }
  /// Only values an Int holds without a sign: larger ones are no offset or size in a file.
  func u64(_ at: Int) -> Int? {
    guard let lo = u32(at), let hi = u32(at + 4), hi < 0x8000_0000 else { return nil }
    return Int(lo) | Int(hi) << 32
  }
  func slice(_ at: Int, _ count: Int) -> ArraySlice<UInt8>? {
    guard at >= 0, count >= 0, at <= b.count, count <= b.count - at else { return nil }
    return b[at..<(at + count)]
  }
}

/// One part being unpacked: `next()` gives its bytes 64 KB at a time, counts them against the
/// cap (a zip bomb stops there, whatever the header said), and checks the CRC at the end.
final class ZipPart {
  private let bytes: [UInt8]
  private let path: String
  private var position: Int
  private let end: Int
  private let crc: UInt32
  private let cap: Int
  private var produced = 0
  private var sum: UInt = 0
  private var done = false
  private var z: UnsafeMutablePointer<z_stream>?
  static let chunk = 1 << 16

  init(bytes: [UInt8], path: String, range: Range<Int>, deflated: Bool, crc: UInt32, cap: Int)
    throws(ImportError)
  {
    self.bytes = bytes
    self.path = path
    position = range.lowerBound
    end = range.upperBound
    self.crc = crc
    self.cap = cap
    sum = crc32(0, nil, 0)
    if deflated {
      let s = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
      s.initialize(to: z_stream())
      guard ll_inflate_init_raw(s) == Z_OK else {
        s.deallocate()
        throw .badWorkbook(path)
      }
      z = s
    }
  }

  deinit {
    if let z {
      inflateEnd(z)
      z.deallocate()
    }
  }

  /// The next bytes of the part, nil after the last.
  func next() throws(ImportError) -> [UInt8]? {
    guard !done else { return nil }
    var out: [UInt8]
    if z == nil {
      let n = min(ZipPart.chunk, end - position)
      out = Array(bytes[position..<(position + n)])
      position += n
      if position == end { done = true }
    } else {
      out = try inflateChunk()
    }
    produced += out.count
    guard produced <= cap else { throw .tooLarge(.part(path, megabytes: cap >> 20)) }
    sum = out.withUnsafeBufferPointer { crc32(sum, $0.baseAddress, UInt32($0.count)) }
    if done && UInt32(truncatingIfNeeded: sum) != crc { throw .badWorkbook(path) }
    if out.isEmpty && done { return nil }
    return out
  }

  /// Up to a chunk of inflated bytes; zlib keeps no pointer to either buffer between calls, so
  /// each call points it at them afresh.
  private func inflateChunk() throws(ImportError) -> [UInt8] {
    guard let z else { return [] }
    var out = [UInt8](repeating: 0, count: ZipPart.chunk)
    var filled = 0
    while filled < out.count && !done {
      let before = (position, filled)
      let status: Int32 = bytes.withUnsafeBufferPointer { input in
        out.withUnsafeMutableBufferPointer { output in
          let available = min(end - position, 1 << 30)
          z.pointee.next_in = UnsafeMutablePointer(mutating: input.baseAddress! + position)
          z.pointee.avail_in = UInt32(available)
          z.pointee.next_out = output.baseAddress! + filled
          z.pointee.avail_out = UInt32(output.count - filled)
          let status = inflate(z, Z_NO_FLUSH)
          position += available - Int(z.pointee.avail_in)
          filled = output.count - Int(z.pointee.avail_out)
          return status
        }
      }
      switch status {
      case Z_STREAM_END: done = true
      case Z_OK, Z_BUF_ERROR:
        // Neither input taken nor output made: the data ends before the stream does.
        if before == (position, filled) { throw .badWorkbook(path) }
      default: throw .badWorkbook(path)
      }
    }
    out.removeLast(out.count - filled)
    return out
  }
}
