/// The columns of customers.csv, in the file's order (PRODUCT.md), each with its name and how a
/// customer's field is written there. The store reads by them (`RecordCodec`), the importer
/// finds a row's WeChat id and phone by them, and the customer form names its fields by them.
public enum CustomerColumn: Int, CaseIterable, Sendable {
  case id, name, wechat, phone, tags, source, joined, tier, birthday, churnedOn, churnReason, notes
  case welcomedOn, winBackOn

  /// The column's name in the file.
  public var name: String { Self.names[rawValue] }

  static let names = [
    "id", "name", "wechat", "phone", "tags", "source", "joined", "tier", "birthday", "churned_on",
    "churn_reason", "notes", "welcomed_on", "win_back_on",
  ]

  /// The field as the file holds it.
  public func format(_ c: Customer) -> String {
    switch self {
    case .id: return c.id
    case .name: return c.name
    case .wechat: return c.wechat
    case .phone: return c.phone
    case .tags: return c.tags.joined(separator: ";")
    case .source: return c.source
    case .joined: return c.joined?.description ?? ""
    case .tier: return c.tier.rawValue
    case .birthday: return c.birthday?.description ?? ""
    case .churnedOn: return c.churnedOn?.description ?? ""
    case .churnReason: return c.churnReason?.rawValue ?? ""
    case .notes: return c.notes
    case .welcomedOn: return c.welcomedOn?.description ?? ""
    case .winBackOn: return c.winBackOn?.description ?? ""
    }
  }
}
