import LiuliangModel

/// Complaints newest first, open ones before resolved: the order the log shows.
func complaintOrder(_ s: AppState) -> [Int] { s.analysis.complaintLog.order }

func churnAction(_ s: inout AppState, _ action: Action) -> [Effect]? {
  let x = s.text
  let visible = Layouts.complaintRows(s)
  switch action {
  case .switchBox: s.churnPane.complaintFocus.toggle()
  case .down where s.churnPane.complaintFocus: s.churnPane.complaints.move(by: 1, visible: visible)
  case .up where s.churnPane.complaintFocus: s.churnPane.complaints.move(by: -1, visible: visible)
  case .top where s.churnPane.complaintFocus: s.churnPane.complaints.jump(to: 0, visible: visible)
  case .bottom where s.churnPane.complaintFocus:
    s.churnPane.complaints.jump(to: s.churnPane.complaints.count - 1, visible: visible)
  case .winBack:
    guard s.churnPane.atRisk.index < s.atRiskList.count else { return [] }
    let effects = s.logContact(s.atRiskList[s.churnPane.atRisk.index], .winBack)
    s.churnPane.atRisk.move(by: 1, visible: Layouts.atRiskRows(s))
    return effects
  case .add:
    guard s.mayEdit() else { return [] }
    let k =
      s.churnPane.atRisk.index < s.atRiskList.count && !s.churnPane.complaintFocus
      ? s.atRiskList[s.churnPane.atRisk.index] : nil
    var fields = complaintFields(s, customer: k.map { s.dataset.customers[$0].id } ?? "")
    // Found already: the form's frames need not look the id up in the pool.
    if let k, let c = fields.firstIndex(where: { $0.check == .customer }) { fields[c].found = [Int32(k)] }
    s.overlay = .form(Form(.addComplaint, title: x["form.add_complaint"], fields))
  case .resolve:
    let order = complaintOrder(s)
    guard s.mayEdit(), s.churnPane.complaints.index < order.count else { return [] }
    var ds = s.dataset
    let k = order[s.churnPane.complaints.index]
    ds.complaints[k].resolved.toggle()
    return s.commit(
      ds, x(ds.complaints[k].resolved ? "done.resolved" : "done.reopened", ds.complaints[k].text))
  case .open where s.churnPane.complaintFocus:
    let order = complaintOrder(s)
    guard s.churnPane.complaints.index < order.count,
      let c = s.complaintCustomers[order[s.churnPane.complaints.index]]
    else { return [] }
    openCustomer(&s, c)
  case .open:
    guard s.churnPane.atRisk.index < s.atRiskList.count else { return [] }
    openCustomer(&s, s.atRiskList[s.churnPane.atRisk.index])
  default: return nil
  }
  return []
}

/// The Customers pane with this customer's details, filters cleared if they hid them.
func openCustomer(_ s: inout AppState, _ c: Int) {
  s.pushBack()
  s.pane = .customers
  if !s.customersPane.list.order.contains(c) {
    s.customersPane.list.filters = [:]
    s.refreshList()
  }
  s.customersPane.cursor.jump(
    to: s.customersPane.list.order.firstIndex(of: c) ?? 0, visible: Layouts.customerRows(s))
  s.customersPane.detail = c
  s.customersPane.detailScroll = 0
}

/// A complaint form's fields, by the file's columns: who, why, what, then when. `customer` nil
/// leaves the customer out (the form opened on that customer knows it).
func complaintFields(_ s: AppState, customer: String?) -> [FormField] {
  let columns: [ComplaintColumn] = [.customer, .reason, .text, .date]
  return columns.compactMap { column in
    let label = "field." + column.name
    switch column {
    case .customer: return customer.map { FormField(label, $0, .customer) }
    case .reason: return FormField(label, "", .reason)
    case .text: return FormField(label, "", .required)
    default: return FormField(label, s.today.description, .requiredDate)
    }
  }
}

/// The complaint a valid form describes, for customer id.
func complaint(_ f: Form, customer id: String) -> Complaint {
  func field(_ c: ComplaintColumn) -> String { f.fields.first { $0.label == "field." + c.name }?.text ?? "" }
  return Complaint(
    customer: id, date: Day(field(.date))!, reason: Reason(rawValue: field(.reason)) ?? .unknown,
    text: field(.text))
}

func submitComplaint(_ s: inout AppState, _ f: Form) -> [Effect] {
  var ds = s.dataset
  // The customer field takes an id, a WeChat id, a phone or a name only one customer has.
  let q = f.fields.first { $0.label == "field." + ComplaintColumn.customer.name }?.text ?? ""
  var id = ""
  if !q.isEmpty {
    let hits = ds.customers.filter { $0.id == q || $0.wechat == q || $0.phone == q || $0.name == q }
    if hits.count != 1 {
      s.flash(s.text(hits.isEmpty ? "msg.no_such_customer" : "msg.ambiguous_customer", q), error: true)
      s.overlay = .form(f)
      return []
    }
    id = hits[0].id
  }
  let c = complaint(f, customer: id)
  ds.complaints.append(c)
  return s.commit(ds, s.text("done.complaint_logged", c.text))
}
