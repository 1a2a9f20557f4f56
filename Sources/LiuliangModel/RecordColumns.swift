/// The columns of promotions.csv, complaints.csv and contacts.csv, in each file's order
/// (PRODUCT.md), with each column's name and how a record's field is written there. The store
/// reads them by these cases (`RecordCodec`), never by a number.
public enum PromotionColumn: Int, CaseIterable, Sendable {
  case id, name, kind, discount, weekdays, from, to, audience, start, end

  public var name: String {
    ["id", "name", "kind", "discount", "weekdays", "from", "to", "audience", "start", "end"][rawValue]
  }

  public func format(_ p: Promotion) -> String {
    switch self {
    case .id: return p.id
    case .name: return p.name
    case .kind: return p.kind.rawValue
    case .discount: return p.discount
    case .weekdays: return formatWeekdays(p.weekdays)
    case .from: return p.window?.from.description ?? ""
    // A window to the end of the day is written 24:00, as the owner writes it.
    case .to: return p.window.map { $0.to.minutes == 1440 ? "24:00" : $0.to.description } ?? ""
    case .audience: return p.audience == .everyone ? "everyone" : p.audience.description
    case .start: return p.start?.description ?? ""
    case .end: return p.end?.description ?? ""
    }
  }
}

public enum ComplaintColumn: Int, CaseIterable, Sendable {
  case customer, date, reason, text, resolved

  public var name: String { ["customer", "date", "reason", "text", "resolved"][rawValue] }

  public func format(_ c: Complaint) -> String {
    switch self {
    case .customer: return c.customer
    case .date: return c.date.description
    case .reason: return c.reason == .unknown ? "unknown" : c.reason.rawValue
    case .text: return c.text
    case .resolved: return c.resolved ? "1" : "0"
    }
  }
}

public enum ContactColumn: Int, CaseIterable, Sendable {
  case customer, date, kind, note

  public var name: String { ["customer", "date", "kind", "note"][rawValue] }

  public func format(_ c: Contact) -> String {
    switch self {
    case .customer: return c.customer
    case .date: return c.date.description
    case .kind: return c.kind.rawValue
    case .note: return c.note
    }
  }
}

/// The columns of visits.csv. A visit holds its customer and promotion as indexes, so the
/// ids they are written with come from the caller's tables.
public enum VisitColumn: Int, CaseIterable, Sendable {
  case customer, date, time, amount, party, promotion, channel

  public var name: String {
    ["customer", "date", "time", "amount", "party", "promotion", "channel"][rawValue]
  }

  public func format(_ v: Visit, customerID: String, promotionID: String) -> String {
    switch self {
    case .customer: return customerID
    case .date: return v.date.description
    case .time: return v.time.description
    case .amount: return v.amount.description
    case .party: return String(v.party)
    case .promotion: return promotionID
    case .channel: return v.channel.rawValue
    }
  }
}
