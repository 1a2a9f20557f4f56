#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Lines of a CSV with no quote in it, each as the ranges of its fields (a reused buffer).
struct PlainLines {
  let b: UnsafeBufferPointer<UInt8>
  var position = 0

  init(_ b: UnsafeBufferPointer<UInt8>) { self.b = b }

  /// The next line's range (without its `\n`), its fields in `fields`; nil at the end.
  mutating func next(into fields: inout [Range<Int>]) -> Range<Int>? {
    guard position < b.count else { return nil }
    fields.removeAll(keepingCapacity: true)
    let start = position
    var fieldStart = position
    while position < b.count {
      let c = b[position]
      if c == CSV.lf { break }
      if c == CSV.comma {
        fields.append(fieldStart..<position)
        fieldStart = position + 1
      }
      position += 1
    }
    fields.append(fieldStart..<position)
    let line = start..<position
    position += 1
    return line
  }
}

/// The log scanned eight bytes at a time: each line's commas counted and its last field
/// handed over; false at the first line not of `commas` commas, or at a byte that is not ASCII
/// or is NUL.
enum LogScan {
  static let ones: UInt64 = 0x0101_0101_0101_0101
  static let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F

  /// 0x80 in each byte of `x` that is zero, and nowhere else.
  @inline(__always) static func zeros(_ x: UInt64) -> UInt64 { ~(((x & low7) &+ low7) | x | low7) }

  static func lines(
    _ b: UnsafeBufferPointer<UInt8>, from start: Int, commas want: Int,
    _ body: (UnsafeBufferPointer<UInt8>) -> Void
  ) -> Bool {
    guard let base = b.baseAddress else { return true }
    let raw = UnsafeRawPointer(base)
    let n = b.count
    var i = start
    var lineStart = start
    var commas = 0
    var lastComma = -1
    var bad: UInt64 = 0
    let newlines = ones &* UInt64(CSV.lf)
    let separators = ones &* UInt64(CSV.comma)
    while i + 8 <= n {
      let w = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
      bad |= (w & ~low7) | zeros(w)
      var nl = zeros(w ^ newlines)
      var cm = zeros(w ^ separators)
      while nl != 0 {
        let bit = nl.trailingZeroBitCount
        let below: UInt64 = (1 << UInt64(bit)) &- 1
        let mine = cm & below
        if mine != 0 {
          commas += mine.nonzeroBitCount
          lastComma = i + (63 - mine.leadingZeroBitCount) / 8
        }
        cm &= ~below
        let end = i + bit / 8
        guard commas == want else { return false }
        if end > lastComma + 1 {
          body(UnsafeBufferPointer(start: base + lastComma + 1, count: end - lastComma - 1))
        }
        commas = 0
        lineStart = end + 1
        nl &= nl &- 1
      }
      if cm != 0 {
        commas += cm.nonzeroBitCount
        lastComma = i + (63 - cm.leadingZeroBitCount) / 8
      }
      i += 8
    }
    while i < n {
      let c = b[i]
      if c >= 0x80 || c == 0 { return false }
      if c == CSV.comma {
        commas += 1
        lastComma = i
      } else if c == CSV.lf {
        guard commas == want else { return false }
        if i > lastComma + 1 {
          body(UnsafeBufferPointer(start: base + lastComma + 1, count: i - lastComma - 1))
        }
        commas = 0
        lineStart = i + 1
      }
      i += 1
    }
    if lineStart < n {
      guard commas == want else { return false }
      if n > lastComma + 1 {
        body(UnsafeBufferPointer(start: base + lastComma + 1, count: n - lastComma - 1))
      }
    }
    return bad == 0
  }
}

/// 11-digit phones (as numbers) → a slot of bytes: the first inserted for a phone stays. Key
/// and value side by side, so that a look-up costs one cache miss, not two.
struct PhoneTable {
  struct Slot {
    var start: Int32
    var count: Int32
  }
  private struct Entry {
    var key: UInt64
    var value: Slot
  }
  private var entries = [Entry](repeating: Entry(key: 0, value: Slot(start: 0, count: 0)), count: 1 << 12)
  private var count = 0

  init() {}

  @inline(__always) static func slot(_ key: UInt64, _ mask: Int) -> Int {
    Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 20) & mask
  }

  mutating func insertFirst(_ phone: UInt64, _ value: Slot) {
    if (count + 1) * 2 > entries.count { grow() }
    let key = phone &+ 1
    let mask = entries.count - 1
    var s = PhoneTable.slot(key, mask)
    while entries[s].key != 0 {
      if entries[s].key == key { return }
      s = (s + 1) & mask
    }
    entries[s] = Entry(key: key, value: value)
    count += 1
  }

  /// The key in the slot where a look-up of `phone` starts, read to bring it into the cache.
  func touch(_ phone: UInt64) -> UInt64 { entries[PhoneTable.slot(phone &+ 1, entries.count - 1)].key }

  func find(_ phone: UInt64) -> Slot? {
    let key = phone &+ 1
    let mask = entries.count - 1
    var s = PhoneTable.slot(key, mask)
    while entries[s].key != 0 {
      if entries[s].key == key { return entries[s].value }
      s = (s + 1) & mask
    }
    return nil
  }

  /// The table as `PhoneCache` keeps it: its bytes, each slot pointing into `ids` (the ids
  /// alone, copied out of `from`, the customers' bytes the table was made from).
  func parts(from: [UInt8]) -> (table: [UInt8], ids: [UInt8]) {
    var ids: [UInt8] = []
    ids.reserveCapacity(count * 12)
    var copy = entries
    for k in copy.indices where copy[k].key != 0 {
      let v = copy[k].value
      copy[k].value.start = Int32(ids.count)
      ids.append(contentsOf: from[Int(v.start)..<(Int(v.start) + Int(v.count))])
    }
    return (copy.withUnsafeBytes { [UInt8]($0) }, ids)
  }

  /// The table `parts` gave and its ids, read straight into their arrays: nil unless it has
  /// the shape `insertFirst` keeps (a power of two, at most half full) and every slot lies
  /// inside the ids. The caller still checks `reader.intact`.
  static func reading(_ r: DerivedFile.Reader, tableBytes: Int) -> (PhoneTable, ids: [UInt8])? {
    let stride = MemoryLayout<Entry>.stride
    let n = tableBytes / stride
    let idBytes = r.left - tableBytes
    guard tableBytes % stride == 0, n >= 1 << 12, n <= 1 << 30, n & (n - 1) == 0, idBytes >= 0 else {
      return nil
    }
    var ok = false
    let table = [Entry](unsafeUninitializedCapacity: n) { buf, filled in
      ok = r.read(into: UnsafeMutableRawBufferPointer(buf))
      filled = ok ? n : 0
    }
    guard ok else { return nil }
    let ids = [UInt8](unsafeUninitializedCapacity: idBytes) { buf, filled in
      ok = r.read(into: UnsafeMutableRawBufferPointer(buf))
      filled = ok ? idBytes : 0
    }
    guard ok else { return nil }
    var used = 0
    for e in table where e.key != 0 {
      guard e.value.start >= 0, e.value.count >= 0, Int(e.value.start) + Int(e.value.count) <= idBytes else {
        return nil
      }
      used += 1
    }
    guard used * 2 <= n else { return nil }
    var phones = PhoneTable()
    phones.entries = table
    phones.count = used
    return (phones, ids)
  }

  private mutating func grow() {
    let old = entries
    entries = [Entry](repeating: Entry(key: 0, value: Slot(start: 0, count: 0)), count: old.count * 2)
    let mask = entries.count - 1
    for e in old where e.key != 0 {
      var s = PhoneTable.slot(e.key, mask)
      while entries[s].key != 0 { s = (s + 1) & mask }
      entries[s] = e
    }
  }
}

/// Whether bytes are UTF-8 as the CSV reader accepts it (no NUL either), ASCII eight at a time.
public enum UTF8Check {
  public static func isValid(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
    guard let base = b.baseAddress else { return true }
    let raw = UnsafeRawPointer(base)
    var i = 0
    let n = b.count
    while i < n {
      if i + 8 <= n {
        let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
        if w & ~LogScan.low7 == 0 && LogScan.zeros(w) == 0 {
          i += 8
          continue
        }
      }
      let c = b[i]
      if c == 0 { return false }
      if c < 0x80 {
        i += 1
        continue
      }
      let need: Int
      var lo: UInt8 = 0x80
      var hi: UInt8 = 0xBF
      switch c {
      case 0xC2...0xDF: need = 1
      case 0xE0:
        need = 2
        lo = 0xA0
      case 0xE1...0xEC, 0xEE...0xEF: need = 2
      case 0xED:
        need = 2
        hi = 0x9F
      case 0xF0:
        need = 3
        lo = 0x90
      case 0xF1...0xF3: need = 3
      case 0xF4:
        need = 3
        hi = 0x8F
      default: return false
      }
      guard i + need < n, (lo...hi).contains(b[i + 1]) else { return false }
      for k in 2..<(need + 1) where !(0x80...0xBF).contains(b[i + k]) { return false }
      i += need + 1
    }
    return true
  }
}
