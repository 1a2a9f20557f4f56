import ArgumentParser
import LiuliangCLI

/// `liuliang-tools bench` and `liuliang-tools drill`: what the benchmark and the crash tests run
/// against a store. Not part of the installed program.
@main
struct LiuliangTools: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "liuliang-tools", subcommands: [BenchCommand.self, DrillCommand.self, PhasesCommand.self])

  static func main() { runCommand(LiuliangTools.self) }
}
