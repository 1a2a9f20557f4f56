import LiuliangModel
import LiuliangRender
import LiuliangReport
import LiuliangSearch

/// One entry of a choice field: the id the files keep, the words the owner sees.
public struct FormChoice: Equatable, Sendable {
  public var id: String
  public var word: String
}

extension Check {
  /// A field the owner chooses from rather than types: its value is an id, shown as words.
  var isChoice: Bool {
    switch self {
    case .tier, .reason, .channel, .promotion, .category, .status, .kind, .weekdays, .audience, .customer,
      .language:
      return true
    default: return false
    }
  }
}

extension FormField {
  /// A yes/no field, shown ✓ or empty.
  public var isToggle: Bool { check == .flag }
  public var isChoice: Bool { check.isChoice }
}

extension AppState {
  /// Every entry a choice field offers, in the interface language. The field's own value comes
  /// first when the list would not hold it (a set of weekdays typed into the file by hand).
  func choices(_ f: Form, _ i: Int) -> [FormChoice] {
    let field = f.fields[i]
    let w = wording
    var out: [FormChoice]
    switch field.check {
    case .tier: out = Tier.allCases.map { .init(id: $0.rawValue, word: w.tier($0)) }
    case .reason: out = Reason.allCases.map { .init(id: $0.rawValue, word: w.reason($0)) }
    case .channel: out = Channel.allCases.map { .init(id: $0.rawValue, word: w.channel($0)) }
    case .category: out = PostCategory.allCases.map { .init(id: $0.rawValue, word: w.category($0)) }
    case .status: out = PostStatus.allCases.map { .init(id: $0.rawValue, word: w.status($0)) }
    case .kind: out = PromotionKind.allCases.map { .init(id: $0.rawValue, word: w.kind($0)) }
    case .weekdays:
      out =
        [
          .init(id: "", word: text["weekdays.every"]),
          .init(id: formatWeekdays([1, 2, 3, 4, 5]), word: text["weekdays.work"]),
          .init(id: formatWeekdays([6, 7]), word: text["weekdays.weekend"]),
        ] + (1...7).map { .init(id: "\($0)", word: w.weekday($0)) }
      if let days = parseWeekdays(field.text), !out.contains(where: { $0.id == field.text }) {
        out.insert(.init(id: field.text, word: days.sorted().map(w.weekday).joined(separator: " ")), at: 0)
      }
    case .audience:
      let fixed: [Audience] = [.everyone, .friends, .vip, .members] + Segment.allCases.map { .segment($0) }
      // The pool's tags as counted with the sort orders, once per data: this list is read in
      // every frame of the form, and a walk over a million customers' tags is not a frame.
      let counted = customersPane.list.orders?.choices[.tag] ?? CustomerList.choices(.tag, dataset, analysis)
      let tags = counted.map(\.value).sorted().prefix(200).map { Audience.tag($0) }
      out = (fixed + tags).map { .init(id: $0.description, word: w.audience($0)) }
      if let a = Audience(field.text), !out.contains(where: { $0.id == field.text }) {
        out.insert(.init(id: field.text, word: w.audience(a)), at: 0)
      }
    case .promotion:
      // Only what runs on the visit's date (its day and weekday), by name and discount, of the
      // promotions a visit can name.
      let day = f.fields.first { $0.label == "field.date" }.flatMap { Day($0.text) } ?? today
      out =
        [.init(id: "", word: text["form.no_promotion"])]
        + dataset.promotions.prefix(Visit.promotionLimit).filter {
          $0.isActive(on: day) && $0.appliesOn(weekday: day.weekday)
        }.map {
          .init(id: $0.id, word: $0.discount.isEmpty ? $0.name : $0.name + " · " + $0.discount)
        }
    case .customer:
      out = (field.found ?? []).map { customerChoice(Int($0)) }
      // Before any search, the customer the form opened with.
      if field.found == nil, !field.text.isEmpty,
        let k = dataset.customers.firstIndex(where: { $0.id == field.text })
      {
        out = [customerChoice(k)]
      }
    case .language: out = ["zh-Hans", "en"].map { .init(id: $0, word: text["language." + $0]) }
    default: out = []
    }
    return out
  }

  /// The promotion ids a form may save: in a form with a promotion choice, those running on
  /// its date (a date changed after the choice can leave one that does not run then).
  func validPromotions(_ f: Form) -> [String] {
    guard let i = f.fields.firstIndex(where: { $0.check == .promotion }) else {
      return dataset.promotions.map(\.id)
    }
    return choices(f, i).map(\.id).filter { !$0.isEmpty }
  }

  /// A customer as the picker shows them: name and phone, so that two of one name differ.
  func customerChoice(_ k: Int) -> FormChoice {
    let c = dataset.customers[k]
    let extra = c.phone.isEmpty ? c.wechat : phone(c.phone)
    return FormChoice(id: c.id, word: extra.isEmpty ? c.name : c.name + " " + extra)
  }

  /// The entries that match what was typed into the field: in its words, its id, or the pinyin
  /// of its words (full or initials). The customer field asks the search index instead.
  func narrowed(_ f: Form, _ i: Int) -> [FormChoice] {
    let all = choices(f, i)
    let q = f.fields[i].query.lowercased()
    guard !q.isEmpty, f.fields[i].check != .customer else { return all }
    let py = Pinyin()
    return all.filter { c in
      if c.word.lowercased().contains(q) || c.id.lowercased().contains(q) { return true }
      let syl = py.syllables(c.word)
      return syl.joined().hasPrefix(q) || String(syl.compactMap(\.first)).hasPrefix(q)
    }
  }

  /// The word shown for a choice field's value.
  func choiceWord(_ f: Form, _ i: Int) -> String {
    let v = f.fields[i].text
    if f.fields[i].isToggle { return parseFlag(v) == true ? "✓" : "" }
    return choices(f, i).first { $0.id == v }?.word ?? v
  }
}

/// Keys on a choice or toggle field: typing narrows (never appends to the shown value),
/// ← → and Space step through what matches. True when the key was taken.
func choiceKey(_ s: inout AppState, _ f: inout Form, _ key: Key) -> Bool {
  let i = f.focus
  if f.fields[i].isToggle {
    switch key {
    case .char, .left, .right, .backspace, .delete:
      f.fields[i].input = TextField(text: parseFlag(f.fields[i].text) == true ? "0" : "1")
      return true
    default: return false
    }
  }
  guard f.fields[i].isChoice else { return false }
  switch key {
  case .char(" "), .right, .left:
    let list = s.narrowed(f, i)
    guard !list.isEmpty else { return true }
    let here = list.firstIndex { $0.id == f.fields[i].text }
    let step = key == .left ? -1 : 1
    let next = here.map { ($0 + step + list.count) % list.count } ?? 0
    f.fields[i].input = TextField(text: list[next].id)
    return true
  case .char(let c):
    f.fields[i].query.append(c)
  case .backspace:
    guard !f.fields[i].query.isEmpty else { return true }
    f.fields[i].query.removeLast()
  case .ctrl("u"):
    f.fields[i].query = ""
  default: return false
  }
  if f.fields[i].check == .customer {
    let q = f.fields[i].query
    if q.isEmpty {
      // The chosen customer stays found, so that no frame looks for their id in the pool.
      let chosen = f.fields[i].text
      let kept = f.fields[i].found?.filter { s.dataset.customers[Int($0)].id == chosen }.prefix(1)
      f.fields[i].found = chosen.isEmpty || kept?.isEmpty != false ? nil : Array(kept!)
    } else {
      s.ensureSearchIndex()
      f.fields[i].found = rankedByName(s, s.customersPane.search?.search(q) ?? [], q)
    }
  }
  guard !f.fields[i].query.isEmpty else { return true }
  if let first = s.narrowed(f, i).first {
    f.fields[i].input = TextField(text: first.id)
  } else if f.fields[i].check == .customer {
    // No one matches: no customer is chosen, rather than the one chosen before.
    f.fields[i].input = TextField()
  }
  return true
}

/// The first matches, those whose name (or its pinyin) holds the query first: `dky` finds
/// 丁凯怡 before a WeChat id that happens to contain the letters.
func rankedByName(_ s: AppState, _ hits: [Int32], _ query: String) -> [Int32] {
  let q = query.lowercased()
  let py = Pinyin()
  func rank(_ k: Int32) -> Int {
    let name = s.dataset.customers[Int(k)].name
    if name.lowercased().contains(q) { return 0 }
    let syl = py.syllables(name)
    return syl.joined().hasPrefix(q) || String(syl.compactMap(\.first)).hasPrefix(q) ? 1 : 2
  }
  let ranked = hits.prefix(500).map { (rank($0), $0) }
  return Array(
    ranked.enumerated().sorted { ($0.element.0, $0.offset) < ($1.element.0, $1.offset) }.map(\.element.1)
      .prefix(50))
}
