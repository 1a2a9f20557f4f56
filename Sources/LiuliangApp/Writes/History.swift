import LiuliangModel

/// A saved row that records what happened rather than a plan: a posted or skipped post, a
/// promotion whose last day is past, a customer's welcome date, the visit log. Such a row
/// changes only through an edit that names it; a move, an end or a mark that would change it
/// as a side effect is refused (`AppState.commit`), and an edit of it asks first.
public enum HistoryRow: Hashable, Sendable {
  case post(id: String)
  case promotion(id: String)
  case welcomed(customer: String)
  case visits
}

extension Post {
  /// Done and dated: its date, slot, text and likes say what went out.
  public var isHistory: Bool { status == .posted || status == .skipped }
}

extension Promotion {
  /// Its last day is before `today`: what it covered is over.
  public func isHistory(today: Day) -> Bool { end.map { $0 < today } ?? false }
}

extension Dataset {
  /// The history rows of `self` (as of `today`) that differ in `after` or are gone from it.
  /// Rows that become history in `after` (a post just marked posted) are not among them.
  public func historyChanged(to after: Dataset, today: Day) -> [HistoryRow] {
    var out: [HistoryRow] = []
    if posts != after.posts {
      let now = Dictionary(after.posts.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
      for p in posts where p.isHistory && now[p.id] != p { out.append(.post(id: p.id)) }
    }
    if promotions != after.promotions {
      let now = Dictionary(after.promotions.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
      for p in promotions where p.isHistory(today: today) && now[p.id] != p {
        out.append(.promotion(id: p.id))
      }
    }
    // Only chunks the two do not share can differ; a deletion moves the rows after it, and
    // those chunks are unshared too, so a row missing from them is gone.
    let ranges = customers.unsharedRanges(with: after.customers)
    if !ranges.isEmpty {
      var now: [String: Day?] = [:]
      for r in ranges {
        for i in r.clamped(to: after.customers.indices) {
          now[after.customers[i].id] = after.customers[i].welcomedOn
        }
      }
      for r in ranges {
        for i in r.clamped(to: customers.indices) {
          let c = customers[i]
          guard let was = c.welcomedOn else { continue }
          if (now[c.id] ?? nil) != was { out.append(.welcomed(customer: c.id)) }
        }
      }
    }
    // The log only grows through appended visits; a change of the records never touches it.
    if visits.count != after.visits.count { out.append(.visits) }
    return out
  }
}

/// A change of saved past facts, made only once the owner says yes.
public struct PendingEdit: Equatable, Sendable {
  public var question: String
  public var after: Dataset
  public var what: String
  public var rows: [HistoryRow]
  /// The form it came from, shown again on No.
  public var form: Form?
}

extension AppState {
  /// A sentence saying why `row` stays as it is, for a change that did not name it.
  func fixedSentence(_ row: HistoryRow) -> String {
    switch row {
    case .post(let id):
      let p = dataset.posts.first { $0.id == id }
      return text(
        "msg.history_post", id, p?.date?.description ?? "", p.map { wording.status($0.status) } ?? "")
    case .promotion(let id):
      let p = dataset.promotions.first { $0.id == id }
      return text("msg.history_promotion", p?.name ?? id, p?.end?.description ?? "")
    case .welcomed(let id):
      let c = dataset.customers.first { $0.id == id }
      return text("msg.history_welcomed", c?.name ?? id, c?.welcomedOn?.description ?? "")
    case .visits: return text["msg.history_visits"]
    }
  }

  /// The question asked before an edit changes `row`.
  func editQuestion(_ row: HistoryRow) -> String {
    switch row {
    case .post(let id):
      let p = dataset.posts.first { $0.id == id }
      return text(
        "confirm.edit_post", id, p?.date?.description ?? "", p.map { wording.status($0.status) } ?? "",
        p?.likes ?? 0, p?.comments ?? 0)
    case .promotion(let id):
      let p = dataset.promotions.first { $0.id == id }
      return text("confirm.edit_promotion", p?.name ?? id, p?.end?.description ?? "")
    case .welcomed, .visits: return fixedSentence(row)
    }
  }

  /// Saves an edit the owner made of a row: at once when it changes no history, else after a
  /// question that says what was saved before. A confirm that is a value: nothing is written
  /// until `y` hands the edit back to `commit`.
  mutating func commitAsking(_ ds: Dataset, _ what: String) -> [Effect] {
    guard mayEdit() else { return [] }
    let rows = dataset.historyChanged(to: ds, today: today)
    guard let first = rows.first else { return commit(ds, what) }
    overlay = .confirm(.edit(PendingEdit(question: editQuestion(first), after: ds, what: what, rows: rows)))
    return []
  }

  /// Saves a change the owner made of these very rows, asked for by name (a delete they
  /// confirmed, an import they previewed, `:keep` of their own version): the history rows it
  /// changes are named by it.
  mutating func commitNamed(_ ds: Dataset, _ what: String) -> [Effect] {
    commit(ds, what, editing: dataset.historyChanged(to: ds, today: today))
  }

  /// The effect naming the history rows a step from the records on screen to `ds` changes.
  func naming(_ ds: Dataset) -> [Effect] {
    let rows = dataset.historyChanged(to: ds, today: today)
    return rows.isEmpty ? [] : [.editHistory(rows)]
  }
}
