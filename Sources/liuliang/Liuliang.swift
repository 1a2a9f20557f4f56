import ArgumentParser
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
    version: liuliangVersion,
    subcommands: [
      OpenCommand.self, DemoCommand.self, TodayCommand.self, CustomersCommand.self, CheckCommand.self,
      ReportCommand.self, GenerateCommand.self, ImportCommand.self, ExportCommand.self, BenchCommand.self,
      DrillCommand.self,
    ],
    defaultSubcommand: OpenCommand.self)
}
