/// One row of each store file, typed. Fields a file lacks read as empty/nil.

public struct Customer: Sendable, Hashable {
  public var id: String
  public var name: String
  public var wechat: String
  public var phone: String
  public var tags: [String]
  public var source: String
  public var notes: String
  public var tier: Tier
  public var churnReason: Reason?
  // The five dates are kept as a day's raw number, `Customer.noDay` for none: a `Day?` takes
  // 8 bytes with its padding where this takes 4, which a million customers feel (32 MB).
  private var joinedRaw: Int32
  private var birthdayRaw: Int32
  private var churnedOnRaw: Int32
  private var welcomedOnRaw: Int32
  private var winBackOnRaw: Int32

  public var joined: Day? {
    get { Self.day(joinedRaw) }
    set { joinedRaw = Self.raw(newValue) }
  }
  public var birthday: Day? {
    get { Self.day(birthdayRaw) }
    set { birthdayRaw = Self.raw(newValue) }
  }
  public var churnedOn: Day? {
    get { Self.day(churnedOnRaw) }
    set { churnedOnRaw = Self.raw(newValue) }
  }
  public var welcomedOn: Day? {
    get { Self.day(welcomedOnRaw) }
    set { welcomedOnRaw = Self.raw(newValue) }
  }
  /// When the owner last tried to win this customer back (liuliang's own column, `win_back_on`).
  public var winBackOn: Day? {
    get { Self.day(winBackOnRaw) }
    set { winBackOnRaw = Self.raw(newValue) }
  }

  /// No date: a day number no calendar date reaches (`Day` spans a few thousand years).
  static let noDay = Int32.min

  @inline(__always) static func day(_ raw: Int32) -> Day? { raw == noDay ? nil : Day(raw: raw) }
  @inline(__always) static func raw(_ day: Day?) -> Int32 {
    guard let day else { return noDay }
    precondition(day.raw != noDay, "a customer's date is a calendar date")
    return day.raw
  }

  public init(
    id: String, name: String, wechat: String = "", phone: String = "", tags: [String] = [],
    source: String = "", joined: Day? = nil, tier: Tier = .friend, birthday: Day? = nil,
    churnedOn: Day? = nil, churnReason: Reason? = nil, notes: String = "", welcomedOn: Day? = nil,
    winBackOn: Day? = nil
  ) {
    self.id = id
    self.name = name
    self.wechat = wechat
    self.phone = phone
    self.tags = tags
    self.source = source
    self.tier = tier
    self.churnReason = churnReason
    self.notes = notes
    joinedRaw = Self.raw(joined)
    birthdayRaw = Self.raw(birthday)
    churnedOnRaw = Self.raw(churnedOn)
    welcomedOnRaw = Self.raw(welcomedOn)
    winBackOnRaw = Self.raw(winBackOn)
  }
}

/// One purchase or visit. Compact, because a chain's log holds ten million of them: 24 bytes.
public struct Visit: Sendable, Equatable {
  public var amount: Money
  /// Index into `Dataset.customers`; `Visit.walkIn` for an empty customer,
  /// `Visit.unknownCustomer` for an id that customers.csv lacks.
  public var customer: Int32
  public var date: Day
  /// Index into `Dataset.promotions`; `Visit.noPromotion`, or `Visit.unknownPromotion` for an id
  /// that promotions.csv lacks (it still counts as a visit with a promotion).
  public var promotion: Int32
  public var party: Int16
  /// The time's minutes (below 8192) and the channel's code above them: apart they would
  /// round a visit up to 32 bytes.
  var timeAndChannel: UInt16

  public var time: TimeOfDay {
    get { TimeOfDay(minutes: Int(timeAndChannel & 0x1FFF)) }
    set {
      precondition(newValue.minutes >= 0 && newValue.minutes < 0x2000, "a visit's time is a time of day")
      timeAndChannel = timeAndChannel & 0xE000 | UInt16(newValue.minutes)
    }
  }

  public var channel: Channel {
    get { Channel(code: Int(timeAndChannel >> 13)) }
    set { timeAndChannel = timeAndChannel & 0x1FFF | UInt16(newValue.code) << 13 }
  }

  public static let walkIn: Int32 = -1
  public static let unknownCustomer: Int32 = -2
  public static let noPromotion: Int32 = -1
  public static let unknownPromotion: Int32 = -2

  public init(
    customer: Int32, date: Day, time: TimeOfDay, amount: Money = .zero, party: Int16 = 1,
    promotion: Int32 = Visit.noPromotion, channel: Channel = .dineIn
  ) {
    self.customer = customer
    self.date = date
    self.amount = amount
    self.party = party
    self.promotion = promotion
    timeAndChannel = 0
    self.time = time
    self.channel = channel
  }

  public var hasPromotion: Bool { promotion != Visit.noPromotion }
  public var isKnownCustomer: Bool { customer >= 0 }
}

public struct Post: Sendable, Hashable {
  public var id: String
  /// Nil for an idea not yet given a day.
  public var date: Day?
  public var slot: TimeOfDay?
  public var category: PostCategory
  public var text: String
  public var media: String
  public var benefit: Bool
  public var meaning: Bool
  public var fun: Bool
  public var status: PostStatus
  public var likes: Int
  public var comments: Int

  public init(
    id: String, date: Day?, slot: TimeOfDay?, category: PostCategory, text: String = "",
    media: String = "", benefit: Bool = false, meaning: Bool = false, fun: Bool = false,
    status: PostStatus = .planned, likes: Int = 0, comments: Int = 0
  ) {
    self.id = id
    self.date = date
    self.slot = slot
    self.category = category
    self.text = text
    self.media = media
    self.benefit = benefit
    self.meaning = meaning
    self.fun = fun
    self.status = status
    self.likes = likes
    self.comments = comments
  }

  public var passesNoTest: Bool { !benefit && !meaning && !fun }
}

public struct Promotion: Sendable, Hashable {
  public var id: String
  public var name: String
  public var kind: PromotionKind
  public var discount: String
  /// Weekdays 1 (Monday) … 7; empty means every day.
  public var weekdays: Set<Int>
  /// Nil when both `from` and `to` are empty: no time window.
  public var window: ClosedOpenTime?
  public var audience: Audience
  public var start: Day?
  public var end: Day?

  public init(
    id: String, name: String, kind: PromotionKind, discount: String = "", weekdays: Set<Int> = [],
    window: ClosedOpenTime? = nil, audience: Audience = .everyone, start: Day? = nil, end: Day? = nil
  ) {
    self.id = id
    self.name = name
    self.kind = kind
    self.discount = discount
    self.weekdays = weekdays
    self.window = window
    self.audience = audience
    self.start = start
    self.end = end
  }

  public func isActive(on day: Day) -> Bool {
    (start.map { $0 <= day } ?? true) && (end.map { day <= $0 } ?? true)
  }

  public func appliesOn(weekday: Int) -> Bool { weekdays.isEmpty || weekdays.contains(weekday) }
}

/// A half-open time window [from, to).
public struct ClosedOpenTime: Sendable, Equatable, Hashable {
  public var from: TimeOfDay
  public var to: TimeOfDay
  public init(from: TimeOfDay, to: TimeOfDay) {
    self.from = from
    self.to = to
  }
  /// Whether [from, to) overlaps the hour [h:00, h+1:00).
  public func overlaps(hour h: Int) -> Bool {
    Int(from.minutes) < (h + 1) * 60 && Int(to.minutes) > h * 60
  }
}

public struct Complaint: Sendable, Hashable {
  /// A customers.csv id, or empty.
  public var customer: String
  public var date: Day
  public var reason: Reason
  public var text: String
  public var resolved: Bool

  public init(
    customer: String, date: Day, reason: Reason = .unknown, text: String = "", resolved: Bool = false
  ) {
    self.customer = customer
    self.date = date
    self.reason = reason
    self.text = text
    self.resolved = resolved
  }
}

/// Parses `1-5`, `6,7`, `1-3,6`; empty = every day (returns the empty set).
public func parseWeekdays(_ text: String) -> Set<Int>? {
  var out = Set<Int>()
  for part in text.split(separator: ",") {
    let bounds = part.split(separator: "-", omittingEmptySubsequences: false)
    let nums = bounds.map { Int($0.trimmingCharactersInSpaces) }
    guard (1...2).contains(nums.count), let a = nums.first ?? nil, let b = nums.last ?? nil,
      (1...7).contains(a), (1...7).contains(b), a <= b
    else { return nil }
    for d in a...b { out.insert(d) }
  }
  return out
}

/// Formats a weekday set back as compactly as `parseWeekdays` reads it.
public func formatWeekdays(_ days: Set<Int>) -> String {
  let sorted = days.sorted()
  var parts: [String] = []
  var i = 0
  while i < sorted.count {
    var j = i
    while j + 1 < sorted.count && sorted[j + 1] == sorted[j] + 1 { j += 1 }
    parts.append(
      j > i + 1 ? "\(sorted[i])-\(sorted[j])" : (i...j).map { String(sorted[$0]) }.joined(separator: ","))
    i = j + 1
  }
  return parts.joined(separator: ",")
}

extension Substring {
  var trimmingCharactersInSpaces: Substring {
    var s = self
    while s.first == " " { s.removeFirst() }
    while s.last == " " { s.removeLast() }
    return s
  }
}
