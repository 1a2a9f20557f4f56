import ArgumentParser
import LiuliangCLI
import LiuliangImport
import LiuliangModel
import LiuliangReport
import LiuliangStore
import LiuliangText

/// `liuliang export`: the store's own columns, so that the file imports back unchanged.
struct ExportCommand: ParsableCommand {
  enum Format: String, ExpressibleByArgument, CaseIterable { case csv, json }

  static let configuration = CommandConfiguration(commandName: "export", abstract: cliText["export.abstract"])
  @Option(
    help: ArgumentHelp(
      cliText["export.opt.kind"], valueName: "customers|visits|posts|promotions|complaints|contacts"))
  var kind: Kind = .customers
  @OptionGroup var filter: CustomerFilterOptions
  @Option(help: ArgumentHelp(cliText["export.opt.format"], valueName: "csv|json"))
  var format: Format = .csv
  @Flag(help: ArgumentHelp(cliText["export.opt.excel"]))
  var excel = false
  @Option(help: ArgumentHelp(cliText["export.opt.output"], valueName: "FILE"))
  var output: String?
  @Flag(help: ArgumentHelp(cliText["export.opt.force"]))
  var force = false
  @OptionGroup var store: StoreOptions

  func validate() throws {
    if kind != .customers && (filter.segment != nil || filter.tier != nil || filter.tag != nil) {
      throw CLIError(cliText["export.err.filter_kind"])
    }
  }

  func run() throws {
    let l = try Loaded(store)
    var selection: [Int]?
    if filter.segment != nil || filter.tier != nil || filter.tag != nil {
      selection =
        CustomersReport(
          l.ds, l.analysis(), wording: l.wording, segment: filter.segment, tier: filter.tier, tag: filter.tag
        )
        .selection
    }
    let t = Exporter.table(kind, l.ds, customers: selection)
    let bytes: [UInt8]
    switch format {
    case .csv: bytes = Exporter.csv(header: t.header, rows: t.rows, excel: excel)
    case .json:
      let json = JSON.array(
        t.rows.map { r in .object(zip(t.header, r).map { ($0, .string($1)) }) })
      bytes = Array((json.serialized() + "\n").utf8)
    }
    guard let output else {
      emitData(String(decoding: bytes, as: UTF8.self))
      return
    }
    do {
      try OutsideFile.write(bytes, to: output, replace: force, storeFolder: (l.store as? Store)?.folder ?? "")
    } catch {
      throw CLIError(l.wording.error(error))
    }
  }
}
