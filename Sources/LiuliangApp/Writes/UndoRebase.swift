import LiuliangModel

/// Undo and redo across a reload: each step is carried onto the records read again, as long
/// as the rows it changed are still as it left them. The first step that finds its rows
/// changed by someone else is dropped with every step before it (undoing past it would leave
/// the screen in a state the files never held), and the message names the dropped steps.
extension AppState {
  public mutating func reloaded(_ fresh: Dataset, problems ps: [Problem]) {
    // A log that someone else appended to or edited leaves no visit step safe to take back.
    let sameLog = fresh.visits == dataset.visits
    let (keptUndo, droppedUndo) = Self.carried(undo, onto: fresh) {
      Self.carryUndo($0, onto: $1, sameLog: sameLog)
    }
    let (keptRedo, droppedRedo) = Self.carried(redo, onto: fresh) {
      Self.carryRedo($0, onto: $1, sameLog: sameLog)
    }
    undo = keptUndo
    redo = keptRedo
    pendingOverwrite = nil
    unsaved = []
    warnedUnsaved = false
    setData(fresh, problems: ps, today: today)
    var note = text.counted("msg.reloaded", ps.count, fresh.customers.count)
    let dropped = droppedUndo + droppedRedo
    if !dropped.isEmpty {
      note += " " + text("msg.undo_dropped", dropped.count, dropped.joined(separator: "; "))
    } else if !undo.isEmpty || !redo.isEmpty {
      note += " " + text("msg.undo_kept", undo.count + redo.count)
    }
    flash(note, error: !dropped.isEmpty)
  }

  /// Carries a stack's steps onto `fresh` from its top (the step nearest the records on screen)
  /// down, each onto the records the step above it left, until one can't be: the steps kept,
  /// in the stack's order, and what that one and every step under it were.
  static func carried(
    _ steps: [Change], onto fresh: Dataset, by carry: (Change, Dataset) -> (Change, Dataset)?
  ) -> (kept: [Change], dropped: [String]) {
    var cur = fresh
    var kept: [Change] = []
    var k = steps.count - 1
    while k >= 0, let (step, next) = carry(steps[k], cur) {
      kept.append(step)
      cur = next
      k -= 1
    }
    return (kept.reversed(), k >= 0 ? steps[0...k].map(\.what) : [])
  }

  /// A step to undo, rebuilt on `cur` (the records with every later step undone), and the
  /// records before it; nil when someone else changed a row it touched.
  static func carryUndo(_ c: Change, onto cur: Dataset, sameLog: Bool) -> (Change, Dataset)? {
    switch c {
    case .visit:
      // The log is the one the step appended to, so its last visit is still the step's.
      return sameLog ? (c, cur) : nil
    case .data(let before, let after, let what):
      guard let earlier = carry(after, before, onto: cur, sameLog: sameLog) else { return nil }
      return (.data(before: earlier, after: cur, what: what), earlier)
    }
  }

  static func carryRedo(_ c: Change, onto cur: Dataset, sameLog: Bool) -> (Change, Dataset)? {
    switch c {
    case .visit: return sameLog ? (c, cur) : nil
    case .data(let before, let after, let what):
      guard let later = carry(before, after, onto: cur, sameLog: sameLog) else { return nil }
      return (.data(before: cur, after: later, what: what), later)
    }
  }

  /// `cur` with the change from `x` to `y` made in it, row by row; nil when a row the change
  /// touches is no longer as `x` has it.
  static func carry(_ x: Dataset, _ y: Dataset, onto cur: Dataset, sameLog: Bool) -> Dataset? {
    var out = cur
    guard
      let cs = rows(x.customers, y.customers, cur.customers, x.customers.unsharedRanges(with: y.customers)),
      let ps = rows(x.posts, y.posts, cur.posts, [x.posts.indices]),
      let pr = rows(x.promotions, y.promotions, cur.promotions, [x.promotions.indices]),
      let co = rows(x.complaints, y.complaints, cur.complaints, [x.complaints.indices])
    else { return nil }
    out.customers = cs
    out.posts = ps
    out.promotions = pr
    out.complaints = co
    // Snapshots keep the log as it was at their step, so undoing a visit and then an older
    // change shows the log the files hold. A change that renumbered visits (a customer
    // deleted) needs the very log it renumbered.
    if sameLog {
      out.visits = y.visits
    } else if x.visits.count != y.visits.count || x.visits != y.visits {
      return nil
    }
    return out
  }

  /// The rows of one kind: `cur` with each row changed from `x` to `y` (inside `candidates`)
  /// set to `y`'s, when `cur` still holds `x`'s there; someone else's rows stay as they are.
  /// A change that adds or removes rows needs the whole kind as `x` has it.
  static func rows<C: RandomAccessCollection & MutableCollection>(
    _ x: C, _ y: C, _ cur: C, _ candidates: [Range<Int>]
  ) -> C? where C.Index == Int, C.Element: Equatable {
    if x.count != y.count { return cur.elementsEqual(x) ? y : nil }
    // Rows are matched by place: a row someone else added at the end moves nothing, one
    // inserted or removed before a changed row makes it differ, and the step is dropped.
    var out = cur
    for r in candidates {
      for i in r.clamped(to: 0..<x.count) where x[i] != y[i] {
        guard i < cur.count, cur[i] == x[i] else { return nil }
        out[i] = y[i]
      }
    }
    return out
  }
}
