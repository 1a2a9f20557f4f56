import ArgumentParser
import LiuliangCLI
import LiuliangModel
import LiuliangRender
import LiuliangReport
import LiuliangStore
import LiuliangText

/// What every reporting command shares: open the store read-only, compute, print.
struct Loaded {
  let store: any RecordStore
  let today: Day
  let wording: Wording
  var ds: Dataset { store.dataset }

  init(_ options: StoreOptions) throws {
    today = try options.day()
    store = try options.openStore(readOnly: true)
    adoptShopLanguage(store.dataset.shop)
    wording = Wording(cliText)
  }

  func analysis() -> Analysis { Analysis(ds, today: today) }
}

func emit(_ format: OutputFormat, text: () -> String, csv: () -> String, json: () -> JSON) {
  switch format {
  case .text: emit(text())
  case .csv: emitData(csv())
  // JSON escapes every control itself (`JSON.quote`).
  case .json: emitExact(json().serialized() + "\n")
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
    // The sparklines' weekly points cost a walk of their own, so only the JSON has them.
    let trends = format == .json ? Trends(l.ds, today: l.today, weeks: 12) : nil
    let r = TodayReport(l.ds, l.analysis(), problems: l.store.problems, wording: l.wording, trends: trends)
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
    let r = CheckReport(l.store.problems, folder: l.store.displayName, wording: l.wording)
    emit(output.format, text: r.text, csv: r.csv, json: r.json)
    if !l.store.problems.isEmpty { throw ExitCode(1) }
  }
}

struct ReportCommand: ParsableCommand {
  enum Topic: String, ExpressibleByArgument, CaseIterable {
    case churn, offpeak, content, retention, promotions, reachout
  }
  static let configuration = CommandConfiguration(commandName: "report", abstract: cliText["cli.report"])
  @Argument(
    help: ArgumentHelp(
      cliText["cli.arg.topic"], valueName: "churn|offpeak|content|retention|promotions|reachout"))
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
    case .retention:
      let r = RetentionReport(l.analysis(), wording: l.wording)
      emit(output.format, text: r.text, csv: r.csv, json: r.json)
    case .promotions:
      let r = PromotionsReport(l.ds, l.analysis(), wording: l.wording)
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
