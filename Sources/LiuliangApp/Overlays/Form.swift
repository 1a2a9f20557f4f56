import LiuliangModel
import LiuliangRender
import LiuliangStringFunctions

/// What a form field accepts; checked on every key so nothing invalid is ever saved.
public enum Check: Equatable, Sendable {
  case any, required, date, requiredDate, time, mobile, tier, money, partySize, reason, channel, promotion
  case flag, category, status, count, slot, kind, weekdays, endTime, audience, customer
  /// shop.toml's settings (`:setup`): a day's opening hours, the posting slots, the language.
  case hours, slots, language

  /// The strings key of what is wrong with `text`, or nil when it is fine.
  func problem(_ text: String, promotions: [String]) -> String? {
    let t = text.trimmingWhitespace()
    switch self {
    case .any: return nil
    // A customer's name and phone are `required` and `mobile`: the model's CustomerRules, which
    // import and check apply too.
    case .required: return isFilled(t) ? nil : "form.err.required"
    case .date: return t.isEmpty || Day(t) != nil ? nil : "form.err.date"
    case .requiredDate: return Day(t) != nil ? nil : "form.err.date"
    case .time: return TimeOfDay(t) != nil ? nil : "form.err.time"
    case .mobile: return CustomerRules.isPhone(t) ? nil : "form.err.mobile"
    case .tier: return Tier(rawValue: t) != nil ? nil : "form.err.tier"
    case .money:
      guard let m = Money(yuan: t), m.fen >= 0 else { return "form.err.money" }
      return m <= Visit.maxAmount ? nil : "form.err.money_limit"
    case .partySize: return Int(t).map { $0 >= 1 && $0 < 1000 } == true ? nil : "form.err.party"
    case .reason: return t.isEmpty || Reason(rawValue: t) != nil ? nil : "form.err.reason"
    case .channel: return t.isEmpty || Channel(rawValue: t) != nil ? nil : "form.err.channel"
    case .promotion: return t.isEmpty || promotions.contains(t) ? nil : "form.err.promotion"
    case .flag: return parseFlag(t) != nil ? nil : "form.err.flag"
    case .category: return PostCategory(rawValue: t) != nil ? nil : "form.err.category"
    case .status: return PostStatus(rawValue: t) != nil ? nil : "form.err.status"
    case .count: return t.isEmpty || Int(t).map { $0 >= 0 } == true ? nil : "form.err.count"
    case .slot: return t.isEmpty || TimeOfDay(t) != nil ? nil : "form.err.time"
    case .kind: return PromotionKind(rawValue: t) != nil ? nil : "form.err.kind"
    case .weekdays: return parseWeekdays(t) != nil ? nil : "form.err.weekdays"
    case .endTime: return t.isEmpty || TimeOfDay(t, allowEndOfDay: true) != nil ? nil : "form.err.time"
    case .audience: return Audience(t) != nil ? nil : "form.err.audience"
    case .customer: return nil
    case .hours: return Shop.parseHours(t) != nil ? nil : "form.err.hours"
    case .slots: return parseSlots(t) != nil ? nil : "form.err.slots"
    case .language: return ["zh-Hans", "en"].contains(t) ? nil : "form.err.language"
    }
  }

  /// The allowed ids, shown beside the field as a hint.
  var choices: [String] {
    switch self {
    case .tier: return Tier.allCases.map(\.rawValue)
    case .reason: return Reason.allCases.map(\.rawValue)
    case .channel: return Channel.allCases.map(\.rawValue)
    case .category: return PostCategory.allCases.map(\.rawValue)
    case .status: return PostStatus.allCases.map(\.rawValue)
    case .flag: return ["1", "0"]
    case .kind: return PromotionKind.allCases.map(\.rawValue)
    case .audience: return ["everyone", "friends", "vip", "members", "segment:at_risk", "tag:…"]
    default: return []
    }
  }
}

public struct FormField: Equatable, Sendable {
  /// Strings key of the label.
  public var label: String
  public var input: TextField
  /// Set for a field of several lines (a post's text): it takes Enter as a new line.
  public var area: TextArea?
  public var check: Check
  /// The value while the field shows only a mask of it (a phone while phones are masked).
  public var hidden: String?
  /// What was typed into a choice field to narrow it; the value itself stays an id.
  public var query = ""
  /// The customers a customer field's query found (indices into the pool), best first.
  public var found: [Int32]?

  public init(_ label: String, _ text: String = "", _ check: Check = .any, lines: Bool = false) {
    self.label = label
    input = TextField(text: lines ? "" : text)
    area = lines ? TextArea(text: text) : nil
    self.check = check
  }

  /// A field that shows `shown` in place of `value` until something is typed into it.
  public init(_ label: String, hiding value: String, as shown: String, _ check: Check = .any) {
    self.init(label, shown, check)
    hidden = value
  }

  /// The value, trimmed of spaces at the ends (a text area keeps its lines as typed).
  public var text: String { hidden ?? area?.text ?? input.text.trimmingWhitespace() }

  /// Rows the field takes in the form.
  var rows: Int { area == nil ? 1 : 4 }
}

/// What a form is for: where its values go when it is submitted.
public enum FormPurpose: Equatable, Sendable {
  case addCustomer
  case editCustomer(id: String)
  case logVisit(id: String)
  case complaint(id: String)
  case tagMarked
  case untagMarked
  case addPost(day: String, slot: String)
  case editPost(id: String)
  case addPromotion
  case editPromotion(id: String)
  case addComplaint
  /// `p` on a post: its likes and comments, then it is posted.
  case markPosted(id: String)
  /// `:setup`: the shop's name, language, hours and slots in shop.toml.
  case setup
}

public struct Form: Equatable, Sendable {
  public var purpose: FormPurpose
  public var title: String
  public var fields: [FormField]
  public var focus = 0
  /// Set after a refused submit, so every problem shows, not only the focused one's.
  public var showAll = false
  /// A template's blanks that the text must no longer hold.
  public var placeholders: [String] = []
  /// The dashboard's date, for the fields that compare with it (a post marked posted).
  public var today: Day?
  /// The values it opened with, to tell whether anything was typed.
  public let original: [String]

  public init(_ purpose: FormPurpose, title: String, _ fields: [FormField]) {
    self.purpose = purpose
    self.title = title
    self.fields = fields
    original = fields.map(\.text)
  }

  /// Whether a value differs from the one it opened with: leaving would lose it.
  public var isEdited: Bool { fields.map(\.text) != original }

  public func problem(_ i: Int, promotions: [String]) -> String? {
    if fields[i].area != nil, placeholders.contains(where: { fields[i].text.contains($0) }) {
      return "form.err.placeholder"
    }
    if fields[i].check == .customer, fields[i].text.isEmpty, !fields[i].query.isEmpty {
      return "form.err.customer_not_found"
    }
    return fields[i].check.problem(fields[i].text, promotions: promotions) ?? pairProblem(i)
  }

  /// What is wrong with a field together with the one it pairs with: a time window needs both
  /// ends and its "to" after its "from" (as promotions.csv is read); an end date is not before
  /// the start date. Shown on the later field.
  func pairProblem(_ i: Int) -> String? {
    func text(of label: String) -> String? { fields.first { $0.label == label }?.text }
    switch fields[i].label {
    case "field.to":
      guard let from = text(of: "field.from") else { return nil }
      let to = fields[i].text
      if from.isEmpty != to.isEmpty { return "form.err.window_half" }
      if let a = TimeOfDay(from), let b = TimeOfDay(to, allowEndOfDay: true), b <= a {
        return "form.err.to_before_from"
      }
    case "field.status":
      // A post dated after today cannot have gone out, nor been skipped.
      if let t = today, PostStatus(rawValue: fields[i].text).map({ $0 == .posted || $0 == .skipped }) == true,
        let date = text(of: "field.date").flatMap({ Day($0) }), date > t
      {
        return "form.err.posted_future"
      }
    case "field.end":
      if let start = text(of: "field.start").flatMap({ Day($0) }), let end = Day(fields[i].text), end < start
      {
        return "form.err.end_before_start"
      }
    default: break
    }
    return nil
  }

  public func isValid(promotions: [String]) -> Bool {
    fields.indices.allSatisfy { problem($0, promotions: promotions) == nil }
  }
}

/// A list to choose one entry from: a sort column, a filter, a churn reason.
public enum PickerPurpose: Equatable, Sendable {
  case sort
  case filter
  case churnReason(id: String)
  /// A template to start a post from, put into the given cell.
  case template(day: String, slot: String)
  /// An idea (a post without a date) to put into the given cell.
  case idea(day: String, slot: String)
  /// `:problems`: every problem of the store; Enter says what to fix.
  case problems
}

/// What a picker entry stands for, handed back to the pane that made the picker as it is: no
/// string to parse on the way back.
public enum PickValue: Equatable, Sendable {
  case column(CustomerList.Column)
  case filter(CustomerList.Dimension, String)
  case clearFilters
  case reason(Reason)
  /// A Moments template: its category and its place among that category's templates.
  case template(PostCategory, Int)
  case post(id: String)
  /// A problem, by its place in the store's list.
  case problem(Int)
}

public struct Picker: Equatable, Sendable {
  public var purpose: PickerPurpose
  public var title: String
  /// Label shown, value returned.
  public var items: [(label: String, value: PickValue)]
  public var cursor = 0

  public init(
    _ purpose: PickerPurpose, title: String, items: [(label: String, value: PickValue)], cursor: Int = 0
  ) {
    self.purpose = purpose
    self.title = title
    self.items = items
    self.cursor = cursor
  }

  public static func == (a: Picker, b: Picker) -> Bool {
    a.purpose == b.purpose && a.title == b.title && a.cursor == b.cursor
      && a.items.map(\.value) == b.items.map(\.value)
  }
}

public enum ConfirmPurpose: Equatable, Sendable {
  case deleteCustomer(id: String)
  case deletePost(id: String)
  /// An edit of saved past facts, waiting for yes.
  case edit(PendingEdit)
  /// Esc or Ctrl-C on a form with edits: drop them (and quit, for Ctrl-C)?
  case dropForm(Form, quit: Bool)
  /// `q` while a change is still being written: quit once it is written, or at once?
  case quitWhileWriting
}
