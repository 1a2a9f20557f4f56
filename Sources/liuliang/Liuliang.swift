import ArgumentParser
import LiuliangModel
import LiuliangRender
import LiuliangText

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif
#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The interface language (`Text.choose`). Help text is made before any store is open, so it
/// speaks the language of `--lang`, `$LIULIANG_LANG` or the locale; a command that opens a
/// store calls `adoptShopLanguage` before it says anything else. Set on the main thread only,
/// before any work is spread over cores.
nonisolated(unsafe) var cliText = Text(
  language: Text.choose(
    flag: CommandLine.arguments.languageFlag, environment: ProcessInfo.processInfo.environment, shop: nil))

/// Switches to shop.toml's `language` where neither `--lang` nor `$LIULIANG_LANG` names one.
func adoptShopLanguage(_ shop: Shop) {
  let lang = Text.choose(
    flag: CommandLine.arguments.languageFlag, environment: ProcessInfo.processInfo.environment,
    shop: shop.language)
  if lang != cliText.language { cliText = Text(language: lang) }
}

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
      DrillCommand.self, InitCommand.self, MigrateCommand.self, ChainCommand.self,
    ],
    defaultSubcommand: OpenCommand.self)

  /// ArgumentParser's own main, except that every message shows the controls it holds (an
  /// error quotes a file name or a value from the owner's files, and goes to a terminal) and
  /// that files are made owner-only. Text output on a CJK-width terminal lines up when told
  /// so by `LIULIANG_AMBIGUOUS=wide`: it cannot ask the terminal (its output may be a pipe);
  /// the dashboard decides again.
  static func main() {
    // Every file liuliang makes holds customers' phones or WeChat ids: owner-only, whatever
    // the shell's umask (an export, a rejects file, a folder of a new store).
    umask(0o077)
    if ProcessInfo.processInfo.environment["LIULIANG_AMBIGUOUS"] == "wide" { Glyphs.useAmbiguousWide(true) }
    do {
      var command = try parseAsRoot()
      try command.run()
    } catch {
      let code = exitCode(for: error)
      let message = fullMessage(for: error)
      if !message.isEmpty { emit(message + "\n", to: code == .success ? 1 : 2) }
      processExit(code.rawValue)
    }
  }
}

/// libc's `exit`, which `ParsableCommand.exit(withError:)` hides inside the command.
private func processExit(_ code: Int32) -> Never { exit(code) }
