import LiuliangModel
import LiuliangStore
import LiuliangStringFunctions

/// `:setup`: shop.toml's name, language, opening hours and posting slots, edited in a form and
/// written into the owner's file (only the keys that changed), then read again.
func openSetup(_ s: inout AppState) {
  guard s.mayEdit() else { return }
  let shop = s.dataset.shop
  let language = shop.language.isEmpty ? s.text.language : shop.language
  var fields = [
    FormField("field.shop_name", shop.name, .required),
    FormField("field.language", language, .language),
  ]
  for (d, key) in Shop.weekdayKeys.enumerated() {
    fields.append(FormField("field.hours_" + key, ShopFile.hoursText(shop.hours[d + 1] ?? []), .hours))
  }
  fields.append(FormField("field.slots", shop.slots.map(\.description).joined(separator: ", "), .slots))
  s.overlay = .form(Form(.setup, title: s.text["form.setup"], fields))
}

func submitSetup(_ s: inout AppState, _ f: Form) -> [Effect] {
  var shop = s.dataset.shop
  func value(_ label: String) -> String { f.fields.first { $0.label == label }?.text ?? "" }
  shop.name = value("field.shop_name")
  // The language the form opened with stays as the file had it (none: the locale decides).
  if let i = f.fields.firstIndex(where: { $0.label == "field.language" }), f.fields[i].text != f.original[i] {
    shop.language = f.fields[i].text
  }
  for (d, key) in Shop.weekdayKeys.enumerated() {
    let h = Shop.parseHours(value("field.hours_" + key)) ?? []
    // A day the file never named stays unnamed while it stays closed.
    if !h.isEmpty || shop.hours[d + 1] != nil { shop.hours[d + 1] = h }
  }
  shop.slots = parseSlots(value("field.slots")) ?? shop.slots
  guard shop != s.dataset.shop else {
    s.flash(s.text["done.setup_same"])
    return []
  }
  return [.saveShop(shop)]
}

/// `07:30, 11:30` (or shop.toml's own `["07:30", "11:30"]`) as posting slots, sorted; nil when
/// a part is not a time.
func parseSlots(_ text: String) -> [TimeOfDay]? {
  let bare = text.filter { !"[]\"'".contains($0) }
  var out: [TimeOfDay] = []
  for part in bare.split(whereSeparator: { $0 == "," || $0 == "，" || $0 == " " }) {
    guard let t = TimeOfDay(String(part)) else { return nil }
    if !out.contains(t) { out.append(t) }
  }
  return out.sorted()
}
