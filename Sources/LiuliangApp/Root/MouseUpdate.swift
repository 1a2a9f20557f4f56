import LiuliangRender

extension Layouts {
  /// The pane tabs on the top line: each pane, its label and the column it starts at. The view
  /// draws them from here and a click is matched against the same columns.
  static func tabs(_ s: AppState) -> [(pane: Pane, label: String, x: Int)] {
    var x = CellWidth.of(" " + s.text["app.name"] + " ") + 1
    return Pane.allCases.map { p in
      let label = " \(p.rawValue) " + s.text[p.titleKey] + " "
      defer { x += CellWidth.of(label) }
      return (p, label, x)
    }
  }

  /// The Customers table's rows on screen: its first row's line and how many show.
  static func customerTableRows(_ s: AppState) -> (firstY: Int, count: Int) {
    // Inside the box, under the header line (see drawCustomers).
    let inner = Block().inner(body(s))
    return (inner.y + 1, max(0, inner.height - 1))
  }

  /// The heatmap as the Promotions pane draws it, and the area it is drawn in.
  static func heatmap(_ s: AppState) -> (map: Heatmap, area: Rect) {
    let inner = Block().inner(promotions(s).heat)
    let (area, _) = inner.splitBottom(1)
    let map = Heatmap(
      rowLabels: (1...7).map { s.wording.weekday($0) }, columnLabels: heatHours(s).map { "\($0)" }, cells: [])
    return (map, area)
  }
}

/// Rows the wheel moves a list per notch, as in most terminal programs.
let wheelStep = 3

/// A click or the wheel: the same actions the keys give, found by where the view drew things.
/// Of the overlays, help takes the wheel and pickers and forms take clicks; the others take no
/// mouse: their keys stay the way to answer them.
func mouseUpdate(_ s: inout AppState, _ m: Mouse) -> [Effect] {
  guard s.fits else { return [] }
  if case .help(let offset) = s.overlay {
    switch m.kind {
    case .wheelDown: s.overlay = .help(offset: offset + wheelStep)
    case .wheelUp: s.overlay = .help(offset: max(0, offset - wheelStep))
    default: break
    }
    return []
  }
  if m.kind == .press {
    if case .picker(let p) = s.overlay { return clickPicker(&s, m, p) }
    if case .form(let f) = s.overlay { return clickForm(&s, m, f) }
  }
  guard s.overlay == .none else { return [] }
  switch m.kind {
  case .release: return []
  case .wheelUp, .wheelDown:
    let down = m.kind == .wheelDown
    if s.pane == .customers, s.customersPane.detail != nil {
      s.customersPane.detailScroll = max(0, s.customersPane.detailScroll + (down ? wheelStep : -wheelStep))
      return []
    }
    s.message = nil
    for _ in 0..<wheelStep { _ = perform(&s, down ? .down : .up) }
    return []
  case .press:
    s.message = nil
    if m.y == 0 {
      if let tab = Layouts.tabs(s).last(where: { $0.x <= m.x }),
        m.x < tab.x + CellWidth.of(tab.label)
      {
        return perform(&s, .pane(tab.pane))
      }
      return []
    }
    return s.pane.room.click(&s, m)
  }
}
