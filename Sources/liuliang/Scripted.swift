import ArgumentParser
import LiuliangModel
import LiuliangReport
import LiuliangStore
import LiuliangText

#if canImport(Glibc)
  import Glibc
#endif

/// What every reporting command shares: open the store read-only, compute, print.
struct Loaded {
  let store: Store
  let today: Day
  let wording: Wording
  var ds: Dataset { store.dataset }

  init(_ options: StoreOptions) throws {
    wording = Wording(cliText)
    today = try options.day()
    do {
      store = try Store(folder: options.folder(), mode: .readOnly)
    } catch {
      throw CLIError(wording.error(error))
    }
  }

  func analysis() -> Analysis { Analysis(ds, today: today) }
}

/// Writes to stdout in large blocks: a million-row CSV should not be a million syscalls.
func emit(_ s: String) {
  var s = s
  s.withUTF8 { b in
    var off = 0
    while off < b.count {
      let n = write(1, b.baseAddress! + off, b.count - off)
      if n < 0 && errno == EINTR { continue }
      if n <= 0 { return }
      off += n
    }
  }
}

func emit(_ format: OutputFormat, text: () -> String, csv: () -> String, json: () -> JSON) {
  switch format {
  case .text: emit(text())
  case .csv: emit(csv())
  case .json: emit(json().serialized() + "\n")
  }
}

extension Segment: ExpressibleByArgument {}
extension Tier: ExpressibleByArgument {}

struct TodayCommand: ParsableCommand {
  /// The formats of every command, and `brief`: the day in 40 columns.
  enum Format: String, ExpressibleByArgument, CaseIterable { case text, csv, json, brief }
  static let configuration = CommandConfiguration(commandName: "today", abstract: cliText["cli.today"])
  @OptionGroup var store: StoreOptions
  @Option(name: .long, help: ArgumentHelp(cliText["cli.opt.format_today"], valueName: "text|csv|json|brief"))
  var format: Format = .text

  func run() throws {
    let l = try Loaded(store)
    if format == .brief {
      emit(BriefReport(l.ds, l.analysis(), wording: l.wording).text())
      return
    }
    let r = TodayReport(l.ds, l.analysis(), problems: l.store.problems, wording: l.wording)
    emit(OutputFormat(rawValue: format.rawValue)!, text: r.text, csv: r.csv, json: r.json)
  }
}

struct CustomersCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "customers", abstract: cliText["cli.customers"])
  @OptionGroup var store: StoreOptions
  @OptionGroup var output: FormatOptions
  @OptionGroup var filter: CustomerFilterOptions

  func run() throws {
    let l = try Loaded(store)
    let r = CustomersReport(
      l.ds, l.analysis(), wording: l.wording, segment: filter.segment, tier: filter.tier, tag: filter.tag)
    emit(output.format, text: r.text, csv: r.csv, json: r.json)
  }
}

struct CheckCommand: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "check", abstract: cliText["cli.check"])
  @OptionGroup var store: StoreOptions
  @OptionGroup var output: FormatOptions

  func run() throws {
    let l = try Loaded(store)
    let r = CheckReport(l.store.problems, folder: l.store.folder, wording: l.wording)
    emit(output.format, text: r.text, csv: r.csv, json: r.json)
    if !l.store.problems.isEmpty { throw ExitCode(1) }
  }
}

struct ReportCommand: ParsableCommand {
  enum Topic: String, ExpressibleByArgument, CaseIterable { case churn, offpeak, content, reachout }
  static let configuration = CommandConfiguration(commandName: "report", abstract: cliText["cli.report"])
  @Argument(help: ArgumentHelp(cliText["cli.arg.topic"], valueName: "churn|offpeak|content|reachout"))
  var topic: Topic
  @OptionGroup var store: StoreOptions
  @OptionGroup var output: FormatOptions

  func run() throws {
    let l = try Loaded(store)
    switch topic {
    case .churn:
      let r = ChurnReport(l.ds, l.analysis(), wording: l.wording)
      emit(output.format, text: r.text, csv: r.csv, json: r.json)
    case .offpeak:
      let r = OffpeakReport(l.ds, l.analysis(), wording: l.wording)
      emit(output.format, text: r.text, csv: r.csv, json: r.json)
    case .content:
      let r = ContentReport(l.ds, today: l.today, wording: l.wording)
      emit(output.format, text: r.text, csv: r.csv, json: r.json)
    case .reachout:
      let r = ReachOutReport(l.analysis(), wording: l.wording)
      emit(output.format, text: r.text, csv: r.csv, json: r.json)
    }
  }
}

/// The customer filters shared by `customers` and `export`, so both select the same people.
struct CustomerFilterOptions: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      cliText["cli.opt.segment"], valueName: "churned|super|new|at_risk|sleeping|loyal|regular"))
  var segment: Segment?
  @Option(help: ArgumentHelp(cliText["cli.opt.tier"], valueName: "friend|vip|member"))
  var tier: Tier?
  @Option(help: ArgumentHelp(cliText["cli.opt.tag"], valueName: "TAG"))
  var tag: String?
}
