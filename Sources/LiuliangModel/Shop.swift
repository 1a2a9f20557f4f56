/// The settings of shop.toml, with PRODUCT.md's defaults.

public struct Thresholds: Sendable, Equatable {
  public var activeDays = 30
  public var repurchaseWindowDays = 90
  public var repurchaseTarget = 0.5
  public var newDays = 30
  public var rfmWindowDays = 365
  public var superTopShare = 0.2
  public var superMaxRecencyDays = 30
  public var atRiskGapFactor = 2.0
  public var atRiskMinDays = 30
  public var atRiskSingleVisitDays = 60
  public var atRiskMaxDays = 180
  public var sleepingDays = 180
  public var loyalVisits = 4
  public var slotWeeks = 8
  public var offpeakRatio = 0.5
  public var peakRatio = 1.5
  public var discountWindowDays = 90
  public var discountWarning = 0.4
  public var onlyOnDiscountMinVisits = 3
  public var onlyOnDiscountShare = 0.8
  public var birthdayDays = 7
  public var maxPostsPerDay = 3
  public var maxPromoShare = 1.0 / 3.0
  public var churnWindowDays = 365
  public var silentPerComplaint = 26
  /// Days an at-risk customer marked for win-back stays off the reach-out list (not in
  /// PRODUCT.md's shop.toml keys; fixed).
  public var winBackDays = 30
  public init() {}
}

public struct Shop: Sendable, Equatable {
  public var name: String
  /// shop.toml's `language`, empty when the file names none: then the locale decides.
  public var language: String
  public var slots: [TimeOfDay]
  /// Opening hours by weekday 1 (Monday) … 7; an empty list = closed.
  public var hours: [Int: [ClosedOpenTime]]
  public var thresholds: Thresholds
  /// The store's own message templates (messages.toml), by contact kind; a kind missing here
  /// uses the one in Resources.
  public var messages: [ContactKind: String] = [:]
  /// shop.toml's `mouse`: false leaves clicks and the wheel to the terminal, as `--no-mouse`.
  public var mouse = true

  public init(
    name: String = "", language: String = "",
    slots: [TimeOfDay] = ["07:30", "11:30", "17:30", "21:00"].compactMap { TimeOfDay($0) },
    hours: [Int: [ClosedOpenTime]] = [:], thresholds: Thresholds = Thresholds()
  ) {
    self.name = name
    self.language = language
    self.slots = slots
    self.hours = hours
    self.thresholds = thresholds
  }

  /// Whether the hour [h:00, h+1:00) overlaps the opening hours of the weekday.
  public func isOpen(weekday: Int, hour: Int) -> Bool {
    (hours[weekday] ?? []).contains { $0.overlaps(hour: hour) }
  }

  public static let weekdayKeys = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]

  /// Parses `10:30-14:00,17:00-21:30`; "" = closed.
  public static func parseHours(_ text: String) -> [ClosedOpenTime]? {
    var out: [ClosedOpenTime] = []
    for part in text.split(separator: ",") {
      let ends = part.split(separator: "-")
      guard ends.count == 2, let a = TimeOfDay(ends[0].trimmingCharactersInSpaces),
        let b = TimeOfDay(ends[1].trimmingCharactersInSpaces, allowEndOfDay: true), a < b
      else { return nil }
      out.append(ClosedOpenTime(from: a, to: b))
    }
    return out
  }
}

/// Everything the store holds, typed: what every number is computed from.
public struct Dataset: Sendable, Equatable {
  public var shop: Shop
  public var customers: ChunkedArray<Customer> { didSet { foundCustomers = FoundCustomers() } }
  public var visits: VisitLog
  public var posts: [Post]
  public var promotions: [Promotion]
  public var complaints: [Complaint] { didSet { foundCustomers = FoundCustomers() } }
  /// contacts.csv: what was sent to whom, oldest row first.
  public var contacts: [Contact] { didSet { foundCustomers = FoundCustomers() } }
  /// The contacts' and complaints' customers as the store found them, while these arrays are
  /// the ones it read.
  public var foundCustomers = FoundCustomers()

  public init(
    shop: Shop = Shop(), customers: ChunkedArray<Customer> = [], visits: VisitLog = [], posts: [Post] = [],
    promotions: [Promotion] = [], complaints: [Complaint] = [], contacts: [Contact] = []
  ) {
    self.shop = shop
    self.customers = customers
    self.visits = visits
    self.posts = posts
    self.promotions = promotions
    self.complaints = complaints
    self.contacts = contacts
  }

  /// customers.csv id → index.
  public func customerIndex() -> [String: Int32] {
    var d = [String: Int32](minimumCapacity: customers.count)
    for (i, c) in customers.enumerated() where d[c.id] == nil { d[c.id] = Int32(i) }
    return d
  }
}
