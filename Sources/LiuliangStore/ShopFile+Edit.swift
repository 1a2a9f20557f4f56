import LiuliangModel

/// Where a key's value, or a `[header]`, stands in a TOML file's bytes.
struct TOMLSpan {
  /// The key's whole path (its table's and its own), or the header's table.
  var path: [String]
  /// The `[header]` in effect where it was written: its keys are written relative to it.
  var header: [String]
  /// The value's bytes; for a header, the empty range just after its `]`.
  var value: Range<Int>

  var isHeader: Bool { path == header }
}

extension ShopFile {
  /// One key to write: its table (`[]` for the top) and its value as TOML.
  struct Change {
    var table: [String]
    var key: String
    var value: String
  }

  /// The owner's shop.toml with the settings that differ between `old` and `new` written in:
  /// only the values of those keys change (comments after them, other keys, their order and
  /// the blank lines stay as they were); a key the file lacks goes after the last key of its
  /// table, and a table the file lacks at its end.
  public static func edited(_ text: String, from old: Shop, to new: Shop) -> String {
    var changes: [Change] = []
    if new.name != old.name { changes.append(Change(table: [], key: "name", value: quoted(new.name))) }
    if new.language != old.language {
      changes.append(Change(table: [], key: "language", value: quoted(new.language)))
    }
    if new.slots != old.slots {
      let v = "[" + new.slots.map { quoted($0.description) }.joined(separator: ", ") + "]"
      changes.append(Change(table: [], key: "slots", value: v))
    }
    for (d, key) in Shop.weekdayKeys.enumerated() where (new.hours[d + 1] ?? []) != (old.hours[d + 1] ?? []) {
      changes.append(Change(table: ["hours"], key: key, value: quoted(hoursText(new.hours[d + 1] ?? []))))
    }
    return apply(changes, to: text)
  }

  /// `10:30-14:00,17:00-21:30` as shop.toml writes a day's hours; "" = closed.
  public static func hoursText(_ windows: [ClosedOpenTime]) -> String {
    windows.map { w in w.from.description + "-" + (w.to.minutes == 1440 ? "24:00" : w.to.description) }
      .joined(separator: ",")
  }

  static func apply(_ changes: [Change], to text: String) -> String {
    let bytes = Array(text.utf8)
    var p = TOMLParser(bytes)
    p.document()
    let newline = text.contains("\r\n") ? "\r\n" : "\n"
    // Replacements and insertions by byte offset; insertions at one offset keep their order.
    var replace: [(Range<Int>, String)] = []
    var insert: [Int: String] = [:]
    var newTables: [[String]: String] = [:]
    var newTableOrder: [[String]] = []
    func lineEnd(after k: Int) -> Int {
      if let n = bytes[k...].firstIndex(of: 0x0A) { return n + 1 }
      return bytes.count
    }
    for c in changes {
      let path = c.table + [c.key]
      if let span = p.spans.last(where: { !$0.isHeader && $0.path == path }) {
        replace.append((span.value, c.value))
      } else if let last = p.spans.last(where: { !$0.isHeader && Array($0.path.dropLast()) == c.table }),
        last.header.count <= c.table.count
      {
        let key = path.dropFirst(last.header.count).joined(separator: ".")
        let at = lineEnd(after: last.value.upperBound)
        let lead = at == bytes.count && bytes.last != 0x0A && !bytes.isEmpty ? newline : ""
        insert[at, default: ""] += lead + key + " = " + c.value + newline
      } else if let header = p.spans.last(where: { $0.isHeader && $0.path == c.table }) {
        let at = lineEnd(after: header.value.upperBound)
        let lead = at == bytes.count && bytes.last != 0x0A ? newline : ""
        insert[at, default: ""] += lead + c.key + " = " + c.value + newline
      } else if c.table.isEmpty {
        insert[0, default: ""] += c.key + " = " + c.value + newline
      } else {
        if newTables[c.table] == nil { newTableOrder.append(c.table) }
        newTables[c.table, default: ""] += c.key + " = " + c.value + newline
      }
    }
    var out = bytes
    let edits =
      replace.map { ($0.0, $0.1) } + insert.map { ($0.key..<$0.key, $0.value) }
    for (range, s) in edits.sorted(by: { $0.0.lowerBound > $1.0.lowerBound }) {
      out.replaceSubrange(range, with: Array(s.utf8))
    }
    for t in newTableOrder {
      if !out.isEmpty && out.last != 0x0A { out += Array(newline.utf8) }
      if !out.isEmpty { out += Array(newline.utf8) }
      out += Array(("[" + t.joined(separator: ".") + "]" + newline + newTables[t]!).utf8)
    }
    return String(decoding: out, as: UTF8.self)
  }

  static func quoted(_ s: String) -> String { MessagesFile.quoted(s) }
}

extension Store {
  /// Writes the shop's name, language, hours and slots into shop.toml as the owner's file
  /// stands (see `ShopFile.edited`), atomically and only while this process holds the folder,
  /// never over a version someone changed since it was read.
  public func saveShop(_ shop: Shop) throws(StoreError) {
    let name = ShopFile.name
    try checkWritable(name)
    let text = try Files.read(path(name), name: name).map { String(decoding: $0, as: UTF8.self) } ?? ""
    let after = ShopFile.edited(text, from: saved.shop, to: shop)
    guard after != text else { return }
    try Files.writeAtomically(folder: folder, name: name, bytes: Array(after.utf8))
    signatures[name] = Files.signature(path(name))
  }
}
