import Dispatch
import LiuliangModel

extension SearchIndex {
  /// Customers per piece: small enough that the cores share the pieces out evenly (the sort
  /// orders are being made beside this), big enough that a search spends its time in the scan.
  public static let pieceSize = 32_768

  /// The index of a pool: per customer, name, the name's pinyin and initials, phone, WeChat id,
  /// tags (joined by spaces) and notes, lowercased; each followed by a unit separator (a match
  /// never spans two fields), the record by a newline.
  public init(_ cs: ChunkedArray<Customer>, pieceSize: Int = SearchIndex.pieceSize) {
    let pinyin = NamePinyin(count: cs.count) { cs[$0].name }
    let n = (cs.count + pieceSize - 1) / pieceSize
    var pieces = [Piece?](repeating: nil, count: n)
    var counts = [[Int]](repeating: [], count: n)
    pieces.withUnsafeMutableBufferPointer { pieces in
      counts.withUnsafeMutableBufferPointer { counts in
        let out = Out(pieces: pieces.baseAddress!, counts: counts.baseAddress!)
        DispatchQueue.concurrentPerform(iterations: n) { k in
          let range = k * pieceSize..<min(cs.count, (k + 1) * pieceSize)
          (out.pieces[k], out.counts[k]) = Self.piece(cs, range, pinyin)
        }
      }
    }
    var byteCounts = [Int](repeating: 0, count: 256)
    for c in counts { for b in 0..<256 { byteCounts[b] += c[b] } }
    self.init(pieces: pieces.map { $0! }, byteCounts: byteCounts)
  }

  /// The index after customers `changed` were edited, the pool as many as before: only the
  /// pieces holding them are made again, equal to making the whole index anew. Nil when the
  /// pool's size changed.
  public func updating(_ cs: ChunkedArray<Customer>, changed: [Int]) -> SearchIndex? {
    guard cs.count == count else { return nil }
    var pieces = pieces
    var byteCounts = byteCounts
    for k in Set(changed.compactMap { i in pieces.firstIndex { $0.first <= i && i < $0.first + $0.count } }) {
      let range = pieces[k].first..<pieces[k].first + pieces[k].count
      let pinyin = NamePinyin(count: range.upperBound, from: range.lowerBound) { cs[$0].name }
      let (piece, counts) = Self.piece(cs, range, pinyin)
      let was = Self.sampledCounts(pieces[k].bytes)
      for b in 0..<256 { byteCounts[b] += counts[b] - was[b] }
      pieces[k] = piece
    }
    return SearchIndex(pieces: pieces, byteCounts: byteCounts)
  }

  private struct Out: @unchecked Sendable {
    let pieces: UnsafeMutablePointer<Piece?>
    let counts: UnsafeMutablePointer<[Int]>
  }

  private static func piece(_ cs: ChunkedArray<Customer>, _ range: Range<Int>, _ pinyin: NamePinyin) -> (
    Piece, [Int]
  ) {
    let unit: UInt8 = 0x1F
    var w = ByteWriter(capacity: range.count * 112)
    defer { w.free() }
    var starts: [Int32] = [0]
    starts.reserveCapacity(range.count + 1)
    for i in range {
      let c = cs[i]
      // The fields in `SearchKind`'s order, each ended by the separator even when empty, so
      // that a hit's field is the count of separators before it.
      UTF8Text.appendLowercased(c.name, to: &w)
      w.append(unit)
      let before = w.count
      pinyin.append(i, c.name, separator: unit, to: &w)
      if w.count == before {
        w.append(unit)
        w.append(unit)
      }
      for f in [c.phone, c.wechat] {
        UTF8Text.appendLowercased(f, to: &w)
        w.append(unit)
      }
      appendTags(c.tags, to: &w)
      UTF8Text.appendLowercased(c.notes, to: &w)
      w.append(unit)
      w.append(0x0A)
      precondition(w.count <= Int(Int32.max), "a search piece outgrew 32-bit offsets")
      starts.append(Int32(w.count))
    }
    let bytes = [UInt8](UnsafeBufferPointer(start: w.base, count: w.count))
    return (Piece(first: range.lowerBound, bytes: bytes, starts: starts), sampledCounts(bytes))
  }

  /// `tags.joined(separator: " ").lowercased()` and a separator.
  private static func appendTags(_ tags: [String], to w: inout ByteWriter) {
    guard tags.count > 1 || tags.first?.isEmpty == false else { return w.append(0x1F) }
    let simple = tags.allSatisfy { UTF8Text.withBytes($0, UTF8Text.isASCIIOrCaseless) }
    if simple {
      for (k, t) in tags.enumerated() {
        if k > 0 { w.append(0x20) }
        UTF8Text.withBytes(t) { w.appendASCIILowercased($0) }
      }
    } else {
      w.append(tags.joined(separator: " ").lowercased())
    }
    w.append(0x1F)
  }

  /// Byte frequencies from every fourth byte: they only choose which needle byte to scan for,
  /// so an estimate does, at a quarter of the cost.
  private static func sampledCounts(_ bytes: [UInt8]) -> [Int] {
    var counts = [Int](repeating: 0, count: 256)
    counts.withUnsafeMutableBufferPointer { c in
      bytes.withUnsafeBufferPointer { b in
        var i = 0
        while i < b.count {
          c[Int(b[i])] += 1
          i += 4
        }
      }
    }
    return counts
  }
}
