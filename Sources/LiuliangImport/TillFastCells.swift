import LiuliangModel
import LiuliangStore

/// One till row's cells read in their plain spellings only, each giving what `Values` and the
/// store's codec make of it; anything else is `.notPlain`.
struct PlainCells {
  let b: UnsafeBufferPointer<UInt8>

  init(_ b: UnsafeBufferPointer<UInt8>) { self.b = b }

  struct Columns {
    var width: Int
    var date: Int
    var time: Int?
    var amount: Int?
    var party: Int?
    var channel: Int?
    var phone: Int?
    var order: Int
  }

  enum Read {
    case row(TillFast.Row)
    case blank
    case notPlain
  }

  static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || (0x09...0x0D).contains(c) }

  /// The cell without ASCII spaces and tabs around it; nil when what is left starts or ends
  /// with a byte past ASCII (it might be a full-width space, which `trimmed` also takes).
  func trimmed(_ r: Range<Int>) -> Range<Int>? {
    var lo = r.lowerBound
    var hi = r.upperBound
    while lo < hi && PlainCells.isSpace(b[lo]) { lo += 1 }
    while hi > lo && PlainCells.isSpace(b[hi - 1]) { hi -= 1 }
    if lo < hi && (b[lo] >= 0x80 || b[hi - 1] >= 0x80) { return nil }
    return lo..<hi
  }

  func number(_ r: Range<Int>) -> Int? {
    guard !r.isEmpty, r.count <= 9 else { return nil }
    var n = 0
    for i in r {
      let d = b[i]
      guard d >= 0x30 && d <= 0x39 else { return nil }
      n = n * 10 + Int(d - 0x30)
    }
    return n
  }

  /// `9:05`, `13:45` or `13:45:00` → minutes, as `Values.time` reads them.
  func time(_ r: Range<Int>) -> Int? {
    let n = r.count
    guard n == 4 || n == 5 || n == 8 else { return nil }
    let colon = r.lowerBound + (n == 4 ? 1 : 2)
    guard b[colon] == UInt8(ascii: ":"), let h = number(r.lowerBound..<colon), h < 24,
      let m = number((colon + 1)..<(colon + 3)), m < 60
    else { return nil }
    if n == 8 {
      guard b[colon + 3] == UInt8(ascii: ":"), let s = number((colon + 4)..<(colon + 6)), s < 60 else {
        return nil
      }
    }
    return h * 60 + m
  }

  func row(_ cells: [Range<Int>], line: Int32, at c: Columns, channels: inout ChannelWords) -> Read {
    // Cells past the header must be empty, or the general path rejects the row.
    for k in c.width..<max(c.width, cells.count) where trimmed(cells[k])?.isEmpty != true { return .notPlain }
    // A column the file lacks reads as empty; nil is a cell that is not plain.
    func cell(_ k: Int?) -> Range<Int>? {
      guard let k else { return 0..<0 }
      return k < cells.count ? trimmed(cells[k]) : 0..<0
    }
    // A row without a date is blank (skipped) if every cell is, else one the general path rejects.
    guard let d = cell(c.date), !d.isEmpty else {
      return cells.allSatisfy({ trimmed($0)?.isEmpty == true }) ? .blank : .notPlain
    }
    guard let tc = cell(c.time), let a = cell(c.amount), let p = cell(c.party), let ph = cell(c.phone),
      let o = cell(c.order)
    else { return .notPlain }
    // The date, and the time after it when there is no time column (or it is empty).
    guard d.count >= 10,
      let day = Day(utf8: UnsafeBufferPointer(rebasing: b[d.lowerBound..<(d.lowerBound + 10)])),
      b[d.lowerBound + 4] == UInt8(ascii: "-")
    else { return .notPlain }
    var minutes: Int?
    if d.count > 10 {
      guard b[d.lowerBound + 10] == 0x20 || b[d.lowerBound + 10] == UInt8(ascii: "T") else {
        return .notPlain
      }
      var from = d.lowerBound + 11
      while from < d.upperBound && PlainCells.isSpace(b[from]) { from += 1 }
      guard let m = time(from..<d.upperBound) else { return .notPlain }
      minutes = m
    }
    if !tc.isEmpty {
      guard let m = time(tc) else { return .notPlain }
      minutes = m
    }
    guard let minutes else { return .notPlain }
    var amount = Money.zero
    if !a.isEmpty {
      guard let dot = b[a].firstIndex(of: UInt8(ascii: ".")) ?? Optional(a.upperBound),
        number(a.lowerBound..<dot) != nil,
        dot == a.upperBound || (a.upperBound - dot >= 2 && a.upperBound - dot <= 3),
        dot == a.upperBound || number((dot + 1)..<a.upperBound) != nil,
        let m = Money(yuanUTF8: UnsafeBufferPointer(rebasing: b[a])), m.fen >= 0, m <= Visit.maxAmount
      else { return .notPlain }
      amount = m
    }
    var party = 1
    if !p.isEmpty {
      // Four digits are always within `Visit.maxParty`.
      guard p.count <= 4, let n = number(p) else { return .notPlain }
      party = n
    }
    var channel = Channel.dineIn
    if let k = c.channel, k < cells.count {
      guard let ch = channels.channel(UnsafeBufferPointer(rebasing: b[cells[k]])) else { return .notPlain }
      channel = ch
    }
    var phone: UInt64?
    if !ph.isEmpty {
      guard b[ph].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return .notPlain }
      if ph.count == 11 {
        var n: UInt64 = 0
        for x in b[ph] { n = n * 10 + UInt64(x - 0x30) }
        phone = n
      }
    }
    guard !o.isEmpty, b[o].allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
      return .notPlain
    }
    let visit = Visit(
      customer: Visit.walkIn, date: day, time: TimeOfDay(minutes: minutes), amount: amount,
      party: Int16(party), promotion: Visit.noPromotion, channel: channel)
    return .row(TillFast.Row(line: line, phone: phone, order: o, visit: visit))
  }

  static func digits(_ phone: UInt64) -> String {
    let s = String(phone)
    return String(repeating: "0", count: max(0, 11 - s.count)) + s
  }
}

/// The channel each distinct cell of the channel column means, worked out once per spelling
/// by `Values.word` and the store's own reading of the word: a till has a handful.
struct ChannelWords {
  private var known: [([UInt8], Channel?)] = []

  mutating func channel(_ cell: UnsafeBufferPointer<UInt8>) -> Channel? {
    for (bytes, c) in known where bytes.elementsEqual(cell) { return c }
    guard known.count < 64 else { return nil }
    let word = Values.word(String(decoding: cell, as: UTF8.self), field: "channel")
    let c: Channel? = word.isEmpty ? .dineIn : Channel(rawValue: word)
    known.append((Array(cell), c))
    return c
  }
}
