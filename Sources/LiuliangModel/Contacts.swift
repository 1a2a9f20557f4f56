/// What a row of contacts.csv says was sent to a customer.
public enum ContactKind: String, CaseIterable, Sendable {
  case welcome, birthday
  case winBack = "win_back"
  case complaint, other

  /// Days after a contact in which a visit of the customer counts as its success: d+1 … d+days.
  /// Nil for the kinds without a rate.
  public var followUpDays: Int? {
    switch self {
    case .winBack, .welcome: return 30
    case .birthday: return 14
    case .complaint, .other: return nil
    }
  }
}

/// One message or gift the owner sent (contacts.csv, append-only like the visit log).
public struct Contact: Sendable, Hashable {
  /// A customers.csv id.
  public var customer: String
  public var date: Day
  public var kind: ContactKind
  public var note: String

  public init(customer: String, date: Day, kind: ContactKind, note: String = "") {
    self.customer = customer
    self.date = date
    self.kind = kind
    self.note = note
  }
}

extension Dataset {
  /// contacts.csv and, before it, the legacy `win_back_on` dates read as win_back contacts
  /// (one per customer, unless contacts.csv already has that win_back contact).
  public var contactLog: [Contact] {
    var legacy = false
    customers.forEachAt { _, c in legacy = legacy || c.pointee.winBackOn != nil }
    guard legacy else { return contacts }
    var logged = Set<Contact>()
    for c in contacts where c.kind == .winBack {
      logged.insert(Contact(customer: c.customer, date: c.date, kind: .winBack))
    }
    var out: [Contact] = []
    for c in customers {
      guard let d = c.winBackOn else { continue }
      let legacy = Contact(customer: c.id, date: d, kind: .winBack)
      if !logged.contains(legacy) { out.append(legacy) }
    }
    return out + contacts
  }
}
