import LiuliangModel
import LiuliangRender
import LiuliangReport
import LiuliangText

/// The Customers pane's own actions; nil when the action is a plain list move.
func customersAction(_ s: inout AppState, _ action: Action) -> [Effect]? {
  let x = s.text
  let current = s.currentCustomer
  switch action {
  case .search:
    s.ensureSearchIndex()
    s.overlay = .search(TextField(text: s.customersPane.list.query))
  case .nextMatch, .previousMatch:
    jumpToMatch(&s, forward: action == .nextMatch, includeCurrent: false)
  case .back where s.customersPane.detail == nil && !s.customersPane.list.query.isEmpty:
    endSearch(&s)
  case .sort:
    let items = CustomerList.Column.allCases.map { c -> (label: String, value: PickValue) in
      let mark = s.customersPane.list.sort == c ? (s.customersPane.list.descending ? " ↓" : " ↑") : ""
      return (x[c.titleKey] + mark, .column(c))
    }
    s.overlay = .picker(
      Picker(.sort, title: x["picker.sort"], items: items, cursor: s.customersPane.list.sort?.rawValue ?? 0))
  case .filter:
    // The counts come with the orders: made now when they have not come yet.
    s.ensureOrders()
    var items: [(label: String, value: PickValue)] = [(x["picker.filter_clear"], .clearFilters)]
    for d in CustomerList.Dimension.allCases {
      for (v, n) in s.customersPane.list.orders?.choices[d] ?? CustomerList.choices(d, s.dataset, s.analysis)
      {
        let on = s.customersPane.list.filters[d] == v ? "✓ " : "  "
        items.append(
          (on + x["filter." + d.rawValue] + ": " + word(s, d, v) + " (\(n))", .filter(d, v)))
      }
    }
    s.overlay = .picker(Picker(.filter, title: x["picker.filter"], items: items))
  case .clearFilters:
    s.customersPane.list.filters = [:]
    s.refreshList()
  case .mask:
    s.maskPhones.toggle()
    s.flash(x[s.maskPhones ? "msg.mask_on" : "msg.mask_off"])
  case .add:
    guard s.mayEdit() else { return [] }
    s.overlay = .form(customerForm(s, nil))
  case .edit:
    guard let i = current, s.mayEdit() else { return [] }
    s.overlay = .form(customerForm(s, i))
  case .delete:
    guard let i = current, s.mayEdit() else { return [] }
    let c = s.dataset.customers[i]
    let visits = s.analysis.figures[i].allVisits
    if visits > 0 || s.dataset.visits.contains(where: { $0.customer == Int32(i) }) {
      // Visits are history: a customer who has some is marked churned, not deleted.
      s.flash(x("msg.delete_has_visits", c.name), error: true)
      return []
    }
    s.overlay = .confirm(.deleteCustomer(id: c.id))
  case .logVisit:
    guard let i = current, s.mayEdit() else { return [] }
    let id = s.dataset.customers[i].id
    s.overlay = .form(
      Form(
        .logVisit(id: id), title: x("form.visit_title", s.dataset.customers[i].name),
        [
          FormField("field.amount", "", .money), FormField("field.party", "1", .partySize),
          FormField("field.promotion", "", .promotion), FormField("field.channel", "dine-in", .channel),
          FormField("field.date", s.today.description, .requiredDate),
          FormField("field.time", s.clock.description, .time),
        ]))
  case .churn:
    guard let i = current, s.mayEdit() else { return [] }
    let c = s.dataset.customers[i]
    if c.churnedOn != nil {
      var ds = s.dataset
      ds.customers[i].churnedOn = nil
      ds.customers[i].churnReason = nil
      return s.commit(ds, x("done.unchurned", c.name))
    }
    s.overlay = .picker(
      Picker(
        .churnReason(id: c.id), title: x("picker.churn", c.name),
        items: Reason.allCases.map {
          (
            s.wording.reason($0) + (($0.benchmarkShare.map { "  " + Wording.percent($0, digits: 0) }) ?? ""),
            .reason($0)
          )
        }))
  case .complaint:
    guard let i = current, s.mayEdit() else { return [] }
    let c = s.dataset.customers[i]
    s.overlay = .form(
      Form(
        .complaint(id: c.id), title: x("form.complaint_title", c.name), complaintFields(s, customer: nil)))
  case .welcomed:
    guard let i = current else { return [] }
    return s.logContact(i, .welcome)
  case .mark:
    guard let i = current else { return [] }
    let id = s.dataset.customers[i].id
    if s.customersPane.list.marked.contains(id) {
      s.customersPane.list.marked.remove(id)
    } else {
      s.customersPane.list.marked.insert(id)
    }
    s.customersPane.cursor.move(by: 1, visible: Layouts.customerRows(s))
  case .tagMarked, .untagMarked:
    guard !s.customersPane.list.marked.isEmpty else {
      s.flash(x["msg.nothing_marked"], error: true)
      return []
    }
    guard s.mayEdit() else { return [] }
    let purpose: FormPurpose = action == .tagMarked ? .tagMarked : .untagMarked
    s.overlay = .form(
      Form(
        purpose,
        title: x(
          action == .tagMarked ? "form.tag_title" : "form.untag_title", s.customersPane.list.marked.count),
        [FormField("field.tag", "", .required)]))
  case .exportMarked:
    // The folder is the owner's to choose: the command line, filled in with the home folder.
    let dir = s.home.isEmpty ? "." : s.home
    s.overlay = .command(TextField(text: "export " + Command.quoted(dir)))
  default:
    return nil
  }
  return []
}

func word(_ s: AppState, _ d: CustomerList.Dimension, _ v: String) -> String {
  switch d {
  case .segment: return Segment(rawValue: v).map(s.wording.segment) ?? v
  case .tier: return Tier(rawValue: v).map(s.wording.tier) ?? v
  case .onlyOnDiscount: return s.text["filter.onlyOnDiscount"]
  default: return v
  }
}

extension AppState {
  /// The table again after its filters, sort or the data changed.
  public mutating func refreshList() {
    customersPane.list.refresh(dataset, analysis, search: customersPane.search)
    clampCursors()
  }
}

/// Moves the cursor to the next (or previous) match, wrapping around: while a search is on,
/// every row is one, best first.
func jumpToMatch(_ s: inout AppState, forward: Bool, includeCurrent: Bool) {
  let n = s.customersPane.list.matchCount
  guard n > 0 else {
    if !s.customersPane.list.query.isEmpty {
      s.flash(s.text("msg.no_match", s.customersPane.list.query), error: true)
    }
    return
  }
  let here = min(max(0, s.customersPane.cursor.index), n - 1)
  let target = includeCurrent ? here : forward ? (here + 1) % n : (here + n - 1) % n
  s.customersPane.cursor.jump(to: target, visible: Layouts.customerRows(s))
  s.flash(s.text("msg.match", target + 1, n, s.customersPane.list.query))
}

/// Drops the search: the whole list again, the cursor on the customer it was on.
func endSearch(_ s: inout AppState) {
  let current = s.currentCustomer
  s.customersPane.list.query = ""
  // The unsearched order is kept while searching: no need to filter and sort again.
  if let index = s.customersPane.search { s.customersPane.list.rematch(index) } else { s.refreshList() }
  s.customersPane.cursor.setCount(s.customersPane.list.order.count, visible: Layouts.customerRows(s))
  let row = current.flatMap { c in s.customersPane.list.order.firstIndex(of: c) } ?? 0
  s.customersPane.cursor.jump(to: row, visible: Layouts.customerRows(s))
}

/// `:export [DIR]`: the marked customers (or those shown) as CSV for Excel or WPS, into DIR
/// (default the home folder) under a name of the date and time; the message gives the whole path.
func exportCustomers(_ s: inout AppState, to dir: String?) -> [Effect] {
  let ids =
    s.customersPane.list.marked.isEmpty
    ? Set(s.customersPane.list.order.map { s.dataset.customers[$0].id }) : s.customersPane.list.marked
  let rows = s.dataset.customers.indices.filter { ids.contains(s.dataset.customers[$0].id) }
  let report = CustomersReport(s.dataset, s.analysis, wording: s.wording)
  let masked = s
  let body = report.spreadsheet(rows: rows) { masked.phone($0) }
  var folder = dir ?? (s.home.isEmpty ? "." : s.home)
  if folder == "~" || folder.hasPrefix("~/"), !s.home.isEmpty { folder = s.home + folder.dropFirst() }
  if folder.count > 1 && folder.hasSuffix("/") { folder.removeLast() }
  let name = "liuliang-export-\(s.today)-\(s.clock.description.replacing(":", with: "")).csv"
  let path = (folder == "/" ? "" : folder) + "/" + name
  s.flash(s.text("msg.exported", rows.count, path))
  return [.export(path: path, text: body)]
}
