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
  // The five dates are kept as a day's number (`StoredDay`): a `Day?` takes 8 bytes with its
  // padding where that takes 4, which a million customers feel (32 MB).
  @StoredDay public var joined: Day?
  @StoredDay public var birthday: Day?
  @StoredDay public var churnedOn: Day?
  @StoredDay public var welcomedOn: Day?
  /// When the owner last tried to win this customer back (liuliang's own column, `win_back_on`).
  @StoredDay public var winBackOn: Day?

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
    self.joined = joined
    self.birthday = birthday
    self.churnedOn = churnedOn
    self.welcomedOn = welcomedOn
    self.winBackOn = winBackOn
  }
}

/// A date or none in 4 bytes: the day's number, `StoredDay.none` for none.
@propertyWrapper
public struct StoredDay: Sendable, Hashable {
  private var raw: Int32

  /// No date: a day number no calendar date reaches (`Day` spans a few thousand years).
  static let none = Int32.min

  public init(wrappedValue: Day?) {
    raw = Self.none
    self.wrappedValue = wrappedValue
  }

  public var wrappedValue: Day? {
    get { raw == Self.none ? nil : Day(raw: raw) }
    set {
      guard let day = newValue else {
        raw = Self.none
        return
      }
      precondition(day.raw != Self.none, "a customer's date is a calendar date")
      raw = day.raw
    }
  }
}

/// One purchase or visit, in 16 bytes: a log of ten million is read on every pass over it, and
/// a third fewer bytes is a third less memory to hold and to read.
///
/// The amount is kept in fen as an `Int32`; the date, time, channel, party and promotion share
/// one 64-bit word. What each can hold is given by `Visit`'s limits below: every date a file
/// can write, any amount up to ¥21,474,836.47, a party up to 16,383 and the first 16,384
/// promotions. Readers and forms check a value against them (`holds`) before making a visit,
/// and report one that does not fit (`ProblemKind.visitLimit`, `.promotionLimit`); a visit
/// made past them in code stops the program rather than keep another number.
public struct Visit: Sendable, Equatable {
  /// Index into `Dataset.customers`; `Visit.walkIn` for an empty customer,
  /// `Visit.unknownCustomer` for an id that customers.csv lacks.
  public var customer: Int32
  @usableFromInline var fen: Int32
  /// From the lowest bit: the date's days since `Visit.firstDay` (22 bits), the time's minutes
  /// (11), the channel's code (2), the party (14) and the promotion (15, signed).
  @usableFromInline var packed: UInt64

  /// `firstDay`'s raw value, written out so that a getter inlined elsewhere folds it.
  @inlinable static var epoch: Int32 { -719_528 }

  /// The first and last dates a visit holds: every date written `YYYY-MM-DD`.
  public static let firstDay = Day(raw: -719_528)
  public static let lastDay = Day(raw: 2_932_896)
  /// The largest amount a visit holds (its fen are an `Int32`).
  public static let maxAmount = Money(fen: Int64(Int32.max))
  public static let minAmount = Money(fen: Int64(Int32.min))
  /// The largest party a visit holds.
  public static let maxParty = 16_383
  /// How many promotions a visit can name: those of promotions.csv's first rows.
  public static let promotionLimit = 16_384

  public var amount: Money {
    @inlinable get { Money(fen: Int64(fen)) }
    set {
      precondition(Visit.holds(amount: newValue), "a visit's amount within Visit.maxAmount")
      fen = Int32(newValue.fen)
    }
  }

  public var date: Day {
    @inlinable get { Day(raw: Int32(truncatingIfNeeded: packed & 0x3F_FFFF) &+ Visit.epoch) }
    set {
      precondition(Visit.holds(date: newValue), "a visit's date between Visit.firstDay and Visit.lastDay")
      set(UInt64(newValue.raw - Visit.epoch), at: 0, bits: 22)
    }
  }

  public var time: TimeOfDay {
    @inlinable get { TimeOfDay(minutes: Int(packed >> 22 & 0x7FF)) }
    set {
      precondition(newValue.minutes >= 0 && newValue.minutes < 0x800, "a visit's time is a time of day")
      set(UInt64(newValue.minutes), at: 22, bits: 11)
    }
  }

  public var channel: Channel {
    @inlinable get { Channel(code: Int(packed >> 33 & 3)) }
    set { set(UInt64(newValue.code), at: 33, bits: 2) }
  }

  /// People at the table, 0 … `Visit.maxParty`.
  public var party: Int16 {
    @inlinable get { Int16(truncatingIfNeeded: packed >> 35 & 0x3FFF) }
    set {
      precondition(Visit.holds(party: Int(newValue)), "a visit's party within 0…Visit.maxParty")
      set(UInt64(newValue), at: 35, bits: 14)
    }
  }

  /// Index into `Dataset.promotions`; `Visit.noPromotion`, or `Visit.unknownPromotion` for an id
  /// that promotions.csv lacks (it still counts as a visit with a promotion).
  public var promotion: Int32 {
    @inlinable get { Int32(truncatingIfNeeded: Int64(bitPattern: packed) >> 49) }
    set {
      precondition(Visit.holds(promotion: newValue), "a visit's promotion within Visit.promotionLimit")
      set(UInt64(bitPattern: Int64(newValue)), at: 49, bits: 15)
    }
  }

  private mutating func set(_ value: UInt64, at shift: Int, bits: Int) {
    let mask: UInt64 = (1 << bits - 1) << shift
    packed = packed & ~mask | value << shift & mask
  }

  public static let walkIn: Int32 = -1
  public static let unknownCustomer: Int32 = -2
  public static let noPromotion: Int32 = -1
  public static let unknownPromotion: Int32 = -2

  // The limits written out, as in `epoch`: a reader checks ten million visits against them.
  @inlinable public static func holds(date: Day) -> Bool { date.raw >= -719_528 && date.raw <= 2_932_896 }
  @inlinable public static func holds(amount: Money) -> Bool {
    amount.fen >= -2_147_483_648 && amount.fen <= 2_147_483_647
  }
  @inlinable public static func holds(party: Int) -> Bool { party >= 0 && party <= 16_383 }
  @inlinable public static func holds(promotion: Int32) -> Bool { promotion >= -2 && promotion < 16_384 }

  /// Inlined where a reader makes ten million of them: the word is put together at once.
  @inlinable public init(
    customer: Int32, date: Day, time: TimeOfDay, amount: Money = .zero, party: Int16 = 1,
    promotion: Int32 = Visit.noPromotion, channel: Channel = .dineIn
  ) {
    precondition(
      Visit.holds(date: date) && Visit.holds(amount: amount) && Visit.holds(party: Int(party))
        && Visit.holds(promotion: promotion) && time.minutes >= 0 && time.minutes < 0x800,
      "a visit's values within Visit's limits")
    self.customer = customer
    fen = Int32(truncatingIfNeeded: amount.fen)
    packed =
      UInt64(UInt32(bitPattern: date.raw &- Visit.epoch)) | UInt64(UInt16(bitPattern: time.minutes)) << 22
      | UInt64(truncatingIfNeeded: channel.code) << 33 | UInt64(UInt16(bitPattern: party)) << 35
      | UInt64(bitPattern: Int64(promotion)) << 49
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
