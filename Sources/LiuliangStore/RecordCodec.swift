import LiuliangModel

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Each kind's row as a record and back, in the columns of `Kind.columns`.
enum RecordCodec {
  // `allCases` makes a new array at each call; a million rows read these once.
  static let customerColumns = CustomerColumn.allCases
  static let postColumns = PostColumn.allCases

  static func customer(_ r: RowReader) throws(ProblemKind) -> Customer {
    var c = Customer(id: "", name: "")
    for column in customerColumns { try column.read(r, into: &c) }
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

  static func fields(_ c: Customer) -> [String] { customerColumns.map { $0.format(c) } }

  static func post(_ r: RowReader) throws(ProblemKind) -> Post {
    var p = Post(id: "", date: nil, slot: nil, category: .ownerDay)
    for column in postColumns { try column.read(r, into: &p) }
    return p
  }

  static func fields(_ p: Post) -> [String] { postColumns.map { $0.format(p) } }

  static func promotion(_ r: RowReader) throws(ProblemKind) -> Promotion {
    typealias C = PromotionColumn
    let wd = r.text(C.weekdays.rawValue)
    guard let weekdays = parseWeekdays(wd) else { throw .badValue(field: C.weekdays.name, value: wd) }
    let from = try r.time(C.from.rawValue)
    let to = try r.time(C.to.rawValue, endOfDay: true)
    var window: ClosedOpenTime?
    // An empty `from` is 00:00 and an empty `to` is 24:00 (PRODUCT.md); both empty is no window.
    if from != nil || to != nil {
      let f = from ?? TimeOfDay(minutes: 0)
      let t = to ?? TimeOfDay(minutes: 24 * 60)
      guard f < t else {
        throw .windowOrder(
          to: to == nil ? "24:00" : r.text(C.to.rawValue),
          from: from == nil ? "00:00" : r.text(C.from.rawValue))
      }
      window = ClosedOpenTime(from: f, to: t)
    }
    let aud = r.text(C.audience.rawValue)
    guard let audience = Audience(aud) else { throw .badValue(field: C.audience.name, value: aud) }
    let k = C.kind.rawValue
    guard let kind = PromotionKind(rawValue: r.text(k)) else {
      throw r.isEmpty(k) ? .missingValue(field: C.kind.name) : .badValue(field: C.kind.name, value: r.text(k))
    }
    return Promotion(
      id: try r.nonEmpty(C.id.rawValue), name: r.text(C.name.rawValue), kind: kind,
      discount: r.text(C.discount.rawValue), weekdays: weekdays, window: window, audience: audience,
      start: try r.day(C.start.rawValue), end: try r.day(C.end.rawValue))
  }

  static func fields(_ p: Promotion) -> [String] { PromotionColumn.allCases.map { $0.format(p) } }

  static func complaint(_ r: RowReader) throws(ProblemKind) -> Complaint {
    typealias C = ComplaintColumn
    return Complaint(
      customer: r.text(C.customer.rawValue), date: try r.requiredDay(C.date.rawValue),
      reason: try r.value(C.reason.rawValue, Reason.self, empty: .unknown), text: r.text(C.text.rawValue),
      resolved: try r.flag(C.resolved.rawValue))
  }

  static func contact(_ r: RowReader) throws(ProblemKind) -> Contact {
    typealias C = ContactColumn
    let k = C.kind.rawValue
    guard let kind = ContactKind(rawValue: r.text(k)) else {
      throw r.isEmpty(k) ? .missingValue(field: C.kind.name) : .badValue(field: C.kind.name, value: r.text(k))
    }
    return Contact(
      customer: try r.nonEmpty(C.customer.rawValue), date: try r.requiredDay(C.date.rawValue), kind: kind,
      note: r.text(C.note.rawValue))
  }

  static func fields(_ c: Contact) -> [String] { ContactColumn.allCases.map { $0.format(c) } }

  static func fields(_ c: Complaint) -> [String] { ComplaintColumn.allCases.map { $0.format(c) } }
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
    case .tags: c.tags = r.shared?.tags(r.text(k)) ?? RecordCodec.tags(r.text(k))
    case .source: c.source = r.shared?.text(r.text(k)) ?? r.text(k)
    case .joined: c.joined = try r.day(k)
    case .tier: c.tier = try r.value(k, Tier.self, empty: .friend)
    case .birthday: c.birthday = try r.day(k)
    case .churnedOn: c.churnedOn = try r.day(k)
    case .churnReason: c.churnReason = r.isEmpty(k) ? nil : try r.value(k, Reason.self, empty: .unknown)
    case .notes: c.notes = r.shared?.text(r.text(k)) ?? r.text(k)
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
