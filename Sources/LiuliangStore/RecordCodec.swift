import LiuliangModel

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Each kind's row as a record and back, in the columns of `Kind.columns`.
enum RecordCodec {
  static func customer(_ r: RowReader) throws(ProblemKind) -> Customer {
    var c = Customer(id: "", name: "")
    for column in CustomerColumn.allCases { try column.read(r, into: &c) }
    return c
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

  static func fields(_ c: Customer) -> [String] { CustomerColumn.allCases.map { $0.format(c) } }

  static func post(_ r: RowReader) throws(ProblemKind) -> Post {
    var p = Post(id: "", date: nil, slot: nil, category: .ownerDay)
    for column in PostColumn.allCases { try column.read(r, into: &p) }
    return p
  }

  static func fields(_ p: Post) -> [String] { PostColumn.allCases.map { $0.format(p) } }

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

extension CustomerColumn {
  /// Reads the column's field of a row into the customer; a bad value is the row's problem.
  func read(_ r: RowReader, into c: inout Customer) throws(ProblemKind) {
    let k = rawValue
    switch self {
    case .id: c.id = try r.nonEmpty(k)
    case .name: c.name = r.text(k)
    case .wechat: c.wechat = r.text(k)
    case .phone: c.phone = r.text(k)
    case .tags: c.tags = RecordCodec.tags(r.text(k))
    case .source: c.source = r.text(k)
    case .joined: c.joined = try r.day(k)
    case .tier: c.tier = try r.value(k, Tier.self, empty: .friend)
    case .birthday: c.birthday = try r.day(k)
    case .churnedOn: c.churnedOn = try r.day(k)
    case .churnReason: c.churnReason = r.isEmpty(k) ? nil : try r.value(k, Reason.self, empty: .unknown)
    case .notes: c.notes = r.text(k)
    case .welcomedOn: c.welcomedOn = try r.day(k)
    case .winBackOn: c.winBackOn = try r.day(k)
    }
  }
}

extension PostColumn {
  /// Reads the column's field of a row into the post; the status read after the date, as an
  /// empty status is an idea without a date and planned with one.
  func read(_ r: RowReader, into p: inout Post) throws(ProblemKind) {
    let k = rawValue
    switch self {
    case .id: p.id = try r.nonEmpty(k)
    case .date: p.date = try r.day(k)
    case .slot: p.slot = try r.time(k)
    case .category: p.category = try r.value(k, PostCategory.self, empty: .ownerDay)
    case .text: p.text = r.text(k)
    case .media: p.media = r.text(k)
    case .benefit: p.benefit = try r.flag(k)
    case .meaning: p.meaning = try r.flag(k)
    case .fun: p.fun = try r.flag(k)
    case .status: p.status = try r.value(k, PostStatus.self, empty: p.date == nil ? .idea : .planned)
    case .likes: p.likes = try r.count(k)
    case .comments: p.comments = try r.count(k)
    }
  }
}
