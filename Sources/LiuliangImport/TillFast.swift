import LiuliangModel
import LiuliangStore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A till's order export in CSV, imported from its bytes: the common case of `import --kind
/// visits` (an order number on every row, the member's phone, date and time, amount, party,
/// channel) done without a String per cell, a Visit per log row or a load of the store. Each
/// cell is read only in the spellings whose meaning is plain (`2026-11-16 12:34:00`, `128.5`,
/// `3`, eleven digits); a file with anything else — a quote, another spelling, a row the
/// general path would reject, a row without an order number, a payment bill, `--map` —
/// gives nil, and `Importer` reads it. Both give the same counts, lines and log rows.
public struct TillFast {
  struct Row {
    var line: Int32
    var phone: UInt64?
    var order: Range<Int>
    var visit: Visit
  }

  /// The file's bytes (or their UTF-8 when it is GB18030), the rows' ranges counted from `start`.
  let text: [UInt8]
  let start: Int
  let header: [String]
  let columns: Columns
  let rows: [Row]

  /// The file's rows, read; nil when it is not the plain case.
  public static func read(_ bytes: [UInt8], encoding: TextEncoding?) throws(ImportError) -> TillFast? {
    if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) { return nil }
    // UTF-8 (the common case) is checked without making a String of the whole file.
    let bom = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    let utf8 =
      encoding != .gb18030 && bytes.withUnsafeBufferPointer { UTF8Check.isValid(.init(rebasing: $0[bom...])) }
    // UTF-8 is read where it lies, behind its byte-order mark: a copy of a big export costs
    // as much as reading it.
    let text = utf8 ? bytes : try Sheet.decodeText(bytes, encoding: encoding)
    let start = utf8 ? bom : 0
    let found = text.withUnsafeBufferPointer { whole -> ([String], Columns, [Row])? in
      let b = UnsafeBufferPointer(rebasing: whole[start...])
      guard let base = b.baseAddress else { return nil }
      // A quote, or a NUL (an unreadable row to the CSV reader), is for the general path.
      if memchr(base, Int32(UInt8(ascii: "\"")), b.count) != nil || memchr(base, 0, b.count) != nil {
        return nil
      }
      // A CR only before a LF: a lone CR would end a record where this reader sees none.
      var from = 0
      while from < b.count, let p = memchr(base + from, 0x0D, b.count - from) {
        let i = base.distance(to: p.assumingMemoryBound(to: UInt8.self))
        guard i + 1 < b.count, b[i + 1] == 0x0A else { return nil }
        from = i + 1
      }
      return parse(b)
    }
    guard let (header, columns, rows) = found else { return nil }
    return TillFast(text: text, start: start, header: header, columns: columns, rows: rows)
  }

  private static func parse(_ b: UnsafeBufferPointer<UInt8>) -> ([String], Columns, [Row])? {
    do {
      var lines = Lines(b: b)
      func nextLine() -> Bool { lines.next() }
      var cells: [Range<Int>] { lines.cells }
      var line: Int32 { lines.line }
      func string(_ r: Range<Int>) -> String { String(decoding: b[r], as: UTF8.self) }
      // The header: the first record with a cell not blank, as `Sheet.csv` takes it.
      var found = false
      while nextLine() {
        if cells.contains(where: { !string($0).trimmed.isEmpty }) {
          found = true
          break
        }
      }
      guard found else { return nil }
      let header = cells.map { string($0).trimmed }
      // The header must be the one `ImportInput.read` would settle on, which looks at up to 100 rows.
      let save = lines
      var preview: [Sheet.Row] = []
      while preview.count < 100 && nextLine() {
        preview.append(Sheet.Row(line: Int(line), cells: cells.map(string)))
      }
      lines = save
      let located = Sheet(header: header, rows: preview).locatingHeader(for: .visits)
      guard located.header == header, located.rows.count == preview.count, Bill.detect(header) == nil,
        let columns = try? Columns.map(header: header, kind: .visits)
      else { return nil }
      let field = { (name: String) in columns.column(of: name, in: .visits) }
      guard let date = field("date"), field("customer") == nil, field("promotion") == nil,
        let order = columns.lookup["order"], columns.lookup["wechat"] == nil, columns.lookup["payer"] == nil
      else { return nil }
      var rows: [Row] = []
      // Room for as many rows as the file could hold (pages never written cost nothing), so
      // that a million are not copied each time the array doubles.
      rows.reserveCapacity(b.count / 32)
      let cellsOf = PlainCells(b)
      var channels = ChannelWords()
      let at = PlainCells.Columns(
        width: header.count, date: date, time: field("time"), amount: field("amount"), party: field("party"),
        channel: field("channel"), phone: columns.lookup["phone"], order: order)
      while lines.next() {
        switch cellsOf.row(lines.cells, line: lines.line, at: at, channels: &channels) {
        case .row(let r): rows.append(r)
        case .blank: continue
        case .notPlain: return nil
        }
      }
      return (header, columns, rows)
    }
  }
}

/// A CSV without quotes, a line at a time: its cells' ranges (without a CR before the LF).
struct Lines {
  let b: UnsafeBufferPointer<UInt8>
  var position = 0
  var line: Int32 = 0
  var cells: [Range<Int>] = []

  mutating func next() -> Bool {
    guard position < b.count else { return false }
    line += 1
    cells.removeAll(keepingCapacity: true)
    var start = position
    var i = position
    let n = b.count
    while i < n {
      let c = b[i]
      if c == 0x0A { break }
      if c == UInt8(ascii: ",") {
        cells.append(start..<i)
        start = i + 1
      }
      i += 1
    }
    var end = i
    if end > start && b[end - 1] == 0x0D { end -= 1 }
    cells.append(start..<end)
    position = i + 1
    return true
  }
}

extension TillFast {
  /// What importing the rows into the store does, as `Importer.visits` would work it out, and
  /// the log rows to append: customers by phone (first customer with it), an order number
  /// already in the log or earlier in the file is there, an unmatched phone is a walk-in.
  /// `newVisits` (and so `newVisitOrders`) stay empty: the rows are the bytes.
  public func plan(into target: TillTarget) -> (result: ImportResult, rows: [UInt8]) {
    var result = ImportResult(kind: .visits, header: header, columns: columns, dataset: Dataset())
    var out: [UInt8] = []
    out.reserveCapacity(rows.count * 64)
    result.added.reserveCapacity(rows.count)
    target.withLookups { ids, l in
      l.reserveOrders(rows.count)
      text.withUnsafeBufferPointer { whole in
        let b = UnsafeBufferPointer(rebasing: whole[start...])
        // A batch of rows at a time: first every place its look-ups will read is read (see
        // `TillTarget.Lookups.warm`), so that their cache misses overlap, then the rows.
        var i = 0
        while i < rows.count {
          let batch = rows[i..<min(i + 16, rows.count)]
          for r in batch { l.warm(phone: r.phone, order: UnsafeBufferPointer(rebasing: b[r.order])) }
          for r in batch { if let p = r.phone { l.warmID(phone: p, ids: ids) } }
          i = batch.endIndex
          for r in batch {
            var id = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
            if let phone = r.phone {
              if let found = l.customerID(phone: phone) {
                id = UnsafeBufferPointer(rebasing: ids[found])
              } else {
                result.unmatched.append(Unmatched(line: Int(r.line), value: PlainCells.digits(phone)))
              }
            }
            let order = UnsafeBufferPointer(rebasing: b[r.order])
            guard l.insertOrder(order) else {
              result.alreadyThere.append(Int(r.line))
              continue
            }
            let name = String(decoding: id, as: UTF8.self)
            if id.isEmpty { result.walkIns += 1 } else { result.matched += 1 }
            result.added.append(Change(line: Int(r.line), id: name, fields: []))
            TillTarget.appendRow(r.visit, customerID: id, order: order, to: &out)
          }
        }
      }
    }
    result.unchanged = result.alreadyThere.count
    return (result, out)
  }
}
