import ArgumentParser
import Dispatch
import LiuliangApp
import LiuliangCLI
import LiuliangModel
import LiuliangRender
import LiuliangSearch
import LiuliangStore
import LiuliangStringFunctions
import LiuliangText

/// `liuliang-tools phases --data DIR`: where a big store's load and dashboard spend time and
/// memory, one line a phase — each file read, then each figure `AppState.setData` works out, in
/// its order — with the resident memory after it and the peak so far (`/proc/self/status`).
/// The figures are made one by one and kept, as the dashboard keeps them, so the peak is theirs.
struct PhasesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "phases", abstract: cliText["cli.phases"])
  @OptionGroup var store: StoreOptions
  @Flag(help: ArgumentHelp(cliText["cli.opt.phases_writes"]))
  var writes = false

  func run() throws {
    let folder = store.folder()
    let today = try store.day()
    var clock = Stopwatch()
    let log = PhaseLog()
    log.line("start", 0)
    let s: Store
    do {
      // contacts.csv is read beside the others, so its line comes from its own thread.
      s = try Store(folder: folder, mode: writes ? .readWrite : .readOnly) { step in
        if step.done { log.queue.sync { log.line("read " + step.file, log.lap()) } }
      }
    } catch {
      throw CLIError(Wording(cliText).error(error))
    }
    log.line("load (rest)", log.lap())
    let ds = s.dataset
    _ = clock.lap()
    alone(ds, today, log)
    log.line("(the figures above let go)", log.lap())
    var keys = KeyClock(
      AppState(
        dataset: ds, problems: s.problems, today: today, folder: folder, text: cliText, width: 120, height: 40
      ))
    log.line("AppState (whole setData)", log.lap())
    _ = keys.indexesBeside()
    log.line("indexes beside the screen", log.lap())
    guard writes else { return }
    for key in [Key.char("v"), .char("5"), .char("8")] { keys.press(key) }
    let effects = keys.press(.ctrl("s")).effects
    log.line("a visit logged (setData)", log.lap())
    do {
      for case .appendVisit(let v, _) in effects { try s.appendVisit(v) }
      log.line("the visit appended", log.lap())
      for key in [Key.char("2"), .char("e"), .char("+"), .char("1")] {
        keys.press(key)
        log.line("  a key", log.lap())
      }
      let saves = keys.press(.ctrl("s")).effects
      log.line("a customer edited (setData)", log.lap())
      for case .save(let edited) in saves { try s.save(edited) }
      log.line("customers.csv rewritten", log.lap())
    } catch {
      throw CLIError(Wording(cliText).error(error))
    }
  }

  /// Each figure `setData` makes, made and kept one after another.
  func alone(_ ds: Dataset, _ today: Day, _ log: PhaseLog) {
    let index = VisitIndex(ds, keepingOrder: true)
    log.line("VisitIndex", log.lap())
    let visits = CustomerVisits(index)
    log.line("CustomerVisits", log.lap())
    // With what counting a logged visit in needs, as setData makes it.
    let analysis = Analysis(ds, today: today, index: index, updatable: visits)
    log.line("Analysis", log.lap())
    let trends = Trends(ds, today: today, weeks: 12, index: index)
    log.line("Trends", log.lap())
    let checks = ContentChecks(ds, today: today)
    log.line("ContentChecks", log.lap())
    let search = SearchIndex(ds.customers)
    log.line("SearchIndex", log.lap())
    let orders = SortOrders(ds, analysis)
    log.line("SortOrders", log.lap())
    withExtendedLifetime((index, visits, analysis, trends, checks, search, orders)) {}
  }
}

/// Prints a phase's time with the process's memory: resident now and its peak so far. Told one
/// step after another: a file read beside the loading thread tells through `queue`, and its
/// line counts from the line before it, whichever that was.
final class PhaseLog: @unchecked Sendable {
  let queue = DispatchQueue(label: "phases")
  var last = Stopwatch.now()
  var lastCPU = PhaseLog.cpu()

  func lap() -> Double {
    let t = Stopwatch.now()
    defer { last = Stopwatch.now() }
    return t - last
  }

  /// Every thread's CPU time in ms: on a busy machine the wall clock says more of the others.
  static func cpu() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    let user = Double(usage.ru_utime.tv_sec) * 1e3 + Double(usage.ru_utime.tv_usec) / 1e3
    return user + Double(usage.ru_stime.tv_sec) * 1e3 + Double(usage.ru_stime.tv_usec) / 1e3
  }

  func line(_ name: String, _ ms: Double) {
    let (rss, hwm) = PhaseLog.memory()
    let cpu = PhaseLog.cpu()
    defer { lastCPU = PhaseLog.cpu() }
    emit(
      name.padded(28) + " " + String(fixed: ms, places: 0).leftPadded(7) + " ms  cpu "
        + String(fixed: cpu - lastCPU, places: 0).leftPadded(6) + " ms  rss "
        + String(rss / 1024).leftPadded(6) + " MB  peak " + String(hwm / 1024).leftPadded(6) + " MB\n")
  }

  /// VmRSS and VmHWM in KiB.
  static func memory() -> (Int, Int) {
    guard let f = fopen("/proc/self/status", "r") else { return (0, 0) }
    defer { fclose(f) }
    var rss = 0
    var hwm = 0
    var buf = [CChar](repeating: 0, count: 256)
    while fgets(&buf, 256, f) != nil {
      let l = String(decoding: buf.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
      let v =
        Int(l.split(separator: " ").dropFirst().first { !$0.isEmpty && $0 != "\t" }?.filter(\.isNumber) ?? "")
        ?? 0
      if l.hasPrefix("VmRSS:") { rss = v }
      if l.hasPrefix("VmHWM:") { hwm = v }
    }
    return (rss, hwm)
  }
}

extension String {
  fileprivate func padded(_ n: Int) -> String {
    count >= n ? self : self + String(repeating: " ", count: n - count)
  }
  fileprivate func leftPadded(_ n: Int) -> String {
    count >= n ? self : String(repeating: " ", count: n - count) + self
  }
}
