import LiuliangModel

/// Marking a customer contacted: one contacts.csv row, appended, and undoable like any change.
extension AppState {
  /// Appends a `kind` contact of customer i dated today. A welcome also sets `welcomed_on`, but
  /// only when it is empty: the first welcome's date is a fact that a later one doesn't change.
  mutating func logContact(_ i: Int, _ kind: ContactKind, note: String = "") -> [Effect] {
    guard mayEdit(), i >= 0, i < dataset.customers.count else { return [] }
    var ds = dataset
    let c = ds.customers[i]
    // A customer welcomed before keeps that date, and a second welcome would count twice in
    // the welcome rate: it is refused with the date it was.
    if kind == .welcome && c.welcomedOn != nil {
      flash(fixedSentence(.welcomed(customer: c.id)), error: true)
      return []
    }
    ds.contacts.append(Contact(customer: c.id, date: today, kind: kind, note: note))
    if kind == .welcome { ds.customers[i].welcomedOn = today }
    return commit(ds, text("done.contact." + kind.rawValue, c.name))
  }

}

/// `y` (and `b` in Customers) where one customer is chosen outside the Today list: the
/// Customers table or detail view, the Churn pane's at-risk list.
func contactAction(_ s: inout AppState, _ action: Action) -> [Effect]? {
  let who: Int?
  switch s.pane {
  case .customers: who = s.customersPane.detail ?? s.currentCustomer
  case .churn where !s.churnPane.complaintFocus:
    who = s.churnPane.atRisk.index < s.atRiskList.count ? s.atRiskList[s.churnPane.atRisk.index] : nil
  default: return nil
  }
  switch action {
  case .prepareMessage:
    guard let i = who else { return [] }
    return s.prepare(i, s.pane == .churn ? .winBack : s.messageKind(for: i))
  case .winBack where s.pane == .customers:
    guard let i = who else { return [] }
    return s.logContact(i, .winBack)
  default: return nil
  }
}

/// `:message KIND TEXT` makes TEXT the store's template for KIND (in messages.toml); without a
/// text the built-in one is used again. Undoable like every change.
func setTemplate(_ s: inout AppState, _ words: [String]) -> [Effect] {
  guard words.count >= 2, let kind = ContactKind(rawValue: words[1]) else {
    s.flash(
      s.text("msg.message_usage", ContactKind.allCases.map(\.rawValue).joined(separator: " ")), error: true)
    return []
  }
  var ds = s.dataset
  let text = words.dropFirst(2).joined(separator: " ")
  ds.shop.messages[kind] = text.isEmpty ? nil : text
  let effects = s.commit(ds, s.text(text.isEmpty ? "done.message_reset" : "done.message_set", kind.rawValue))
  s.todayPane.queue.showsTemplates = true
  return effects
}
