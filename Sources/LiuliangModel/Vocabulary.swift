/// The fixed id lists of PRODUCT.md. Files keep these raw values; screens show words from Resources.

public enum Tier: String, CaseIterable, Sendable {
  case friend, vip, member
}

public enum Reason: String, CaseIterable, Sendable {
  case staffIndifference = "staff_indifference"
  case product, competitor
  case friendInfluence = "friend_influence"
  case moved, died
  case productQuality = "product_quality"
  case serviceQuality = "service_quality"
  case buyingExperience = "buying_experience"
  case discountStopped = "discount_stopped"
  case unknown

  /// The first source text's breakdown of why customers leave (shares of 1).
  public var benchmarkShare: Double? {
    switch self {
    case .staffIndifference: return 0.68
    case .product: return 0.14
    case .competitor: return 0.09
    case .friendInfluence: return 0.05
    case .moved: return 0.03
    case .died: return 0.01
    default: return nil
    }
  }
}

public enum Channel: String, CaseIterable, Sendable {
  case dineIn = "dine-in"
  case takeaway
  case groupBuy = "group-buy"
  case momentsOrder = "moments-order"

  /// A small number for `Visit`'s packed field (at most 3: it has two bits).
  @usableFromInline var code: Int {
    switch self {
    case .dineIn: return 0
    case .takeaway: return 1
    case .groupBuy: return 2
    case .momentsOrder: return 3
    }
  }

  @usableFromInline init(code: Int) {
    switch code {
    case 1: self = .takeaway
    case 2: self = .groupBuy
    case 3: self = .momentsOrder
    default: self = .dineIn
    }
  }
}

public enum PostCategory: String, CaseIterable, Sendable {
  case sourcing
  case newDish = "new_dish"
  case promotion, review, game
  case ownerDay = "owner_day"
  case video
}

public enum PostStatus: String, CaseIterable, Sendable {
  case idea, planned, posted, skipped
  /// Planned and posted posts are the ones the content-plan checks count.
  public var counts: Bool { self == .planned || self == .posted }
}

public enum PromotionKind: String, CaseIterable, Sendable {
  case offpeak
  case friendsMenu = "friends_menu"
  case vipPriority = "vip_priority"
  case groupBuy = "group_buy"
  case welcomeGift = "welcome_gift"
}

public enum Segment: String, CaseIterable, Sendable {
  case churned, superUser = "super", new, atRisk = "at_risk", sleeping, loyal, regular
}

public enum Audience: Hashable, Sendable, CustomStringConvertible {
  case everyone, friends, vip, members
  case segment(Segment)
  case tag(String)

  public init?(_ text: String) {
    switch text {
    case "everyone", "": self = .everyone
    case "friends": self = .friends
    case "vip": self = .vip
    case "members": self = .members
    default:
      if text.hasPrefix("segment:"), let s = Segment(rawValue: String(text.dropFirst(8))) {
        self = .segment(s)
      } else if text.hasPrefix("tag:"), text.count > 4 {
        self = .tag(String(text.dropFirst(4)))
      } else {
        return nil
      }
    }
  }

  public var description: String {
    switch self {
    case .everyone: return "everyone"
    case .friends: return "friends"
    case .vip: return "vip"
    case .members: return "members"
    case .segment(let s): return "segment:" + s.rawValue
    case .tag(let t): return "tag:" + t
    }
  }
}

/// Yes/no fields are written 1/0; true/false, yes/no and 是/否 are read too.
public func parseFlag(_ text: String) -> Bool? {
  switch text.lowercased() {
  case "1", "true", "yes", "y", "\u{662F}": return true
  case "0", "false", "no", "n", "\u{5426}", "": return false
  default: return nil
  }
}
