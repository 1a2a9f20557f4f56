import ArgumentParser
import LiuliangCLI
import LiuliangGenerator
import LiuliangModel
import LiuliangReport
import LiuliangStore
import LiuliangText

/// Makes the demo shop, or a synthetic store of any size, with the seeded generator.
struct GenerateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "generate", abstract: cliText["cli.generate"])
  @Argument(help: ArgumentHelp(cliText["cli.arg.folder"], valueName: "DIR"))
  var folder: String
  @Option(help: ArgumentHelp(cliText["cli.opt.customers"], valueName: "N"))
  var customers: Int = GeneratorOptions.demo.customers
  @Option(help: ArgumentHelp(cliText["cli.opt.seed"], valueName: "N"))
  var seed: UInt64 = GeneratorOptions.demo.seed
  @Option(help: ArgumentHelp(cliText["cli.opt.days"], valueName: "N"))
  var days: Int = GeneratorOptions.demo.historyDays
  @Option(name: .long, help: ArgumentHelp(cliText["cli.opt.today"], valueName: "YYYY-MM-DD"))
  var today: String?
  @Option(name: .customLong("walk-ins"), help: ArgumentHelp(cliText["cli.opt.walk_ins"], valueName: "N"))
  var walkIns: Double?
  @Option(name: .long, help: ArgumentHelp(cliText["cli.opt.lang"], valueName: "zh-Hans|en"))
  var lang: String?
  /// `plain`: ids numbered in row order, optional columns often empty (the demo's shape);
  /// `real`: ids in no order and every customer column filled, like a real shop's files.
  enum Shape: String, ExpressibleByArgument, CaseIterable { case plain, real }
  @Option(help: ArgumentHelp(cliText["cli.opt.shape"], valueName: "plain|real"))
  var shape: Shape = .plain
  @Option(name: .customLong("till"), help: ArgumentHelp(cliText["cli.opt.till"], valueName: "FILE"))
  var till: String?
  @Option(
    name: .customLong("till-orders"), help: ArgumentHelp(cliText["cli.opt.till_orders"], valueName: "N"))
  var tillOrders = 1000

  /// Twice the benchmark's 1,000,000 customers, ten years of history, four times its 5,000
  /// walk-ins a day, and about twice its 9.8 M visits (a customer visits about once in 28 days
  /// of history): room for a bigger benchmark, and a store that still fits in memory (about 2
  /// GB at the most) and on disk (about 1 GB), where an unbounded number trapped on overflow or
  /// took gigabytes before writing anything.
  static let maxCustomers = 2_000_000
  static let maxDays = 3_660
  static let maxWalkIns = 20_000.0
  static let maxVisits = 20_000_000

  func validate() throws {
    try validateLanguage(lang)
    guard customers >= 1 else { throw ValidationError(cliText("cli.err.positive", "--customers")) }
    guard days >= 1 else { throw ValidationError(cliText("cli.err.positive", "--days")) }
    if let w = walkIns, !(w >= 0) { throw ValidationError(cliText("cli.err.not_negative", "--walk-ins")) }
    guard customers <= Self.maxCustomers else {
      throw ValidationError(cliText("cli.err.at_most", "--customers", Self.maxCustomers))
    }
    guard days <= Self.maxDays else {
      throw ValidationError(cliText("cli.err.at_most", "--days", Self.maxDays))
    }
    if let w = walkIns, w > Self.maxWalkIns {
      throw ValidationError(cliText("cli.err.at_most", "--walk-ins", Int(Self.maxWalkIns)))
    }
    let perDay = walkIns ?? Double(customers) / 50
    let visits = customers * days / 28 + Int(perDay * Double(days))
    guard visits <= Self.maxVisits else {
      throw ValidationError(cliText("cli.err.too_many_visits", visits, Self.maxVisits))
    }
    guard (1...10_000_000).contains(tillOrders) else {
      throw ValidationError(cliText("cli.err.till_orders", "--till-orders"))
    }
  }

  func run() throws {
    var t = GeneratorOptions.demoToday
    if let today {
      guard let d = Day(today) else { throw UsageError(cliText("cli.err.not_a_date", "--today", today)) }
      t = d
    }
    // Dates before year 1000 do not fit YYYY-MM-DD; 1900 is where spreadsheet dates start.
    guard t.adding(1 - days) >= Day("1900-01-01")! else {
      throw CLIError(cliText("cli.err.too_early", t, days))
    }
    if access(folder + "/customers.csv", F_OK) == 0 {
      throw CLIError(cliText("cli.err.store_exists", folder))
    }
    var options = GeneratorOptions(
      customers: customers, historyDays: days, walkInsPerDay: walkIns, seed: seed, today: t)
    options.realLog = shape == .real
    let ds = try generateStore(options, folder: folder)
    emit(cliText("cli.generated", folder, ds.customers.count, ds.visits.count, t) + "\n")
    if let till {
      let bytes = TillExport.make(ds, orders: tillOrders, seed: seed, today: t)
      let fd = open(till, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
      guard fd >= 0, bytes.withUnsafeBufferPointer({ write(fd, $0.baseAddress, $0.count) }) == bytes.count
      else {
        let e = Wording(cliText).systemError(errno)
        if fd >= 0 { close(fd) }
        throw CLIError(cliText("import.err.write", till, e))
      }
      close(fd)
      emit(cliText("cli.generated_till", till, tillOrders) + "\n")
    }
  }
}

/// The one way a store is generated: `generate` makes seeds/ with it, and `demo` makes its fresh
/// copy with it, so the demo needs no file beside the program and is always seeds/ byte for byte.
func generateStore(_ options: GeneratorOptions, folder: String, durable: Bool = true) throws -> Dataset {
  let ds = Generator.make(options)
  do {
    try Store.create(folder: folder, ds, durable: durable)
  } catch {
    throw CLIError(Wording(cliText).error(error))
  }
  return ds
}
