import ArgumentParser
import LiuliangApp
import LiuliangCLI
import LiuliangModel
import LiuliangRender
import LiuliangReport
import LiuliangStore
import LiuliangStringFunctions
import LiuliangText

#if canImport(Glibc)
  import Glibc
#endif

/// `liuliang-tools bench --data DIR`: times, in this process, what the owner waits for on a big store —
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
    let onDisk = Kind.allCases.reduce(fileSize(folder + "/shop.toml")) {
      $0 + fileSize(folder + "/" + $1.fileName)
    }
    var clock = Stopwatch()
    let s: Store
    do {
      s = try Store(folder: folder, mode: .readWrite)
    } catch {
      throw CLIError(Wording(cliText).error(error))
    }
    let load = clock.lap()
    report("rss_after_load_mb", peakRSS() / 1e6)
    _ = clock.lap()
    var state = AppState(
      dataset: s.dataset, problems: s.problems, today: today, folder: folder, text: cliText, width: 120,
      height: 40)
    let dashboard = clock.lap()
    var buf = Buffer(width: state.width, height: state.height)
    _ = view(state, into: &buf)
    let frame = clock.lap()
    report("customers", Double(s.dataset.customers.count))
    report("visits", Double(s.dataset.visits.count))
    report("files_mb", Double(onDisk) / 1e6)
    report("load_ms", load)
    report("dashboard_ms", dashboard)
    report("first_frame_ms", frame)
    report("load_and_dashboard_ms", load + dashboard + frame)
    report("rss_after_dashboard_mb", peakRSS() / 1e6)

    // One key: the update and the frame drawn after it, as the runner does.
    func press(_ key: Key) -> Double {
      var w = Stopwatch()
      _ = update(&state, .key(key))
      _ = view(state, into: &buf)
      return w.lap()
    }
    _ = press(.char("2"))
    var samples: [String: [Double]] = [:]
    func time(_ name: String, _ key: Key) { samples[name, default: []].append(press(key)) }
    let n = max(1, rounds)
    for _ in 0..<n * 5 { time("cursor", .char("j")) }
    for _ in 0..<n * 5 { time("cursor", .char("k")) }
    for _ in 0..<n { time("page", .pageDown) }
    for _ in 0..<n { time("page", .pageUp) }
    let queries = searchQueries(state.dataset)
    for _ in 0..<max(1, n / 4) {
      for (kind, q) in queries {
        time("search_" + kind, .char("/"))
        for ch in q { time("search_" + kind, .char(ch)) }
        time("search_" + kind, .enter)
        time("search_" + kind, .escape)
      }
    }
    for _ in 0..<max(1, n / 4) {
      time("filter", .char("f"))
      time("filter", .char("j"))
      time("filter", .enter)
      time("filter", .char("F"))
    }
    for _ in 0..<max(1, n / 4) {
      time("detail", .enter)
      time("detail", .char("j"))
      time("detail", .escape)
    }
    for k in 0..<max(1, n / 4) {
      time("sort", .char("s"))
      for _ in 0..<(k % CustomerList.Column.allCases.count) { time("sort", .char("j")) }
      time("sort", .enter)
    }
    // The Promotions and Churn panes: switching to each and moving in it draws the heatmap, the
    // effect, the retention triangle and the trend from the analysis, which computes nothing.
    _ = press(.escape)
    for _ in 0..<max(1, n / 4) {
      time("panes", .char("4"))
      time("panes", .char("5"))
    }
    _ = press(.char("4"))
    for _ in 0..<n {
      time("promotions", .char("j"))
      time("promotions", .char("k"))
    }
    _ = press(.char("5"))
    for _ in 0..<n {
      time("churn", .char("j"))
      time("churn", .char("k"))
    }
    _ = press(.char("2"))
    for name in samples.keys.sorted() {
      let v = samples[name]!.sorted()
      report("key_\(name)_median_ms", v[v.count / 2])
      report("key_\(name)_p99_ms", v[min(v.count - 1, Int((Double(v.count) * 0.99).rounded(.up)) - 1)])
      report("key_\(name)_samples", Double(v.count))
    }

    // Logging a visit from the dashboard: the form, then Ctrl-S, after which every figure is
    // worked out again; then the store writes it, as the dashboard's runner does.
    for key in [Key.char("v"), .char("5"), .char("8")] { _ = press(key) }
    var w = Stopwatch()
    let effects = update(&state, .key(.ctrl("s")))
    _ = view(state, into: &buf)
    report("dashboard_log_visit_ms", w.lap())
    let logged = effects.compactMap { e -> Visit? in
      if case .appendVisit(let v, _) = e { return v }
      return nil
    }
    guard let visit = logged.first else { throw CLIError("bench: the visit form did not log a visit") }
    report("rss_after_keys_mb", peakRSS() / 1e6)
    // Writes: that visit appended to the log, one customer's notes changed and saved.
    if let r = s.readOnly { throw CLIError(Wording(cliText).readOnly(r)) }
    let who = Int32(s.dataset.customers.count / 2)
    _ = clock.lap()
    do {
      try s.appendVisit(visit)
      report("append_visit_ms", clock.lap())
      var ds = s.dataset
      ds.customers[Int(who)].notes += "+"
      _ = clock.lap()
      try s.save(ds)
      report("save_customer_ms", clock.lap())
    } catch {
      throw CLIError(Wording(cliText).error(error))
    }
    let peak = peakRSS()
    report("peak_rss_mb", peak / 1e6)
    report("peak_rss_to_files", peak / Double(max(1, onDisk)))
    // What the cohorts and the promotions' effects add to the dashboard's figures, each timed
    // alone after the memory is measured (the cohorts need a visit index of their own here).
    let ds = state.dataset
    let index = VisitIndex(ds, keepingOrder: false)
    _ = clock.lap()
    _ = Cohort.table(ds, today: today, index: index)
    report("cohorts_ms", clock.lap())
    _ = PromotionEffect.all(ds.promotions, visits: ds.visits, today: today)
    report("promotion_effects_ms", clock.lap())
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
