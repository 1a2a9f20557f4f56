import LiuliangApp
import LiuliangModel
import LiuliangRender

/// Keys sent to the dashboard's update and view in-process, as the runner does, each timed from
/// the key to the frame drawn after it; samples are kept by name, e.g. `churn_toggle`.
struct KeyClock {
  var state: AppState
  var buf: Buffer
  var samples: [String: [Double]] = [:]

  init(_ state: AppState) {
    self.state = state
    buf = Buffer(width: state.width, height: state.height)
  }

  /// One key: the update and the frame after it. Returns the milliseconds and the effects.
  @discardableResult
  mutating func press(_ key: Key) -> (ms: Double, effects: [Effect]) {
    var w = Stopwatch()
    let effects = update(&state, .key(key))
    _ = view(state, into: &buf)
    return (w.lap(), effects)
  }

  /// Tells the state a frame is drawn, runs the index job it asks for on the index maker's
  /// thread as the dashboard's loop does, and takes what it made in (asked again while stale);
  /// returns the milliseconds until they were in. With `keys`, a cursor key every 5 ms while
  /// they are made, timed as `during_indexes`.
  mutating func indexesBeside(keys: Bool = false) -> Double {
    var w = Stopwatch()
    let maker = IndexMaker()
    var effects = update(&state, .frameDrawn)
    var next = Stopwatch.now()
    while effects.contains(where: \.makesIndexes) {
      for case .makeIndexes(let job) in effects { maker.start(job) }
      var made: [MadeIndexes] = []
      while made.isEmpty && maker.busy {
        next += keys ? 5 : 600_000
        made = maker.finished(waitingMs: max(0, Int((next - Stopwatch.now()).rounded(.up))))
        if made.isEmpty && keys {
          time("during_indexes", .char(samples["during_indexes", default: []].count % 2 == 0 ? "j" : "k"))
        }
      }
      effects = made.flatMap { update(&state, .indexesMade($0)) }
    }
    return w.lap()
  }

  mutating func time(_ name: String, _ key: Key) {
    samples[name, default: []].append(press(key).ms)
  }

  /// Closes whatever a key opened (a form, a picker, help), saying yes to dropping an edit.
  mutating func close(_ name: String? = nil) {
    for _ in 0..<4 where state.overlay != .none {
      if case .confirm = state.overlay {
        name.map { time($0, .char("y")) } ?? { _ = press(.char("y")) }()
      } else {
        name.map { time($0, .escape) } ?? { _ = press(.escape) }()
      }
    }
  }

  /// Switches to a pane, timed as `<pane>_switch`, from another pane each time.
  mutating func enter(_ pane: Pane, rounds: Int) {
    for _ in 0..<rounds {
      _ = press(.char(pane == .today ? "2" : "1"))
      time("\(pane)_switch", .char(Character(String(pane.rawValue))))
    }
  }

  /// Opens each form (or picker) with its key and closes it again, both timed.
  mutating func forms(_ pane: Pane, _ keys: [Character], rounds: Int) {
    for _ in 0..<rounds {
      for k in keys {
        time("\(pane)_form", .char(k))
        close("\(pane)_form")
      }
    }
  }

  /// Moves the cursor down and back up, `n` times each way.
  mutating func cursor(_ name: String, down: Key = .char("j"), up: Key = .char("k"), _ n: Int) {
    for _ in 0..<n { time(name, down) }
    for _ in 0..<n { time(name, up) }
  }

  /// Every key of every pane: switching to it, its cursor, each toggle, opening each form, the
  /// Moments moves, the Churn and Promotions lists.
  mutating func everyPane(rounds n: Int, queries: [(String, String)]) {
    let few = max(1, n / 4)
    // Today: the reach-out queue, its filter, the message and a customer opened from it.
    enter(.today, rounds: few)
    cursor("today_cursor", n)
    for _ in 0..<few {
      for _ in ReachFilter.allCases { time("today_filter", .char("f")) }
      time("today_message", .char("y"))
      close("today_message")
      time("today_open", .enter)
      time("today_open", .escape)
      if state.pane != .today { _ = press(.char("1")) }
    }
    // Customers: cursor, pages, search, filter, sort, detail, each form.
    enter(.customers, rounds: few)
    cursor("customers_cursor", n * 2)
    for _ in 0..<n { time("customers_page", .pageDown) }
    for _ in 0..<n { time("customers_page", .pageUp) }
    for _ in 0..<few {
      for (kind, q) in queries {
        time("customers_search_" + kind, .char("/"))
        for ch in q { time("customers_search_" + kind, .char(ch)) }
        time("customers_search_" + kind, .enter)
        time("customers_search_" + kind, .escape)
      }
    }
    for _ in 0..<few {
      time("customers_filter", .char("f"))
      time("customers_filter", .char("j"))
      time("customers_filter", .enter)
      time("customers_filter", .char("F"))
    }
    for k in 0..<few {
      time("customers_sort", .char("s"))
      for _ in 0..<(k % CustomerList.Column.allCases.count) { time("customers_sort", .char("j")) }
      time("customers_sort", .enter)
    }
    for _ in 0..<few {
      time("customers_detail", .enter)
      time("customers_detail", .char("j"))
      time("customers_detail", .escape)
      time("customers_mark", .char(" "))
      time("customers_mark", .char("m"))
      time("customers_mark", .char("m"))
    }
    forms(.customers, ["a", "e", "v", "c", "C"], rounds: few)
    // Moments: days, slots, weeks, each form, and the moves (each one a change of the data).
    enter(.moments, rounds: few)
    for _ in 0..<n {
      time("moments_cursor", .char("l"))
      time("moments_cursor", .char("j"))
      time("moments_cursor", .char("h"))
      time("moments_cursor", .char("k"))
    }
    for _ in 0..<few {
      time("moments_week", .char("]"))
      time("moments_week", .char("["))
      time("moments_week", .char("t"))
    }
    forms(.moments, ["a", "n", "i"], rounds: few)
    movesInMoments(rounds: few)
    // Promotions: the list, the heatmap and the toggle between them, each form.
    enter(.promotions, rounds: few)
    cursor("promotions_list", n)
    for _ in 0..<few {
      time("promotions_toggle", .char("w"))
      time("promotions_heat", .char("l"))
      time("promotions_heat", .char("j"))
      time("promotions_heat", .char("h"))
      time("promotions_heat", .char("k"))
      time("promotions_toggle", .char("w"))
    }
    if state.promotionsPane.heatFocus { _ = press(.char("w")) }
    forms(.promotions, ["a", "e"], rounds: few)
    // Churn: the at-risk list, the toggle to the complaint log and that list, a form.
    enter(.churn, rounds: few)
    cursor("churn_at_risk", n)
    for _ in 0..<few {
      time("churn_toggle", .char("w"))
      time("churn_complaints", .char("j"))
      time("churn_complaints", .char("k"))
      time("churn_toggle", .char("w"))
      time("churn_open", .enter)
      time("churn_open", .escape)
      if state.pane != .churn { _ = press(.char("5")) }
    }
    forms(.churn, ["a"], rounds: few)
    _ = press(.char("2"))
  }

  /// A planned post moved to the next day and back: each move changes the data and is saved.
  mutating func movesInMoments(rounds: Int) {
    let posts = state.dataset.posts
    let slots = state.dataset.shop.slots
    func movable(_ d: Day, _ slot: TimeOfDay) -> Bool? {
      let here = state.analysis.postCalendar.on(d).filter { posts[$0].slot == slot }
      if here.isEmpty { return nil }
      return here.allSatisfy { posts[$0].status == .planned || posts[$0].status == .idea }
    }
    var found: (week: Int, day: Int, row: Int)?
    search: for w in 0..<5 {
      let monday = state.today.weekStart.adding(7 * w)
      for d in 0..<6 {
        for (k, slot) in slots.enumerated()
        where monday.adding(d) >= state.today && movable(monday.adding(d), slot) == true
          && movable(monday.adding(d + 1), slot) != false
        {
          found = (w, d, k)
          break search
        }
      }
    }
    guard let (w, d, k) = found else { return }
    _ = press(.char("t"))
    for _ in 0..<w { _ = press(.char("]")) }
    // Within the week, so that no move crosses into the next one.
    while state.momentsPane.day > d { _ = press(.char("h")) }
    while state.momentsPane.day < d { _ = press(.char("l")) }
    while state.momentsPane.slotRow > k { _ = press(.char("k")) }
    while state.momentsPane.slotRow < k { _ = press(.char("j")) }
    for _ in 0..<rounds {
      time("moments_move", .char("L"))
      close("moments_move")
      time("moments_move", .char("H"))
      close("moments_move")
    }
  }

  /// Median, p99 and the count of every name, as `key_<name>_…` lines.
  func report(_ out: (String, Double) -> Void) {
    for name in samples.keys.sorted() {
      let v = samples[name]!.sorted()
      out("key_\(name)_median_ms", v[v.count / 2])
      out("key_\(name)_p99_ms", v[min(v.count - 1, Int((Double(v.count) * 0.99).rounded(.up)) - 1)])
      out("key_\(name)_samples", Double(v.count))
    }
  }
}
