import ArgumentParser
import LiuliangCLI
import LiuliangModel
import LiuliangReport
import LiuliangStore
import LiuliangStringFunctions
import LiuliangText

/// `liuliang init DIR`: the one command that makes an empty store (besides `generate`, which
/// fills one, and the dashboard, which asks first).
struct InitCommand: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "init", abstract: cliText["cli.init"])
  @Argument(help: ArgumentHelp(cliText["cli.arg.folder"], valueName: "DIR"))
  var folder: String
  @Option(name: .long, help: ArgumentHelp(cliText["cli.opt.lang"], valueName: "zh-Hans|en"))
  var lang: String?

  func run() throws {
    try makeStore(folder)
    emit(cliText("cli.initialized", folder) + "\n")
  }
}

/// An empty store in `folder`: the folder (0700) and a starter shop.toml in the interface's
/// language. Never over a store that is already there.
func makeStore(_ folder: String) throws {
  switch Store.presence(of: folder) {
  case .store: throw CLIError(cliText("cli.err.store_exists", folder))
  case .notAFolder: throw CLIError(Wording(cliText).error(.notAFolder(folder)))
  case .missing, .empty: break
  }
  do {
    try Store.initialize(folder: folder, shop: Shop(language: cliText.language))
  } catch {
    throw CLIError(Wording(cliText).error(error))
  }
}

/// Asks on the terminal, before anything is drawn or made, whether to make a store in a
/// missing or empty folder. Anything but yes (an empty line, end of input) is no.
func askToMakeStore(_ folder: String) -> Bool {
  emit(cliText("cli.ask_make_store", folder) + " ")
  guard let answer = readLine() else { return false }
  let a = answer.trimmingWhitespace().lowercased()
  return cliText["cli.yes_answers"].split(separator: ",").contains { $0 == a }
}
