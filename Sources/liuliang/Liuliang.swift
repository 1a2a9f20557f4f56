import ArgumentParser
import LiuliangCLI
import LiuliangModel
import LiuliangRender
import LiuliangText

@main
struct Liuliang: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "liuliang",
    abstract: cliText["cli.abstract"],
    discussion: cliText["cli.discussion"],
    version: liuliangVersion,
    subcommands: [
      OpenCommand.self, DemoCommand.self, TodayCommand.self, CustomersCommand.self, CheckCommand.self,
      ReportCommand.self, GenerateCommand.self, ImportCommand.self, ExportCommand.self, InitCommand.self,
      MigrateCommand.self, ChainCommand.self,
    ],
    defaultSubcommand: OpenCommand.self)

  static func main() { runCommand(Liuliang.self) }
}
