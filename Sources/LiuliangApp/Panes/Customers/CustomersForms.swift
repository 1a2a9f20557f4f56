import LiuliangModel
import LiuliangRender

/// The customer form's fields, by the file's columns: each is labelled `field.<column>`, and the
/// form is read back by column, not by place.
let customerFormColumns: [CustomerColumn] = [
  .name, .wechat, .phone, .tier, .tags, .source, .joined, .birthday, .notes,
]

/// The customer form, filled from customer i, or blank (joined today) for a new one.
func customerForm(_ s: AppState, _ i: Int?) -> Form {
  let c = i.map { s.dataset.customers[$0] } ?? Customer(id: "", name: "", joined: s.today)
  return Form(
    i == nil ? .addCustomer : .editCustomer(id: c.id),
    title: s.text[i == nil ? "form.add_title" : "form.edit_title"],
    customerFormColumns.map { column in
      let label = "field." + column.name
      switch column {
      case .name: return FormField(label, c.name, .required)
      case .phone:
        return s.maskPhones && !c.phone.isEmpty
          ? FormField(label, hiding: c.phone, as: s.phone(c.phone), .mobile)
          : FormField(label, c.phone, .mobile)
      case .tier: return FormField(label, c.tier.rawValue, .tier)
      // Spaces part the tags on the form; the file keeps them `;`-separated.
      case .tags: return FormField(label, c.tags.joined(separator: " "))
      case .joined, .birthday: return FormField(label, column.format(c), .date)
      default: return FormField(label, column.format(c))
      }
    })
}

/// The Customers pane's pickers: the sort, a filter, a churn reason.
func customersPicked(_ s: inout AppState, _ purpose: PickerPurpose, _ value: PickValue) -> [Effect] {
  switch purpose {
  case .sort:
    guard case .column(let c) = value else { return [] }
    if s.customersPane.list.sort == c {
      s.customersPane.list.descending.toggle()
    } else {
      s.customersPane.list.sort = c
      // Numbers and dates read best largest first; words A to Z.
      s.customersPane.list.descending = [.lastVisit, .visits, .spend].contains(c)
    }
    s.refreshList()
    s.customersPane.cursor.jump(to: 0, visible: Layouts.customerRows(s))
  case .filter:
    if value == .clearFilters {
      s.customersPane.list.filters = [:]
    } else if case .filter(let d, let v) = value {
      if s.customersPane.list.filters[d] == v {
        s.customersPane.list.filters[d] = nil
      } else {
        s.customersPane.list.filters[d] = v
      }
    }
    s.refreshList()
    s.customersPane.cursor.jump(to: 0, visible: Layouts.customerRows(s))
  case .churnReason(let id):
    guard let i = s.dataset.customers.firstIndex(where: { $0.id == id }), case .reason(let r) = value
    else { return [] }
    var ds = s.dataset
    ds.customers[i].churnedOn = s.today
    ds.customers[i].churnReason = r
    return s.commit(ds, s.text("done.churned", ds.customers[i].name, s.wording.reason(r)))
  default: break
  }
  return []
}

/// Applies a valid form: every field was checked, so the parses below cannot fail.
func submitCustomer(_ s: inout AppState, _ f: Form) -> [Effect] {
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
    if case .editCustomer(let id) = f.purpose, let i = s.customerIndex(id: id) {
      c = ds.customers[i]
      at = i
    } else {
      c = Customer(id: nextCustomerID(ds.customers.map(\.id)), name: "")
    }
    func field(_ column: CustomerColumn) -> FormField {
      f.fields[customerFormColumns.firstIndex(of: column)!]
    }
    c.name = field(.name).text
    c.wechat = field(.wechat).text
    c.phone = field(.phone).text.filter { $0 != " " && $0 != "-" }
    c.tier = Tier(rawValue: field(.tier).text) ?? .friend
    c.tags = tags(field(.tags).text)
    c.source = field(.source).text
    c.joined = Day(field(.joined).text)
    c.birthday = Day(field(.birthday).text)
    c.notes = field(.notes).input.text
    if let at {
      ds.customers[at] = c
      return s.commit(ds, x("done.edited", c.name))
    }
    ds.customers.append(c)
    let effects = s.commit(ds, x("done.added", c.name))
    if let row = s.customersPane.list.order.firstIndex(of: ds.customers.count - 1) {
      s.customersPane.cursor.jump(to: row, visible: Layouts.customerRows(s))
    }
    return effects
  case .logVisit(let id):
    guard let i = s.customerIndex(id: id) else { return [] }
    let promo = ds.promotions.firstIndex { $0.id == v[2] }.map(Int32.init) ?? Visit.noPromotion
    let visit = Visit(
      customer: Int32(i), date: Day(v[4])!, time: TimeOfDay(v[5])!, amount: Money(yuan: v[0])!,
      party: Int16(v[1])!,
      promotion: promo, channel: Channel(rawValue: v[3]) ?? .dineIn)
    return s.appendVisit(visit, x("done.visit", ds.customers[i].name, "¥\(visit.amount)"))
  case .complaint(let id):
    ds.complaints.append(complaint(f, customer: id))
    let name = ds.customers.first { $0.id == id }?.name ?? id
    return s.commit(ds, x("done.complaint", name))
  case .tagMarked, .untagMarked:
    let tag = v[0]
    var n = 0
    for i in ds.customers.indices where s.customersPane.list.marked.contains(ds.customers[i].id) {
      if f.purpose == .tagMarked, !ds.customers[i].tags.contains(tag) {
        ds.customers[i].tags.append(tag)
        n += 1
      } else if f.purpose == .untagMarked, let k = ds.customers[i].tags.firstIndex(of: tag) {
        ds.customers[i].tags.remove(at: k)
        n += 1
      }
    }
    return s.commit(ds, x(f.purpose == .tagMarked ? "done.tagged" : "done.untagged", n, tag))
  default:
    return []
  }
}

/// The next id in the pool's own pattern (C0001 … keeps its width).
func nextCustomerID(_ ids: [String]) -> String {
  var maker = IDMaker(ids, defaultPrefix: "C", defaultWidth: 4)
  return maker.make()
}
