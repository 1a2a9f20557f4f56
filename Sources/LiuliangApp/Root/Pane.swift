/// The five panes, in the order of their number keys.
public enum Pane: Int, CaseIterable, Sendable {
  case today = 1, customers, moments, promotions, churn

  /// The strings key of the pane's title.
  public var titleKey: String {
    switch self {
    case .today: return "pane.today"
    case .customers: return "pane.customers"
    case .moments: return "pane.moments"
    case .promotions: return "pane.promotions"
    case .churn: return "pane.churn"
    }
  }

  public var next: Pane { Pane(rawValue: rawValue % 5 + 1)! }
  public var previous: Pane { Pane(rawValue: (rawValue + 3) % 5 + 1)! }
}
