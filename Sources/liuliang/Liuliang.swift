import ArgumentParser
import Foundation
import LiuliangRender
import LiuliangText

/// The interface language of the command line: `--lang` where given, else the locale.
let cliText = Text(language: CommandLine.arguments.languageFlag ?? Text.fromEnvironment(default: "en"))

extension Array where Element == String {
  /// `--lang X` or `--lang=X`, read before argument parsing so help text is localized too.
  var languageFlag: String? {
    for (i, a) in enumerated() {
      if a == "--lang", i + 1 < count { return self[i + 1] }
      if a.hasPrefix("--lang=") { return String(a.dropFirst(7)) }
    }
    return nil
  }
}

@main
struct Liuliang: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "liuliang",
    abstract: cliText["cli.abstract"],
    discussion: cliText["cli.discussion"],
    subcommands: [
      OpenCommand.self, DemoCommand.self, TodayCommand.self, CustomersCommand.self, CheckCommand.self,
      ReportCommand.self, GenerateCommand.self, ImportCommand.self, ExportCommand.self, BenchCommand.self,
      DrillCommand.self,
    ],
    defaultSubcommand: OpenCommand.self)

  /// Text output on a CJK-width terminal lines up when told so by `LIULIANG_AMBIGUOUS=wide`:
  /// it cannot ask the terminal (its output may be a pipe). The dashboard decides again.
  static func main() {
    if ProcessInfo.processInfo.environment["LIULIANG_AMBIGUOUS"] == "wide" { Glyphs.useAmbiguousWide(true) }
    main(nil)
  }
}
