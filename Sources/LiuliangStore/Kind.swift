import LiuliangModel

/// The six kinds of store file, their names and columns exactly as PRODUCT.md lists them.
public enum Kind: String, CaseIterable, Sendable {
  case customers, visits, posts, promotions, complaints, contacts

  public var fileName: String { rawValue + ".csv" }

  public var columns: [String] {
    switch self {
    case .customers: return CustomerColumn.allCases.map(\.name)
    case .visits: return VisitColumn.allCases.map(\.name)
    case .posts: return PostColumn.allCases.map(\.name)
    case .promotions: return PromotionColumn.allCases.map(\.name)
    case .complaints: return ComplaintColumn.allCases.map(\.name)
    case .contacts: return ContactColumn.allCases.map(\.name)
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
