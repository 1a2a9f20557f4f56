import LiuliangModel
import LiuliangRender
import LiuliangReport

/// The Customers pane's own actions; nil when the action is a plain list move.
func customersAction(_ s: inout AppState, _ action: Action) -> [Effect]? {
  let x = s.text
  let current = s.currentCustomer
  switch action {
  case .search:
    s.ensureSearchIndex()
    s.overlay = .search(TextField(text: s.list.query))
  case .nextMatch, .previousMatch:
    jumpToMatch(&s, forward: action == .nextMatch, includeCurrent: false)
  case .back where s.detail == nil && !s.list.query.isEmpty:
    s.list.query = ""
    s.list.refresh(s.dataset, s.analysis, search: s.search)
  case .sort:
    let items = CustomerList.Column.allCases.map { c -> (label: String, value: String) in
      let mark = s.list.sort == c ? (s.list.descending ? " ↓" : " ↑") : ""
      return (x[c.titleKey] + mark, "\(c.rawValue)")
    }
    s.overlay = .picker(
      Picker(.sort, title: x["picker.sort"], items: items, cursor: s.list.sort?.rawValue ?? 0))
  case .filter:
    var items: [(label: String, value: String)] = [(x["picker.filter_clear"], "")]
    for d in CustomerList.Dimension.allCases {
      for (v, n) in s.list.orders?.choices[d] ?? CustomerList.choices(d, s.dataset, s.analysis) {
        let on = s.list.filters[d] == v ? "✓ " : "  "
        items.append(
          (on + x["filter." + d.rawValue] + ": " + word(s, d, v) + " (\(n))", d.rawValue + "=" + v))
      }
    }
    s.overlay = .picker(Picker(.filter, title: x["picker.filter"], items: items))
  case .clearFilters:
    s.list.filters = [:]
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
            $0.rawValue
          )
        }))
  case .complaint:
    guard let i = current, s.mayEdit() else { return [] }
    let c = s.dataset.customers[i]
    s.overlay = .form(
      Form(
        .complaint(id: c.id), title: x("form.complaint_title", c.name),
        [
          FormField("field.reason", "", .reason), FormField("field.text", "", .required),
          FormField("field.date", s.today.description, .requiredDate),
        ]))
  case .welcomed:
    guard let i = current else { return [] }
    return s.logContact(i, .welcome)
  case .mark:
    guard let i = current else { return [] }
    let id = s.dataset.customers[i].id
    if s.list.marked.contains(id) { s.list.marked.remove(id) } else { s.list.marked.insert(id) }
    s.customers.move(by: 1, visible: Layouts.customerRows(s))
  case .tagMarked, .untagMarked:
    guard !s.list.marked.isEmpty else {
      s.flash(x["msg.nothing_marked"], error: true)
      return []
    }
    guard s.mayEdit() else { return [] }
    let purpose: FormPurpose = action == .tagMarked ? .tagMarked : .untagMarked
    s.overlay = .form(
      Form(
        purpose, title: x(action == .tagMarked ? "form.tag_title" : "form.untag_title", s.list.marked.count),
        [FormField("field.tag", "", .required)]))
  case .exportMarked:
    let ids = s.list.marked.isEmpty ? Set(s.list.order.map { s.dataset.customers[$0].id }) : s.list.marked
    let rows = s.dataset.customers.indices.filter { ids.contains(s.dataset.customers[$0].id) }
    let report = CustomersReport(s.dataset, s.analysis, wording: s.wording)
    let body = report.csv(rows: rows, spreadsheet: true)
    let path = "liuliang-export-\(s.today)-\(s.clock.description.replacing(":", with: "")).csv"
    s.flash(x("msg.exported", rows.count, path))
    return [.export(path: path, text: body)]
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
    list.refresh(dataset, analysis, search: search)
    clampCursors()
  }
}

func customerForm(_ s: AppState, _ i: Int?) -> Form {
  let c = i.map { s.dataset.customers[$0] } ?? Customer(id: "", name: "", joined: s.today)
  return Form(
    i == nil ? .addCustomer : .editCustomer(id: c.id),
    title: s.text[i == nil ? "form.add_title" : "form.edit_title"],
    [
      FormField("field.name", c.name, .required), FormField("field.wechat", c.wechat),
      s.maskPhones && !c.phone.isEmpty
        ? FormField("field.phone", hiding: c.phone, as: s.phone(c.phone), .mobile)
        : FormField("field.phone", c.phone, .mobile),
      FormField("field.tier", c.tier.rawValue, .tier), FormField("field.tags", c.tags.joined(separator: " ")),
      FormField("field.source", c.source), FormField("field.joined", c.joined?.description ?? "", .date),
      FormField("field.birthday", c.birthday?.description ?? "", .date), FormField("field.notes", c.notes),
    ])
}

/// Moves the cursor to the next (or previous) row matching the search, wrapping around.
func jumpToMatch(_ s: inout AppState, forward: Bool, includeCurrent: Bool) {
  let m = s.list.matches
  guard !m.isEmpty else {
    if !s.list.query.isEmpty { s.flash(s.text("msg.no_match", s.list.query), error: true) }
    return
  }
  let here = s.customers.index
  let target: Int
  if forward {
    target = m.first { includeCurrent ? $0 >= here : $0 > here } ?? m[0]
  } else {
    target = m.last { $0 < here } ?? m[m.count - 1]
  }
  s.customers.jump(to: target, visible: Layouts.customerRows(s))
  let k = (m.firstIndex(of: target) ?? 0) + 1
  s.flash(s.text("msg.match", k, m.count, s.list.query))
}

func searchKey(_ s: inout AppState, _ key: Key, _ field: TextField) -> [Effect] {
  var f = field
  switch key {
  case .escape:
    s.overlay = .none
    s.list.query = ""
    s.refreshList()
    return []
  case .enter:
    s.overlay = .none
    return []
  default:
    _ = f.handle(key)
    s.overlay = .search(f)
    s.ensureSearchIndex()
    s.list.query = f.text
    if let idx = s.search { s.list.rematch(idx) }
    jumpToMatch(&s, forward: true, includeCurrent: true)
    return []
  }
}

func pickerKey(_ s: inout AppState, _ key: Key, _ picker: Picker) -> [Effect] {
  var p = picker
  switch key {
  case .escape, .char("q"):
    s.overlay = .none
  case .char("j"), .down: p.cursor = min(p.items.count - 1, p.cursor + 1)
  case .char("k"), .up: p.cursor = max(0, p.cursor - 1)
  case .char("g"), .home: p.cursor = 0
  case .char("G"), .end: p.cursor = p.items.count - 1
  case .pageDown: p.cursor = min(p.items.count - 1, p.cursor + 10)
  case .pageUp: p.cursor = max(0, p.cursor - 10)
  case .enter:
    s.overlay = .none
    return picked(&s, p.purpose, p.items[p.cursor].value)
  default: return []
  }
  if case .picker = s.overlay { s.overlay = .picker(p) }
  return []
}

func picked(_ s: inout AppState, _ purpose: PickerPurpose, _ value: String) -> [Effect] {
  switch purpose {
  case .sort:
    guard let n = Int(value), let c = CustomerList.Column(rawValue: n) else { return [] }
    if s.list.sort == c {
      s.list.descending.toggle()
    } else {
      s.list.sort = c
      // Numbers and dates read best largest first; words A to Z.
      s.list.descending = [.lastVisit, .visits, .spend].contains(c)
    }
    s.refreshList()
    s.customers.jump(to: 0, visible: Layouts.customerRows(s))
  case .filter:
    if value.isEmpty {
      s.list.filters = [:]
    } else if let eq = value.firstIndex(of: "="),
      let d = CustomerList.Dimension(rawValue: String(value[..<eq]))
    {
      let v = String(value[value.index(after: eq)...])
      if s.list.filters[d] == v { s.list.filters[d] = nil } else { s.list.filters[d] = v }
    }
    s.refreshList()
    s.customers.jump(to: 0, visible: Layouts.customerRows(s))
  case .churnReason(let id):
    guard let i = s.dataset.customers.firstIndex(where: { $0.id == id }), let r = Reason(rawValue: value)
    else { return [] }
    var ds = s.dataset
    ds.customers[i].churnedOn = s.today
    ds.customers[i].churnReason = r
    return s.commit(ds, s.text("done.churned", ds.customers[i].name, s.wording.reason(r)))
  case .template, .idea:
    return momentsPicked(&s, purpose, value)
  case .problems:
    guard let k = Int(value), k < s.problems.count else { return [] }
    s.flash(s.text("msg.problem_fix", s.wording.problem(s.problems[k])), error: true)
  }
  return []
}

/// Applies a valid form: every field was checked, so the parses below cannot fail.
func submit(_ s: inout AppState, _ f: Form) -> [Effect] {
  let v = f.fields.map(\.text)
  var ds = s.dataset
  let x = s.text
  func tags(_ t: String) -> [String] {
    t.split(whereSeparator: { $0 == " " || $0 == ";" || $0 == "，" || $0 == "," }).map(String.init)
  }
  switch f.purpose {
  case .addCustomer, .editCustomer:
    var c: Customer
    var at: Int?
    if case .editCustomer(let id) = f.purpose, let i = ds.customers.firstIndex(where: { $0.id == id }) {
      c = ds.customers[i]
      at = i
    } else {
      c = Customer(id: nextCustomerID(ds.customers.map(\.id)), name: "")
    }
    c.name = v[0]
    c.wechat = v[1]
    c.phone = v[2].filter { $0 != " " && $0 != "-" }
    c.tier = Tier(rawValue: v[3]) ?? .friend
    c.tags = tags(v[4])
    c.source = v[5]
    c.joined = Day(v[6])
    c.birthday = Day(v[7])
    c.notes = f.fields[8].input.text
    if let at {
      ds.customers[at] = c
      return s.commit(ds, x("done.edited", c.name))
    }
    ds.customers.append(c)
    let effects = s.commit(ds, x("done.added", c.name))
    if let row = s.list.order.firstIndex(of: ds.customers.count - 1) {
      s.customers.jump(to: row, visible: Layouts.customerRows(s))
    }
    return effects
  case .logVisit(let id):
    guard let i = ds.customers.firstIndex(where: { $0.id == id }) else { return [] }
    let promo = ds.promotions.firstIndex { $0.id == v[2] }.map(Int32.init) ?? Visit.noPromotion
    let visit = Visit(
      customer: Int32(i), date: Day(v[4])!, time: TimeOfDay(v[5])!, amount: Money(yuan: v[0])!,
      party: Int16(v[1])!,
      promotion: promo, channel: Channel(rawValue: v[3]) ?? .dineIn)
    return s.appendVisit(visit, x("done.visit", ds.customers[i].name, "¥\(visit.amount)"))
  case .complaint(let id):
    ds.complaints.append(
      Complaint(customer: id, date: Day(v[2])!, reason: Reason(rawValue: v[0]) ?? .unknown, text: v[1]))
    let name = ds.customers.first { $0.id == id }?.name ?? id
    return s.commit(ds, x("done.complaint", name))
  case .tagMarked, .untagMarked:
    let tag = v[0]
    var n = 0
    for i in ds.customers.indices where s.list.marked.contains(ds.customers[i].id) {
      if f.purpose == .tagMarked, !ds.customers[i].tags.contains(tag) {
        ds.customers[i].tags.append(tag)
        n += 1
      } else if f.purpose == .untagMarked, let k = ds.customers[i].tags.firstIndex(of: tag) {
        ds.customers[i].tags.remove(at: k)
        n += 1
      }
    }
    return s.commit(ds, x(f.purpose == .tagMarked ? "done.tagged" : "done.untagged", n, tag))
  case .addPost, .editPost:
    return submitPost(&s, f)
  case .addPromotion, .editPromotion:
    return submitPromotion(&s, f)
  case .addComplaint:
    return submitComplaint(&s, f)
  case .markPosted(let id):
    return submitPosted(&s, f, id)
  }
}

/// The next id in the pool's own pattern (C0001 … keeps its width).
func nextCustomerID(_ ids: [String]) -> String {
  var maker = IDMaker(ids, defaultPrefix: "C", defaultWidth: 4)
  return maker.make()
}
