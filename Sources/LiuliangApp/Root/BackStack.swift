import LiuliangRender

/// Where Enter on another pane's list came from when it opened a customer: the pane, every
/// list position there and the Customers table's filters, so that Esc puts all of it back.
public struct BackStep: Equatable, Sendable {
  var pane: Pane
  var reach: ListCursor
  var churn: ChurnState
  var customers: ListCursor
  var filters: [CustomerList.Dimension: String]
  var detail: Int?
  var detailScroll: Int
}

extension AppState {
  /// Remembers where the owner is, before a customer is opened from elsewhere.
  mutating func pushBack() {
    back.append(
      BackStep(
        pane: pane, reach: todayPane.reach, churn: churnPane, customers: customersPane.cursor,
        filters: customersPane.list.filters,
        detail: customersPane.detail,
        detailScroll: customersPane.detailScroll))
  }

  /// Returns to where the last customer was opened from; false when nothing was.
  mutating func goBack() -> Bool {
    guard let b = back.popLast() else { return false }
    if customersPane.list.filters != b.filters {
      customersPane.list.filters = b.filters
      refreshList()
    }
    customersPane.cursor = b.customers
    customersPane.detail = b.detail
    customersPane.detailScroll = b.detailScroll
    todayPane.reach = b.reach
    churnPane = b.churn
    pane = b.pane
    // The data may have changed meanwhile (a visit logged): the cursors stay inside the lists.
    clampCursors()
    return true
  }

  /// The status line's trail while a customer opened from elsewhere is shown (`今日 › 杨军`).
  var trail: String? {
    guard let b = back.last, pane == .customers, let d = customersPane.detail, d < dataset.customers.count
    else {
      return nil
    }
    return text("status.trail", text[b.pane.titleKey], dataset.customers[d].name)
  }
}

extension Action {
  var switchesPane: Bool {
    switch self {
    case .pane, .nextPane, .previousPane: return true
    default: return false
    }
  }
}
