import ArgumentParser
import LiuliangApp
import LiuliangCLI
import LiuliangModel
import LiuliangPostgres
import LiuliangRender
import LiuliangReport
import LiuliangSearch
import LiuliangStore
import LiuliangStringFunctions
import LiuliangText

/// `liuliang-tools bench --data DIR` (or `--store URL --shop ID`): times, in this process, what the owner waits for on a big store —
/// the load, the whole dashboard, each kind of keystroke in the Customers pane, logging a visit
/// and saving an edit — and reports peak memory against the files' size. It writes to the store,
/// so scripts/bench runs it on a generated copy. Output is one `name value` pair a line, for
/// scripts; it is in liuliang-tools, not the installed program, because only the suite needs it.
struct BenchCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "bench", abstract: cliText["cli.bench"])
  @OptionGroup var store: StoreOptions
  @Option(help: ArgumentHelp(cliText["cli.opt.rounds"], valueName: "N"))
  var rounds: Int = 20

  func run() throws {
    let folder = store.folder()
    let today = try store.day()
    var onDisk = Kind.allCases.reduce(fileSize(folder + "/shop.toml")) {
      $0 + fileSize(folder + "/" + $1.fileName)
    }
    var clock = Stopwatch()
    // A chain (--store URL --shop ID) is measured as the folder is; its "files" are the bytes
    // its load read, as the files would hold them.
    let s = try store.openStore(readOnly: false)
    let load = clock.lap()
    if let chain = s as? PostgresStore { onDisk = chain.loadedBytes }
    report("rss_after_load_mb", peakRSS() / 1e6)
    _ = clock.lap()
    // The key clock holds the only state, as the dashboard's loop does: a second copy kept
    // here would keep every old figure alive through the first change of data.
    var keys = KeyClock(
      AppState(
        dataset: s.dataset, problems: s.problems, today: today, folder: folder, text: cliText, width: 120,
        height: 40))
    let dashboard = clock.lap()
    var buf = Buffer(width: keys.state.width, height: keys.state.height)
    _ = view(keys.state, into: &buf)
    let frame = clock.lap()
    report("customers", Double(s.dataset.customers.count))
    report("visits", Double(s.dataset.visits.count))
    report("files_mb", Double(onDisk) / 1e6)
    report("load_ms", load)
    report("dashboard_ms", dashboard)
    report("first_frame_ms", frame)
    report("load_and_dashboard_ms", load + dashboard + frame)
    // On a busy machine the wall clock says as much of the other work as of this: CPU time too.
    report("load_and_dashboard_cpu_ms", PhaseLog.cpu())
    report("rss_after_dashboard_mb", peakRSS() / 1e6)
    // The search index and the sort orders are made beside the screen once its first frame is
    // on it, as the dashboard's loop makes them; the keys below are timed after they came, as
    // when the owner reads the first screen for a second. How long they took comes apart, and
    // cursor keys sent meanwhile are timed on their own.
    let cpu = PhaseLog.cpu()
    report("indexes_ready_ms", keys.indexesBeside(keys: true))
    report("indexes_ready_cpu_ms", PhaseLog.cpu() - cpu)
    report("rss_after_indexes_mb", peakRSS() / 1e6)

    // Every key of every pane, median and p99 each (see KeyClock).
    keys.everyPane(rounds: max(1, rounds), queries: searchQueries(s.dataset))

    // Logging a visit from the dashboard: the form, then Ctrl-S, after which the figures count
    // it in. Each round but the last takes it back with `u` (timed too); the last one's visit
    // the store then writes, as the dashboard's runner does.
    var logMs: [Double] = []
    var effects: [Effect] = []
    for round in 0..<max(1, rounds) {
      for key in [Key.char("v"), .char("5"), .char("8")] { keys.press(key) }
      let (ms, made) = keys.press(.ctrl("s"))
      logMs.append(ms)
      effects = made
      if round < max(1, rounds) - 1 { keys.time("undo_visit", .char("u")) }
    }
    keys.report(report)
    logMs.sort()
    report("dashboard_log_visit_ms", logMs[logMs.count / 2])
    report(
      "dashboard_log_visit_p99_ms",
      logMs[min(logMs.count - 1, Int((Double(logMs.count) * 0.99).rounded(.up)) - 1)])
    let logged = effects.compactMap { e -> Visit? in
      if case .appendVisit(let v, _) = e { return v }
      return nil
    }
    guard let visit = logged.first else { throw CLIError("bench: the visit form did not log a visit") }
    report("rss_after_keys_mb", peakRSS() / 1e6)
    // Writes: that visit appended to the log, one customer's notes changed and saved.
    if let r = s.readOnly { throw CLIError(Wording(cliText).readOnly(r)) }
    _ = clock.lap()
    do {
      try s.appendVisit(visit, extra: [:])
      report("append_visit_ms", clock.lap())
    } catch {
      throw CLIError(Wording(cliText).error(error))
    }
    try saveAnEdit(&keys, s)
    let peak = peakRSS()
    report("peak_rss_mb", peak / 1e6)
    report("peak_rss_to_files", peak / Double(max(1, onDisk)))
    // What the cohorts and the promotions' effects add to the dashboard's figures, each timed
    // alone after the memory is measured (the cohorts need a visit index of their own here).
    let ds = keys.state.dataset
    let index = VisitIndex(ds, keepingOrder: false)
    _ = clock.lap()
    _ = Cohort.table(ds, today: today, index: index)
    report("cohorts_ms", clock.lap())
    _ = PromotionEffect.all(ds.promotions, visits: ds.visits, today: today)
    report("promotion_effects_ms", clock.lap())
    // What each customer edit did before the index and orders were updated for that customer.
    _ = SearchIndex(ds.customers)
    _ = SortOrders(ds, keys.state.analysis)
    report("edit_index_and_orders_anew_ms", clock.lap())
    // What taking a visit back cost while it worked out every figure again, for comparison:
    // last, since it holds a second set of figures.
    var again = keys.state
    var before = ds
    before.visits.removeLast()
    _ = clock.lap()
    again.setData(before, problems: again.problems, today: today)
    report("dashboard_figures_again_ms", clock.lap())
  }

  /// One customer edited in the form and saved through the dashboard's own loop: Ctrl-S is
  /// timed to the frame after it, and the store writer's rewrite of customers.csv on its
  /// thread from that frame until its outcome is back in the loop. Until then a key is sent
  /// every 5 ms, each timed from when it was sent to the frame after it — waiting, as in the
  /// terminal, while the loop is busy.
  func saveAnEdit(_ keys: inout KeyClock, _ s: any RecordStore) throws(CLIError) {
    _ = keys.press(.char("2"))
    _ = keys.press(.char("e"))
    for ch in "+1" { _ = keys.press(.char(ch)) }
    var loop = DashboardLoop(state: keys.state, store: s)
    // The loop's state is the only one, as in the dashboard: the figures before the edit go
    // when the edit makes new ones, rather than stay to swell the peak of memory.
    keys.state = AppState(
      dataset: Dataset(shop: s.dataset.shop), problems: [], today: loop.state.today, folder: "", text: cliText
    )
    var buf = keys.buf
    let start = Stopwatch.now()
    _ = loop.send(.key(.ctrl("s")))
    _ = view(loop.state, into: &buf)
    // Keys are sent from the frame on, while the write runs (the frame's own wait is above).
    let frame = Stopwatch.now()
    var sent = frame
    report("edit_save_screen_ms", frame - start)
    var v: [Double] = []
    var written = 0.0
    while loop.state.pendingWrites > 0 {
      sent += 5
      // The loop waits for the key (or the write's outcome) as the runner's readKey does.
      if loop.collect(waitingMs: Int((sent - Stopwatch.now()).rounded(.up))) {
        written = Stopwatch.now() - frame
      }
      if loop.state.pendingWrites == 0 { break }
      _ = loop.send(.key(.char(v.count % 2 == 0 ? "j" : "k")))
      _ = view(loop.state, into: &buf)
      v.append(Stopwatch.now() - sent)
    }
    if loop.state.messageIsError, let m = loop.state.message { throw CLIError(m) }
    report("save_customer_ms", written)
    if v.isEmpty { v = [0] }
    v.sort()
    report("key_during_save_median_ms", v[v.count / 2])
    report("key_during_save_p99_ms", v[min(v.count - 1, Int((Double(v.count) * 0.99).rounded(.up)) - 1)])
    report("key_during_save_samples", Double(v.count))
    keys.state = loop.state
  }

  /// A name's first character, a phone's first digits and a name's pinyin initials, taken from
  /// the store itself so that every query finds someone.
  func searchQueries(_ ds: Dataset) -> [(String, String)] {
    let name = ds.customers.first { $0.name.unicodeScalars.first.map { $0.value >= 0x3400 } ?? false }?.name
    let phone = ds.customers.first { $0.phone.count >= 4 }?.phone
    var out: [(String, String)] = []
    if let name { out.append(("name", String(name.prefix(2)))) }
    if let phone { out.append(("phone", String(phone.prefix(4)))) }
    out.append(("pinyin", "zw"))
    return out
  }

  /// The most memory this process has had resident so far, in bytes.
  func peakRSS() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) * 1024
  }

  func fileSize(_ path: String) -> Int {
    var st = stat()
    return stat(path, &st) == 0 ? Int(st.st_size) : 0
  }

  func report(_ name: String, _ value: Double) {
    emit(name + " " + String(fixed: value, places: 2) + "\n")
  }
}

/// Milliseconds on the monotonic clock since the last lap.
struct Stopwatch {
  var last = Stopwatch.now()

  static func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) * 1e3 + Double(ts.tv_nsec) / 1e6
  }

  mutating func lap() -> Double {
    let t = Stopwatch.now()
    defer { last = t }
    return t - last
  }
}
