import LiuliangModel

/// The hours the heatmap shows: those open on some weekday.
func heatHours(_ s: AppState) -> [Int] {
  (0..<24).filter { h in (1...7).contains { s.dataset.shop.isOpen(weekday: $0, hour: h) } }
}

func promotionsAction(_ s: inout AppState, _ action: Action) -> [Effect]? {
  let x = s.text
  let hours = heatHours(s)
  switch action {
  case .switchBox: s.promotionsPane.heatFocus.toggle()
  case .left, .right:
    s.promotionsPane.heatFocus = true
    guard !hours.isEmpty else { return [] }
    let k = hours.firstIndex(of: s.promotionsPane.heatHour) ?? 0
    s.promotionsPane.heatHour = hours[max(0, min(hours.count - 1, k + (action == .left ? -1 : 1)))]
  case .down where s.promotionsPane.heatFocus:
    s.promotionsPane.heatWeekday = min(7, s.promotionsPane.heatWeekday + 1)
  case .up where s.promotionsPane.heatFocus:
    s.promotionsPane.heatWeekday = max(1, s.promotionsPane.heatWeekday - 1)
  case .add:
    guard s.mayEdit() else { return [] }
    // The audience field lists the pool's tags as counted with the sort orders, in every frame.
    s.ensureOrders()
    // From a heatmap cell: that weekday and that hour, off-peak, from today.
    let cell = s.promotionsPane.heatFocus
    let from = cell ? TimeOfDay(minutes: s.promotionsPane.heatHour * 60).description : ""
    let to =
      cell
      ? (s.promotionsPane.heatHour == 23
        ? "24:00" : TimeOfDay(minutes: (s.promotionsPane.heatHour + 1) * 60).description) : ""
    s.overlay = .form(
      promotionForm(
        s,
        Promotion(
          id: "", name: "", kind: .offpeak, weekdays: cell ? [s.promotionsPane.heatWeekday] : [],
          start: s.today),
        from: from, to: to, .addPromotion))
  case .edit:
    guard s.mayEdit(), !s.promotionsPane.heatFocus, s.promotionsPane.list.index < s.dataset.promotions.count
    else { return [] }
    let p = s.dataset.promotions[s.promotionsPane.list.index]
    s.ensureOrders()
    s.overlay = .form(
      promotionForm(
        s, p, from: p.window?.from.description ?? "",
        to: p.window.map { $0.to.minutes == 1440 ? "24:00" : $0.to.description } ?? "",
        .editPromotion(id: p.id)))
  case .endPromotion:
    guard s.promotionsPane.list.index < s.dataset.promotions.count else { return [] }
    var ds = s.dataset
    let i = s.promotionsPane.list.index
    let p = ds.promotions[i]
    // An ended promotion is history: ending it again would move its last day.
    if p.isHistory(today: s.today) {
      s.flash(x("msg.promotion_already_ended", p.name, p.end?.description ?? ""), error: true)
      return []
    }
    if let start = p.start, start > s.today {
      s.flash(x("msg.promotion_not_started", p.name, "\(start)"), error: true)
      return []
    }
    // Its last day was yesterday, so from today it covers nothing; one that began today ends
    // today, never before it began.
    let last = p.start == s.today ? s.today : s.today.adding(-1)
    ds.promotions[i].end = last
    return s.commit(ds, x(last == s.today ? "done.promotion_ends_today" : "done.promotion_ended", p.name))
  case .onlyOnDiscount:
    s.pane = .customers
    s.customersPane.detail = nil
    s.customersPane.list.filters = [.onlyOnDiscount: "1"]
    s.refreshList()
    s.customersPane.cursor.jump(to: 0, visible: Layouts.customerRows(s))
    s.flash(x("msg.only_on_discount", s.customersPane.list.order.count))
  default: return nil
  }
  return []
}

/// The promotion form's fields, by the file's columns (the id is the store's to give).
let promotionFormColumns: [PromotionColumn] = [
  .name, .kind, .discount, .weekdays, .from, .to, .audience, .start, .end,
]

func promotionForm(_ s: AppState, _ p: Promotion, from: String, to: String, _ purpose: FormPurpose) -> Form {
  Form(
    purpose, title: s.text[purpose == .addPromotion ? "form.add_promotion" : "form.edit_promotion"],
    promotionFormColumns.map { column in
      let label = "field." + column.name
      switch column {
      case .name: return FormField("field.promotion_name", p.name, .required)
      case .kind: return FormField(label, p.kind.rawValue, .kind)
      case .weekdays: return FormField(label, column.format(p), .weekdays)
      // The form's window ends as the owner last typed them, which may not be a window yet.
      case .from: return FormField(label, from, .slot)
      case .to: return FormField(label, to, .endTime)
      case .audience: return FormField(label, p.audience.description, .audience)
      case .start, .end: return FormField(label, column.format(p), .date)
      default: return FormField(label, column.format(p))
      }
    })
}

func submitPromotion(_ s: inout AppState, _ f: Form) -> [Effect] {
  var ds = s.dataset
  var p = Promotion(id: nextPromotionID(ds.promotions.map(\.id)), name: "", kind: .offpeak)
  var at: Int?
  if case .editPromotion(let id) = f.purpose, let i = ds.promotions.firstIndex(where: { $0.id == id }) {
    p = ds.promotions[i]
    at = i
  }
  func field(_ column: PromotionColumn) -> String {
    f.fields[promotionFormColumns.firstIndex(of: column)!].text
  }
  p.name = field(.name)
  p.kind = PromotionKind(rawValue: field(.kind)) ?? p.kind
  p.discount = field(.discount)
  p.weekdays = parseWeekdays(field(.weekdays)) ?? []
  // The form refused a half window and a "to" not after "from" (Form.pairProblem).
  if let a = TimeOfDay(field(.from)), let b = TimeOfDay(field(.to), allowEndOfDay: true), a < b {
    p.window = ClosedOpenTime(from: a, to: b)
  } else {
    p.window = nil
  }
  p.audience = Audience(field(.audience)) ?? .everyone
  p.start = Day(field(.start))
  p.end = Day(field(.end))
  if let at {
    ds.promotions[at] = p
    return s.commitAsking(ds, s.text("done.promotion_saved", p.name))
  }
  ds.promotions.append(p)
  let effects = s.commit(ds, s.text("done.promotion_added", p.name))
  s.promotionsPane.list.jump(to: ds.promotions.count - 1, visible: Layouts.promotionRows(s))
  return effects
}

/// P01, P02 … in the file's own width.
func nextPromotionID(_ ids: [String]) -> String {
  var maker = IDMaker(ids, defaultPrefix: "P", defaultWidth: 2)
  return maker.make()
}
