import LiuliangModel

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The six kinds of store file, their names and columns exactly as PRODUCT.md lists them.
public enum Kind: String, CaseIterable, Sendable {
  case customers, visits, posts, promotions, complaints, contacts

  public var fileName: String { rawValue + ".csv" }

  public var columns: [String] {
    switch self {
    case .customers:
      return [
        "id", "name", "wechat", "phone", "tags", "source", "joined", "tier", "birthday", "churned_on",
        "churn_reason", "notes", "welcomed_on", "win_back_on",
      ]
    case .visits: return ["customer", "date", "time", "amount", "party", "promotion", "channel"]
    case .posts:
      return [
        "id", "date", "slot", "category", "text", "media", "benefit", "meaning", "fun", "status", "likes",
        "comments",
      ]
    case .promotions:
      return ["id", "name", "kind", "discount", "weekdays", "from", "to", "audience", "start", "end"]
    case .complaints: return ["customer", "date", "reason", "text", "resolved"]
    case .contacts: return ["customer", "date", "kind", "note"]
    }
  }

  /// liuliang's own columns beyond PRODUCT.md's: written only once some row has a value.
  public var optionalColumns: Set<String> { self == .customers ? ["win_back_on"] : [] }

  /// Values that read the same as an empty field: a file without the column needs no new column
  /// to hold them.
  var emptyEquivalents: [String: String] {
    switch self {
    case .customers: return ["tier": "friend"]
    case .visits: return ["party": "1", "channel": "dine-in", "amount": "0"]
    case .posts: return ["benefit": "0", "meaning": "0", "fun": "0", "likes": "0", "comments": "0"]
    case .promotions: return ["audience": "everyone"]
    case .complaints: return ["reason": "unknown", "resolved": "0"]
    case .contacts: return [:]
    }
  }

  /// Columns without which no row of the file can be read.
  var required: [String] {
    switch self {
    case .customers, .posts: return ["id"]
    case .visits: return ["date", "time"]
    case .promotions: return ["id", "kind"]
    case .complaints: return ["date"]
    case .contacts: return ["customer", "date", "kind"]
    }
  }
}

/// A row's fields by known column, "" for a column the file lacks.
struct RowReader {
  let record: CSVRecord
  let map: [Int?]
  let columns: [String]

  func text(_ k: Int) -> String { map[k].map(record.field) ?? "" }

  /// The field's bytes when they are its text as they stand (not quoted); empty for a column
  /// the file lacks; nil for a quoted field, which needs `text`.
  func plainBytes(_ k: Int) -> UnsafeBufferPointer<UInt8>? {
    guard let i = map[k] else { return UnsafeBufferPointer(start: nil, count: 0) }
    if i < record.count && record.quoted[i] { return nil }
    return record.fieldBytes(i)
  }
  func isEmpty(_ k: Int) -> Bool { map[k].map(record.fieldIsEmpty) ?? true }

  func day(_ k: Int) throws(ProblemKind) -> Day? {
    if isEmpty(k) { return nil }
    // A million customers have five dates each: read them without making Strings.
    if let b = plainBytes(k), let d = Day(utf8: b) { return d }
    let t = text(k)
    guard let d = Day(t) else { throw .badValue(field: columns[k], value: t) }
    return d
  }

  func requiredDay(_ k: Int) throws(ProblemKind) -> Day {
    guard let d = try day(k) else { throw .missingValue(field: columns[k]) }
    return d
  }

  func time(_ k: Int, endOfDay: Bool = false) throws(ProblemKind) -> TimeOfDay? {
    if isEmpty(k) { return nil }
    let t = text(k)
    guard let v = TimeOfDay(t, allowEndOfDay: endOfDay) else { throw .badValue(field: columns[k], value: t) }
    return v
  }

  func value<T: RawRepresentable>(_ k: Int, _: T.Type, empty: T) throws(ProblemKind) -> T
  where T.RawValue == String {
    if isEmpty(k) { return empty }
    let t = text(k)
    guard let v = T(rawValue: t) else { throw .badValue(field: columns[k], value: t) }
    return v
  }

  func flag(_ k: Int) throws(ProblemKind) -> Bool {
    let t = text(k).trimmingSpaces
    guard let v = parseFlag(t) else { throw .badValue(field: columns[k], value: t) }
    return v
  }

  func count(_ k: Int) throws(ProblemKind) -> Int {
    if isEmpty(k) { return 0 }
    let t = text(k)
    guard let v = Int(t), v >= 0 else { throw .badValue(field: columns[k], value: t) }
    return v
  }

  func nonEmpty(_ k: Int) throws(ProblemKind) -> String {
    let t = text(k)
    guard !t.isEmpty else { throw .missingValue(field: columns[k]) }
    return t
  }
}

extension String {
  var trimmingSpaces: String {
    var s = Substring(self)
    while s.first == " " { s.removeFirst() }
    while s.last == " " { s.removeLast() }
    return String(s)
  }
}

enum RecordCodec {
  static func customer(_ r: RowReader) throws(ProblemKind) -> Customer {
    Customer(
      id: try r.nonEmpty(0), name: r.text(1), wechat: r.text(2), phone: r.text(3),
      tags: tags(r.text(4)),
      source: r.text(5), joined: try r.day(6), tier: try r.value(7, Tier.self, empty: .friend),
      birthday: try r.day(8), churnedOn: try r.day(9),
      churnReason: r.isEmpty(10) ? nil : try r.value(10, Reason.self, empty: .unknown), notes: r.text(11),
      welcomedOn: try r.day(12), winBackOn: try r.day(13))
  }

  /// `a; b;;c` → ["a", "b", "c"], split and trimmed by bytes (splitting by Characters would
  /// look for grapheme breaks in every customer's tags).
  static func tags(_ text: String) -> [String] {
    guard !text.isEmpty else { return [] }
    var out: [String] = []
    let semicolon = UInt8(ascii: ";")
    let space = UInt8(ascii: " ")
    for part in text.utf8.split(separator: semicolon) {
      var lo = part.startIndex
      var hi = part.endIndex
      while lo < hi && part[lo] == space { lo = part.index(after: lo) }
      while hi > lo && part[part.index(before: hi)] == space { hi = part.index(before: hi) }
      if lo < hi { out.append(String(Substring(text.utf8[lo..<hi]))) }
    }
    return out
  }

  static func fields(_ c: Customer) -> [String] {
    [
      c.id, c.name, c.wechat, c.phone, c.tags.joined(separator: ";"), c.source, c.joined?.description ?? "",
      c.tier.rawValue, c.birthday?.description ?? "", c.churnedOn?.description ?? "",
      c.churnReason?.rawValue ?? "",
      c.notes, c.welcomedOn?.description ?? "", c.winBackOn?.description ?? "",
    ]
  }

  /// A visit, with the customer and promotion ids resolved to indexes by the caller's tables.
  static func visit(_ r: RowReader, customer: (String) -> Int32?, promotion: (String) -> Int32?)
    throws(ProblemKind) -> (Visit, unknown: ProblemKind?)
  {
    var unknown: ProblemKind?
    var who = Visit.walkIn
    if !r.isEmpty(0) {
      let id = r.text(0)
      if let i = customer(id) {
        who = i
      } else {
        who = Visit.unknownCustomer
        unknown = .unknownCustomer(id)
      }
    }
    let date = try r.requiredDay(1)
    guard let time = try r.time(2) else { throw .missingValue(field: "time") }
    var amount = Money.zero
    if !r.isEmpty(3) {
      let t = r.text(3)
      guard let m = Money(yuan: t), m.fen >= 0 else { throw .badValue(field: "amount", value: t) }
      amount = m
    }
    let party = r.isEmpty(4) ? 1 : try r.count(4)
    guard party <= Int(Int16.max) else { throw .badValue(field: "party", value: r.text(4)) }
    var promo = Visit.noPromotion
    if !r.isEmpty(5) {
      let id = r.text(5)
      if let i = promotion(id) {
        promo = i
      } else {
        promo = Visit.unknownPromotion
        if unknown == nil { unknown = .unknownPromotion(id) }
      }
    }
    let channel = try r.value(6, Channel.self, empty: .dineIn)
    return (
      Visit(
        customer: who, date: date, time: time, amount: amount, party: Int16(party), promotion: promo,
        channel: channel), unknown
    )
  }

  /// The channel these bytes name. The first byte picks the one candidate and its whole name
  /// must match; a channel not listed here just takes the general path. (Walking
  /// `Channel.allCases` would make both cores fight over that array's reference count.)
  static func channel(_ b: UnsafeBufferPointer<UInt8>) -> Channel? {
    let c: Channel
    switch b.first {
    case UInt8(ascii: "d"): c = .dineIn
    case UInt8(ascii: "t"): c = .takeaway
    case UInt8(ascii: "g"): c = .groupBuy
    case UInt8(ascii: "m"): c = .momentsOrder
    default: return nil
    }
    let name = c.rawValue.utf8
    guard name.count == b.count else { return nil }
    let same = name.withContiguousStorageIfAvailable { memcmp($0.baseAddress!, b.baseAddress!, b.count) == 0 }
    return same == true ? c : nil
  }

  /// A visit read straight from the row's bytes, for rows like the generator and the dashboard
  /// write; nil for anything else (quotes, an unknown id, a value to complain about), which
  /// `visit(_:customers:promotions:)` then reads — so both give the same visit or problem.
  static func plainVisit(
    _ field: (Int) -> UnsafeBufferPointer<UInt8>?, customers: ByteIDIndex.View, promotions: ByteIDIndex.View
  ) -> Visit? {
    guard let cb = field(0), let db = field(1), let tb = field(2), let ab = field(3), let pb = field(4),
      let xb = field(5), let chb = field(6)
    else { return nil }
    var who = Visit.walkIn
    if cb.count > 0 {
      guard let i = customers.lookup(cb) else { return nil }
      who = i
    }
    guard let date = Day(utf8: db), let time = TimeOfDay(utf8: tb) else { return nil }
    var amount = Money.zero
    if ab.count > 0 {
      guard let m = Money(yuanUTF8: ab), m.fen >= 0 else { return nil }
      amount = m
    }
    var party = 1
    if pb.count > 0 {
      guard pb.count <= 4 else { return nil }
      party = 0
      for b in pb {
        guard b >= 0x30, b <= 0x39 else { return nil }
        party = party * 10 + Int(b - 0x30)
      }
    }
    var promo = Visit.noPromotion
    if xb.count > 0 {
      guard let i = promotions.lookup(xb) else { return nil }
      promo = i
    }
    var channel = Channel.dineIn
    if chb.count > 0 {
      guard let c = RecordCodec.channel(chb) else { return nil }
      channel = c
    }
    return Visit(
      customer: who, date: date, time: time, amount: amount, party: Int16(party), promotion: promo,
      channel: channel)
  }

  static func fields(_ v: Visit, customerID: String, promotionID: String) -> [String] {
    [
      customerID, v.date.description, v.time.description, v.amount.description, String(v.party), promotionID,
      v.channel.rawValue,
    ]
  }

  /// The row of `fields(_:customerID:promotionID:)` after its customer field, as bytes, with
  /// its line ending: the same bytes `CSV.appendRecord` makes of those fields.
  static func appendFields(_ v: Visit, promotionID: [UInt8], to out: inout [UInt8]) {
    out.append(CSV.comma)
    let c = v.date.civil
    appendDigits(c.year, 4, &out)
    out.append(UInt8(ascii: "-"))
    appendDigits(c.month, 2, &out)
    out.append(UInt8(ascii: "-"))
    appendDigits(c.day, 2, &out)
    out.append(CSV.comma)
    appendDigits(Int(v.time.minutes) / 60, 2, &out)
    out.append(UInt8(ascii: ":"))
    appendDigits(Int(v.time.minutes) % 60, 2, &out)
    out.append(CSV.comma)
    let fen = v.amount.fen
    if fen < 0 { out.append(UInt8(ascii: "-")) }
    let a = fen.magnitude
    appendDigits(Int(a / 100), 1, &out)
    if a % 100 != 0 {
      out.append(UInt8(ascii: "."))
      appendDigits(Int(a % 100), 2, &out)
    }
    out.append(CSV.comma)
    if v.party < 0 { out.append(UInt8(ascii: "-")) }
    appendDigits(Int(v.party.magnitude), 1, &out)
    out.append(CSV.comma)
    out.append(contentsOf: promotionID)
    out.append(CSV.comma)
    out.append(contentsOf: v.channel.rawValue.utf8)
    out.append(CSV.lf)
  }

  /// Decimal digits of a non-negative value, zero-padded to `width`.
  static func appendDigits(_ value: Int, _ width: Int, _ out: inout [UInt8]) {
    var digits:
      (
        UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
        UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8
      ) =
        (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
    var n = 0
    var v = value
    withUnsafeMutableBytes(of: &digits) { d in
      repeat {
        d[n] = UInt8(truncatingIfNeeded: 0x30 + v % 10)
        v /= 10
        n += 1
      } while v > 0 || n < width
      while n > 0 {
        n -= 1
        out.append(d[n])
      }
    }
  }

  static func post(_ r: RowReader) throws(ProblemKind) -> Post {
    let date = try r.day(1)
    let status = try r.value(9, PostStatus.self, empty: date == nil ? .idea : .planned)
    return Post(
      id: try r.nonEmpty(0), date: date, slot: try r.time(2),
      category: try r.value(3, PostCategory.self, empty: .ownerDay),
      text: r.text(4), media: r.text(5), benefit: try r.flag(6), meaning: try r.flag(7), fun: try r.flag(8),
      status: status, likes: try r.count(10), comments: try r.count(11))
  }

  static func fields(_ p: Post) -> [String] {
    [
      p.id, p.date?.description ?? "", p.slot?.description ?? "", p.category.rawValue, p.text, p.media,
      p.benefit ? "1" : "0", p.meaning ? "1" : "0", p.fun ? "1" : "0", p.status.rawValue, String(p.likes),
      String(p.comments),
    ]
  }

  static func promotion(_ r: RowReader) throws(ProblemKind) -> Promotion {
    let wd = r.text(4)
    guard let weekdays = parseWeekdays(wd) else { throw .badValue(field: "weekdays", value: wd) }
    let from = try r.time(5)
    let to = try r.time(6, endOfDay: true)
    var window: ClosedOpenTime?
    // An empty `from` is 00:00 and an empty `to` is 24:00 (PRODUCT.md); both empty is no window.
    if from != nil || to != nil {
      let f = from ?? TimeOfDay(minutes: 0)
      let t = to ?? TimeOfDay(minutes: 24 * 60)
      guard f < t else {
        throw .windowOrder(to: to == nil ? "24:00" : r.text(6), from: from == nil ? "00:00" : r.text(5))
      }
      window = ClosedOpenTime(from: f, to: t)
    }
    let aud = r.text(7)
    guard let audience = Audience(aud) else { throw .badValue(field: "audience", value: aud) }
    guard let kind = PromotionKind(rawValue: r.text(2)) else {
      throw r.isEmpty(2) ? .missingValue(field: "kind") : .badValue(field: "kind", value: r.text(2))
    }
    return Promotion(
      id: try r.nonEmpty(0), name: r.text(1), kind: kind, discount: r.text(3), weekdays: weekdays,
      window: window,
      audience: audience, start: try r.day(8), end: try r.day(9))
  }

  static func fields(_ p: Promotion) -> [String] {
    [
      p.id, p.name, p.kind.rawValue, p.discount, formatWeekdays(p.weekdays), p.window?.from.description ?? "",
      p.window.map { $0.to.minutes == 1440 ? "24:00" : $0.to.description } ?? "",
      p.audience == .everyone ? "everyone" : p.audience.description, p.start?.description ?? "",
      p.end?.description ?? "",
    ]
  }

  static func complaint(_ r: RowReader) throws(ProblemKind) -> Complaint {
    Complaint(
      customer: r.text(0), date: try r.requiredDay(1), reason: try r.value(2, Reason.self, empty: .unknown),
      text: r.text(3), resolved: try r.flag(4))
  }

  static func contact(_ r: RowReader) throws(ProblemKind) -> Contact {
    guard let kind = ContactKind(rawValue: r.text(2)) else {
      throw r.isEmpty(2) ? .missingValue(field: "kind") : .badValue(field: "kind", value: r.text(2))
    }
    return Contact(customer: try r.nonEmpty(0), date: try r.requiredDay(1), kind: kind, note: r.text(3))
  }

  static func fields(_ c: Contact) -> [String] { [c.customer, c.date.description, c.kind.rawValue, c.note] }

  static func fields(_ c: Complaint) -> [String] {
    [
      c.customer, c.date.description, c.reason == .unknown ? "unknown" : c.reason.rawValue, c.text,
      c.resolved ? "1" : "0",
    ]
  }
}

/// Ids → index, looked up by a field's bytes without making a String. Byte-equal ids are equal
/// Strings, so a hit is what the `[String: Int32]` index says; a miss may still be a
/// canonically equal id, so callers take the String path then.
struct ByteIDIndex {
  private var bytes: [UInt8] = []
  private var starts: [Int] = [0]
  private var slots: [Int32]
  private var mask: Int

  /// Ids that are one prefix and the row number, zero-padded (C0001, C0002, … as the dashboard
  /// and the generator give them): then an id is its index, with no table to miss the cache in.
  private var numbered: (prefix: [UInt8], width: Int)?
  private var count = 0
  /// Ids seen before: (where, where first), in file order. The first of equal ids wins.
  private(set) var duplicates: [(at: Int, first: Int)] = []

  init(_ ids: [String]) {
    count = ids.count
    if let first = ids.first {
      let prefix = Array(first.utf8.prefix { $0 < 0x30 || $0 > 0x39 })
      let width = first.utf8.count - prefix.count
      let fits = width > 0 && width < 18 && String(ids.count).utf8.count <= width
      if fits
        && ids.enumerated().allSatisfy({ i, id in
          Self.isNumbered(id, prefix, width, i + 1)
        })
      {
        numbered = (prefix, width)
        slots = []
        mask = 0
        return
      }
    }
    var size = 16
    while size < ids.count * 2 { size *= 2 }
    slots = [Int32](repeating: -1, count: size)
    mask = size - 1
    bytes.reserveCapacity(ids.count * 8)
    starts.reserveCapacity(ids.count + 1)
    for (i, id) in ids.enumerated() {
      bytes.append(contentsOf: id.utf8)
      starts.append(bytes.count)
      let found = bytes.withUnsafeBufferPointer { b in
        lookup(UnsafeBufferPointer(rebasing: b[starts[i]..<starts[i + 1]]))
      }
      if let found {
        duplicates.append((at: i, first: Int(found)))
        continue
      }
      var h = Self.hash(id.utf8) & mask
      while slots[h] >= 0 { h = (h + 1) & mask }
      slots[h] = Int32(i)
    }
  }

  static func hash<C: Collection>(_ b: C) -> Int where C.Element == UInt8 {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for c in b { h = (h ^ UInt64(c)) &* 0x100_0000_01b3 }
    // FNV's low bits mix poorly, and the table is indexed by them: finish like MurmurHash3.
    h = (h ^ (h >> 33)) &* 0xff51_afd7_ed55_8ccd
    h = (h ^ (h >> 33)) &* 0xc4ce_b9fe_1a85_ec53
    return Int(truncatingIfNeeded: h ^ (h >> 33))
  }

  static func isNumbered(_ id: String, _ prefix: [UInt8], _ width: Int, _ n: Int) -> Bool {
    var id = id
    return id.withUTF8 { u in
      guard u.count == prefix.count + width, u.starts(with: prefix) else { return false }
      var v = n
      for k in stride(from: u.count - 1, through: u.count - width, by: -1) {
        if u[k] != UInt8(0x30 + v % 10) { return false }
        v /= 10
      }
      return v == 0
    }
  }

  func lookup(_ key: UnsafeBufferPointer<UInt8>) -> Int32? { withView { $0.lookup(key) } }

  func lookup(_ id: String) -> Int32? {
    var id = id
    return id.withUTF8 { lookup($0) }
  }

  /// The index as bare pointers, valid inside `body`. Lookups through it take no reference
  /// counts: the log is read on both cores, which would otherwise fight over them on every row.
  func withView<R>(_ body: (View) -> R) -> R {
    // The arrays are not changed while the view is used, so their addresses stay valid.
    let prefix = numbered?.prefix ?? []
    return prefix.withUnsafeBufferPointer { prefix in
      bytes.withUnsafeBufferPointer { b in
        starts.withUnsafeBufferPointer { st in
          slots.withUnsafeBufferPointer { sl in
            body(
              View(
                prefix: prefix, width: numbered?.width, count: count, bytes: b, starts: st, slots: sl,
                mask: mask))
          }
        }
      }
    }
  }

  struct View: @unchecked Sendable {
    let prefix: UnsafeBufferPointer<UInt8>
    /// Set when the ids are numbered (see `numbered`).
    let width: Int?
    let count: Int
    let bytes: UnsafeBufferPointer<UInt8>
    let starts: UnsafeBufferPointer<Int>
    let slots: UnsafeBufferPointer<Int32>
    let mask: Int

    func lookup(_ key: UnsafeBufferPointer<UInt8>) -> Int32? {
      if let width {
        guard key.count == prefix.count + width else { return nil }
        for k in 0..<prefix.count where key[k] != prefix[k] { return nil }
        var n = 0
        for k in prefix.count..<key.count {
          let b = key[k]
          guard b >= 0x30, b <= 0x39 else { return nil }
          n = n * 10 + Int(b - 0x30)
        }
        return n >= 1 && n <= count ? Int32(n - 1) : nil
      }
      var h = ByteIDIndex.hash(key) & mask
      while true {
        let i = slots[h]
        if i < 0 { return nil }
        let lo = starts[Int(i)]
        let hi = starts[Int(i) + 1]
        if hi - lo == key.count
          && (key.count == 0 || memcmp(bytes.baseAddress! + lo, key.baseAddress!, key.count) == 0)
        {
          return i
        }
        h = (h + 1) & mask
      }
    }
  }
}
