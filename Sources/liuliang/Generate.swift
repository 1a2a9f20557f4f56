import ArgumentParser
import LiuliangGenerator
import LiuliangModel
import LiuliangReport
import LiuliangStore

#if canImport(Glibc)
  import Glibc
#endif

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

  func validate() throws {
    guard customers >= 1 else { throw ValidationError(cliText("cli.err.positive", "--customers")) }
    guard days >= 1 else { throw ValidationError(cliText("cli.err.positive", "--days")) }
    if let w = walkIns, !(w >= 0) { throw ValidationError(cliText("cli.err.not_negative", "--walk-ins")) }
  }

  func run() throws {
    var t = GeneratorOptions.demoToday
    if let today {
      guard let d = Day(today) else { throw CLIError(cliText("cli.err.bad_date", "--today", today)) }
      t = d
    }
    if access(folder + "/customers.csv", F_OK) == 0 {
      throw CLIError(cliText("cli.err.store_exists", folder))
    }
    let ds = try generateStore(
      GeneratorOptions(customers: customers, historyDays: days, walkInsPerDay: walkIns, seed: seed, today: t),
      folder: folder)
    emit(cliText("cli.generated", folder, ds.customers.count, ds.visits.count, t) + "\n")
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
