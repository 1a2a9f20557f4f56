import LiuliangModel

/// Every change goes through here: it is applied to the state, saved by an effect, and can be
/// walked back with `u` and forward again with Ctrl-R, through the whole session.
extension AppState {
  /// Refuses with the reason when the store can't be written; true when edits may go ahead.
  mutating func mayEdit() -> Bool {
    guard let r = readOnly else { return true }
    flash(r, error: true)
    return false
  }

  /// `named`: the history rows the owner chose to change; any other history row the step
  /// would change refuses it whole, with a sentence saying which row stays.
  mutating func commit(_ ds: Dataset, _ what: String, editing named: [HistoryRow] = []) -> [Effect] {
    guard mayEdit() else { return [] }
    let rows = dataset.historyChanged(to: ds, today: today)
    if let fixed = rows.first(where: { !named.contains($0) }) {
      flash(fixedSentence(fixed), error: true)
      return []
    }
    undo.append(.data(before: dataset, after: ds, what: what))
    redo.removeAll()
    setData(ds, problems: problems, today: today)
    flash(what)
    return queued((rows.isEmpty ? [] : [.editHistory(rows)]) + [.save(ds)])
  }

  mutating func appendVisit(_ v: Visit, _ what: String, extra: [String: String] = [:]) -> [Effect] {
    guard mayEdit() else { return [] }
    var ds = dataset
    ds.visits.append(v)
    undo.append(.visit(v, what: what))
    redo.removeAll()
    setVisits(ds, v, added: true)
    flash(what)
    return queued([.appendVisit(v, extra: extra)])
  }

  /// Moves the step on top of one history onto the other and says so with `done`; nil when
  /// no edit may be made now, or, said with `none`, when the history is empty.
  private mutating func moveStep(
    from: WritableKeyPath<AppState, [Change]>, to: WritableKeyPath<AppState, [Change]>, none: String,
    done: String
  ) -> Change? {
    guard mayEdit() else { return nil }
    guard let c = self[keyPath: from].popLast() else {
      flash(text[none])
      return nil
    }
    self[keyPath: to].append(c)
    flash(text(done, c.what))
    return c
  }

  mutating func undoLast() -> [Effect] {
    guard let c = moveStep(from: \.undo, to: \.redo, none: "msg.nothing_to_undo", done: "msg.undone") else {
      return []
    }
    switch c {
    case .data(let before, _, _):
      let names = naming(before)
      setData(before, problems: problems, today: today)
      return queued(names + [.save(before)])
    case .visit:
      var ds = dataset
      let gone = ds.visits.removeLast()
      setVisits(ds, gone, added: false)
      return queued([.removeLastVisit])
    }
  }

  mutating func redoLast() -> [Effect] {
    guard let c = moveStep(from: \.redo, to: \.undo, none: "msg.nothing_to_redo", done: "msg.redone") else {
      return []
    }
    switch c {
    case .data(_, let after, _):
      let names = naming(after)
      setData(after, problems: problems, today: today)
      return queued(names + [.save(after)])
    case .visit(let v, _):
      var ds = dataset
      ds.visits.append(v)
      setVisits(ds, v, added: true)
      return queued([.appendVisit(v)])
    }
  }

  /// The store refused the last step: the screen goes back to what the files hold.
  mutating func takeBackLast() {
    guard let c = undo.popLast() else { return }
    switch c {
    case .data(let before, _, _): setData(before, problems: problems, today: today)
    case .visit:
      var ds = dataset
      guard !ds.visits.isEmpty else { return }
      let gone = ds.visits.removeLast()
      setVisits(ds, gone, added: false)
    }
  }
}
