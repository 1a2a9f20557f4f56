import LiuliangModel
import LiuliangReport

/// The Today list's filter, by reason.
public enum ReachFilter: Int, CaseIterable, Sendable {
  case all, atRisk, birthdays, welcome, complaints

  /// The reach-out kind the filter keeps; nil keeps all.
  public var kindID: String? {
    switch self {
    case .all: return nil
    case .atRisk: return "at_risk"
    case .birthdays: return "birthday"
    case .welcome: return "welcome"
    case .complaints: return "complaint"
    }
  }

  public var next: ReachFilter { ReachFilter(rawValue: (rawValue + 1) % Self.allCases.count)! }
}

/// A message made ready for one customer, shown with their WeChat id and copied.
public struct PreparedMessage: Equatable, Sendable {
  public var customer: Int
  public var name: String
  public var wechat: String
  public var text: String
}

/// The reach-out list worked as a queue: the entries the filter keeps, in the order the owner
/// works through them, with what was already sent today. Made on a data change, not per frame.
public struct ReachQueue: Sendable {
  public var filter: ReachFilter = .all
  /// Indexes into `Analysis.reachOut`.
  public private(set) var entries: [Int] = []
  /// Entries of each filter.
  public private(set) var counts: [ReachFilter: Int] = [:]
  /// `id|kind` of today's contacts, to mark the entries already done.
  public private(set) var contactedToday: Set<String> = []
  public var prepared: PreparedMessage?
  /// `:messages` shows every template until the next key.
  public var showsTemplates = false
  /// Each filter's entries, made with the data: `f` only picks one.
  private var byFilter: [ReachFilter: [Int]] = [:]

  /// The entries of the filter now chosen.
  mutating func refilter() { entries = byFilter[filter] ?? [] }

  mutating func refresh(_ a: Analysis, _ ds: Dataset, today t: Day) {
    relist(a)
    contactedToday = Set(ds.contacts.filter { $0.date == t }.map { $0.customer + "|" + $0.kind.rawValue })
  }

  /// The entries again from a new reach-out list, when the customers and contacts are as before
  /// (a visit logged): who was tried or contacted is read from those alone.
  mutating func relist(_ a: Analysis) {
    let list = a.reachOut
    // One pass by the reason itself: on a big pool the list holds a few hundred thousand.
    var atRisk: [Int] = []
    var birthdays: [Int] = []
    var welcome: [Int] = []
    var complaints: [Int] = []
    var rest: [Int] = []
    for (k, r) in list.enumerated() {
      switch r.reason {
      case .atRisk: atRisk.append(k)
      case .birthday: birthdays.append(k)
      case .welcome: welcome.append(k)
      case .complaint: complaints.append(k)
      }
      if case .complaint = r.reason {} else { rest.append(k) }
    }
    // Complaints first, then the rest in list order (`Messages.queueOrder`).
    let by: [ReachFilter: [Int]] = [
      .all: complaints + rest, .atRisk: atRisk, .birthdays: birthdays, .welcome: welcome,
      .complaints: complaints,
    ]
    counts = by.mapValues(\.count)
    byFilter = by
    refilter()
  }
}

extension AppState {
  /// The reach-out entry under the Today cursor.
  public var currentReach: ReachOut? {
    todayPane.reach.index < todayPane.queue.entries.count
      ? analysis.reachOut[todayPane.queue.entries[todayPane.reach.index]] : nil
  }

  /// Whether entry r was already done today (a contact of its kind today).
  func doneToday(_ r: ReachOut) -> Bool {
    guard let c = r.customer else { return false }
    return todayPane.queue.contactedToday.contains(
      dataset.customers[c].id + "|" + Messages.kind(of: r.reason).rawValue)
  }

  /// The message of `kind` for customer i: the store's template or the one in Resources.
  func message(for i: Int, _ kind: ContactKind) -> String {
    MessageText.make(i, kind, dataset, analysis, text)
  }

  /// `y`: the message is made, shown with the WeChat id, and copied (the runner writes it to
  /// the terminal's clipboard and to a clipboard tool when there is one).
  mutating func prepare(_ i: Int, _ kind: ContactKind) -> [Effect] {
    let c = dataset.customers[i]
    let m = PreparedMessage(customer: i, name: c.name, wechat: c.wechat, text: message(for: i, kind))
    todayPane.queue.prepared = m
    flash(text("queue.copied", c.name, c.wechat.isEmpty ? text["queue.no_wechat"] : c.wechat))
    return [.copy(m.text)]
  }

  /// The kind of message a customer gets outside the Today list: their first reach-out
  /// entry's, else a win-back try for the at-risk, else a plain one.
  func messageKind(for i: Int) -> ContactKind {
    if let r = analysis.reachOut.first(where: { $0.customer == i }) { return Messages.kind(of: r.reason) }
    return analysis.segment(i) == .atRisk ? .winBack : .other
  }
}

/// The Today pane's own actions: filter, prepare, mark contacted, open.
func todayAction(_ s: inout AppState, _ action: Action) -> [Effect]? {
  let visible = Layouts.todayListRows(s)
  switch action {
  case .filter:
    s.todayPane.queue.filter = s.todayPane.queue.filter.next
    s.todayPane.queue.refilter()
    s.todayPane.reach.setCount(s.todayPane.queue.entries.count, visible: visible)
    s.todayPane.reach.jump(to: 0, visible: visible)
    return []
  case .prepareMessage:
    guard let r = s.currentReach else { return [] }
    guard let c = r.customer else {
      s.flash(s.text["queue.no_customer"], error: true)
      return []
    }
    return s.prepare(c, Messages.kind(of: r.reason))
  case .welcomed, .winBack, .greeted, .followedUp:
    guard let r = s.currentReach else { return [] }
    guard let c = r.customer else {
      s.flash(s.text["queue.no_customer"], error: true)
      return []
    }
    let kind: ContactKind =
      action == .welcomed
      ? .welcome : action == .winBack ? .winBack : action == .greeted ? .birthday : .complaint
    var note = ""
    if case .complaint(let k) = r.reason { note = s.dataset.complaints[k].date.description }
    // The entry after this one, found again once the list is made anew without or with it.
    let i = s.todayPane.reach.index
    let next =
      i + 1 < s.todayPane.queue.entries.count ? s.analysis.reachOut[s.todayPane.queue.entries[i + 1]] : nil
    let effects = s.logContact(c, kind, note: note)
    guard !effects.isEmpty else { return effects }
    let list = s.analysis.reachOut
    if let next, let p = s.todayPane.queue.entries.firstIndex(where: { list[$0] == next }) {
      s.todayPane.reach.jump(to: p, visible: visible)
    } else {
      s.todayPane.reach.jump(to: min(i, max(0, s.todayPane.queue.entries.count - 1)), visible: visible)
    }
    return effects
  case .open:
    if let c = s.currentReach?.customer { openCustomer(&s, c) }
    return []
  default: return nil
  }
}
