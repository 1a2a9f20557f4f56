import ArgumentParser
import LiuliangApp
import LiuliangCLI
import LiuliangGenerator
import LiuliangImport
import LiuliangModel
import LiuliangPostgres
import LiuliangRender
import LiuliangReport
import LiuliangStore
import LiuliangTerminal
import LiuliangText

/// Runs the dashboard: keys in, update, view, draw only what changed — until an effect says quit.
struct Dashboard {
  let store: any RecordStore
  /// The state, and the store writer that the loop hands writes to (see DashboardLoop).
  var loop: DashboardLoop
  var state: AppState {
    get { loop.state }
    set { loop.state = newValue }
  }
  var ambiguous = AmbiguousWidth.auto
  var mouse = true

  init(store: any RecordStore, today: Day, maskPhones: Bool) {
    self.store = store
    adoptShopLanguage(store.dataset.shop)
    let home = ProcessInfo.processInfo.environment["HOME"] ?? ""
    var shown = store.displayName
    if !home.isEmpty && shown.hasPrefix(home + "/") { shown = "~" + shown.dropFirst(home.count) }
    loop = DashboardLoop(
      state: AppState(
        dataset: store.dataset, problems: store.problems, today: today, folder: shown, text: cliText),
      store: store)
    state.maskPhones = maskPhones
    state.home = home
    if let r = store.readOnly { state.readOnly = Wording(cliText).readOnly(r) }
    if let role = (store as? PostgresStore)?.role, role.shop != nil {
      state.cannotDelete = cliText("chain.no_delete", role.role)
    }
  }

  mutating func run() throws {
    let terminal = try Dashboard.terminal(ambiguous)
    defer { terminal.stop() }
    try run(on: terminal, firstFrame: true)
  }

  static func terminal(_ ambiguous: AmbiguousWidth) throws -> Terminal {
    do {
      return try Terminal(colors: Terminal.colorsAllowed(), ambiguous: ambiguous)
    } catch TerminalError.cannotAddress(let term) {
      throw CLIError(cliText("cli.err.term", term))
    } catch {
      throw CLIError(cliText["cli.err.no_terminal"])
    }
  }

  /// Keys in, update, view until quit, on a terminal already started (the loading screen's).
  mutating func run(on terminal: Terminal, firstFrame: Bool) throws {
    if mouse { terminal.enableMouse() }
    Glyphs.useAmbiguousWide(terminal.ambiguousWide)
    if let r = state.readOnly { state.flash(r, error: true) }
    var first = firstFrame
    var size = (width: 0, height: 0)
    while true {
      loop.collect()
      if loop.quitsNow { return }
      // A chain's connection belongs to the store writer while a write is under way.
      if loop.writer.pending == 0 { offerChangesElsewhere() }
      let now = terminal.size
      if now != size {
        size = now
        _ = loop.send(.resize(width: now.width, height: now.height))
      }
      var buf = Buffer(width: size.width, height: size.height)
      let cursor = view(state, into: &buf)
      terminal.draw(buf, cursor: cursor)
      if first {
        first = false
        logFirstFrame()
      }
      loop.drawn()
      // While a write is under way the wait is short, so its outcome shows as soon as it is in.
      guard let key = terminal.readKey(timeoutMs: loop.keyTimeoutMs) else { continue }
      state.clock = clockTime()
      // Writes went to the store writer; what is left touches the terminal or other files.
      for effect in loop.send(.key(key)) {
        switch effect {
        case .quit: return
        case .redraw: terminal.forceRedraw()
        case .suspend: terminal.suspend()
        case .editHistory: break
        case .reload: if loop.settle() { reload() }
        case .saveShop(let shop): if loop.settle() { saveShop(shop) }
        case .export(let path, let text): export(path, text)
        case .planImport(let path, let kind): if loop.settle() { planImport(path, kind) }
        case .copy(let text):
          terminal.copyToClipboard(text)
          ClipboardTool.copy(text)
        case .save, .overwrite, .appendVisit, .removeLastVisit, .makeIndexes: break
        }
      }
    }
  }

  /// Reads and plans an import for the dashboard to show: nothing is written until the owner
  /// says yes. The rejects file is the command line's (`liuliang import`): the preview counts them.
  mutating func planImport(_ path: String, _ kindName: String) {
    guard let kind = Kind(rawValue: kindName) else {
      state.flash(cliText("msg.import_kind", kindName), error: true)
      return
    }
    do throws(ImportError) {
      let (sheet, columns) = try ImportInput.read(InputFile.read(path), kind: kind)
      let orders = kind == .visits ? Set((try? store.visitColumn("order")) ?? []) : []
      let result = Importer.plan(
        sheet, kind: kind, columns: columns, into: store.dataset,
        options: ImportOptions(existingOrders: orders))
      let report = ImportReport(
        result: result, file: path, folder: store.displayName, dryRun: true,
        rejectsPath: RejectsFile.freeName(ImportCommand.rejectsPath(path)))
      var lines = [cliText["import.preview_rows"]]
      for row in [sheet.header] + sheet.rows.prefix(3).map(\.cells) {
        lines.append("  " + row.joined(separator: " | "))
      }
      lines.append("")
      lines += report.text().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
      let preview = ImportPreview(
        // The screen would drop the controls; the preview shows them, as `import` does.
        title: Visible.text(cliText("import.preview_title", path), keepingNewlines: false),
        lines: lines.map { Visible.text($0, keepingNewlines: false) }, dataset: result.dataset,
        visits: kind == .visits ? result.newVisits : [],
        visitExtras: kind == .visits ? result.newVisitExtras : [])
      _ = update(&state, .importPlanned(preview))
    } catch {
      state.flash(ImportCommand.message(error, file: path, kind: kind), error: true)
    }
  }

  mutating func export(_ path: String, _ text: String) {
    let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
    guard fd >= 0 else {
      state.flash(cliText("msg.export_failed", path, Wording(cliText).systemError(errno)), error: true)
      return
    }
    var t = text
    t.withUTF8 { b in _ = write(fd, b.baseAddress, b.count) }
    close(fd)
  }

  /// `:setup`'s settings into shop.toml, then the store read again, in the language it names.
  mutating func saveShop(_ shop: Shop) {
    // A chain's database store has no shop.toml of its own to write.
    guard let folderStore = store as? Store else {
      state.flash(cliText["msg.setup_no_file"], error: true)
      return
    }
    do throws(StoreError) {
      try folderStore.saveShop(shop)
    } catch {
      var why = Wording(cliText).error(error)
      if case .changedOnDisk = error { why += " " + cliText["msg.reload_hint"] }
      state.flash(why, error: true)
      return
    }
    reload()
    adoptShopLanguage(store.dataset.shop)
    if state.text.language != cliText.language {
      state.text = cliText
      state.wording = Wording(cliText)
    }
    state.flash(cliText["done.setup"])
  }

  mutating func reload() {
    do {
      // A store opened read-only because another liuliang held it may be free now.
      let wasReadOnly = store.readOnly != nil
      if store.retakeLock() {
        state.readOnly = nil
      } else if let r = store.readOnly {
        state.readOnly = Wording(cliText).readOnly(r)
      }
      try store.load()
      // Undo steps carry over where the rows they touched are unchanged (AppState.reloaded).
      state.reloaded(store.dataset, problems: store.problems)
      if wasReadOnly && store.readOnly == nil { state.flash(cliText["msg.now_writable"]) }
    } catch {
      state.flash(Wording(cliText).error(error), error: true)
    }
  }
}

struct OpenCommand: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "open", abstract: cliText["cli.open"])
  @OptionGroup var store: StoreOptions
  @Flag(name: .long, help: ArgumentHelp(cliText["cli.opt.mask"])) var maskPhones = false
  @OptionGroup var width: WidthOptions
  @Flag(name: .customLong("no-mouse"), help: ArgumentHelp(cliText["cli.opt.no_mouse"])) var noMouse = false

  func run() throws {
    let ambiguous = try width.mode()
    guard Terminal.isInteractive() else { throw CLIError(cliText["cli.err.no_terminal"]) }
    let today = try store.day()
    if store.storeURL() != nil {
      if ambiguous == .auto { Terminal.startAmbiguousProbe() }
      var d = Dashboard(store: try store.openStore(readOnly: false), today: today, maskPhones: maskPhones)
      d.ambiguous = ambiguous
      d.mouse = !noMouse
      return try d.run()
    }
    let folder = store.folder()
    switch Store.presence(of: folder) {
    case .store: break
    case .notAFolder: throw CLIError(Wording(cliText).error(.notAFolder(folder)))
    case .missing, .empty:
      guard askToMakeStore(folder) else { throw CLIError(cliText("cli.err.not_made", folder)) }
      try makeStore(folder)
    }
    // After the question: the terminal's answer to the probe would otherwise be read as the
    // owner's. It still overlaps the store's loading.
    if ambiguous == .auto { Terminal.startAmbiguousProbe() }
    try Dashboard.start(folder, today: today, maskPhones: maskPhones, ambiguous: ambiguous, mouse: !noMouse)
  }
}

struct DemoCommand: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "demo", abstract: cliText["cli.demo"])
  @Option(name: .long, help: ArgumentHelp(cliText["cli.opt.today"], valueName: "YYYY-MM-DD")) var today:
    String?
  @Option(name: .long, help: ArgumentHelp(cliText["cli.opt.lang"], valueName: "zh-Hans|en")) var lang: String?
  @Flag(name: .long, help: ArgumentHelp(cliText["cli.opt.mask"])) var maskPhones = false
  @OptionGroup var width: WidthOptions
  @Flag(name: .customLong("no-mouse"), help: ArgumentHelp(cliText["cli.opt.no_mouse"])) var noMouse = false

  func validate() throws { try validateLanguage(lang) }

  func run() throws {
    let ambiguous = try width.mode()
    guard Terminal.isInteractive() else { throw CLIError(cliText["cli.err.no_terminal"]) }
    if ambiguous == .auto { Terminal.startAmbiguousProbe() }
    var t = GeneratorOptions.demoToday
    if let today {
      guard let d = Day(today) else { throw UsageError(cliText("cli.err.not_a_date", "--today", today)) }
      t = d
    }
    // A fresh copy each time, made by the generator as `generate` made seeds/.
    var template = Array((temporaryFolder() + "liuliang-demo-XXXXXX").utf8CString)
    guard let made = mkdtemp(&template) else {
      throw CLIError(cliText("cli.err.demo_folder", temporaryFolder(), Wording(cliText).systemError(errno)))
    }
    let folder = String(cString: made)
    _ = try generateStore(.demo, folder: folder, durable: false)
    try Dashboard.start(folder, today: t, maskPhones: maskPhones, ambiguous: ambiguous, mouse: !noMouse)
    emit(cliText("cli.demo_left", folder) + "\n")
  }
}

/// How wide the terminal draws ambiguous characters: `--ambiguous`, else
/// `$LIULIANG_AMBIGUOUS`, else asked of the terminal.
struct WidthOptions: ParsableArguments {
  @Option(name: .long, help: ArgumentHelp(cliText["cli.opt.ambiguous"], valueName: "narrow|wide|auto"))
  var ambiguous: String?

  func mode() throws -> AmbiguousWidth {
    if let a = ambiguous { return try parse(a, source: "--ambiguous") }
    if let e = ProcessInfo.processInfo.environment["LIULIANG_AMBIGUOUS"], !e.isEmpty {
      return try parse(e, source: "LIULIANG_AMBIGUOUS")
    }
    return .auto
  }

  func parse(_ text: String, source: String) throws -> AmbiguousWidth {
    guard let m = AmbiguousWidth(rawValue: text) else {
      throw CLIError(cliText("cli.err.bad_ambiguous", source, text))
    }
    return m
  }
}

/// The local wall-clock time of day, the default time of a visit logged now.
func clockTime() -> TimeOfDay {
  var now = time(nil)
  var parts = tm()
  localtime_r(&now, &parts)
  return TimeOfDay(minutes: Int(parts.tm_hour) * 60 + Int(parts.tm_min))
}

/// Scripts measure launch-to-first-frame with this variable; nobody else sets it. The
/// wall-clock time lets them count the process start too.
func logFirstFrame() {
  guard let log = ProcessInfo.processInfo.environment["LIULIANG_FIRST_FRAME_LOG"] else { return }
  var ts = timespec()
  clock_gettime(CLOCK_REALTIME, &ts)
  try? "\(Int64(ts.tv_sec) * 1_000_000_000 + Int64(ts.tv_nsec))\n".write(
    toFile: log, atomically: true, encoding: .utf8)
}

/// Where `NSTemporaryDirectory()` put things: $TMPDIR, ending in a slash, else /tmp/.
private func temporaryFolder() -> String {
  guard let folder = ProcessInfo.processInfo.environment["TMPDIR"] else { return "/tmp/" }
  return folder.hasSuffix("/") ? folder : folder + "/"
}
