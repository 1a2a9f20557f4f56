import ArgumentParser
import LiuliangModel
import LiuliangStore
import LiuliangText

/// Where the store is and which day the numbers are as of.
public struct StoreOptions: ParsableArguments {
  public init() {}

  @Option(name: .long, help: ArgumentHelp(cliText["cli.opt.data"], valueName: "DIR"))
  public var data: String?

  @Option(name: .long, help: ArgumentHelp(cliText["cli.opt.today"], valueName: "YYYY-MM-DD"))
  public var today: String?

  @Option(name: .long, help: ArgumentHelp(cliText["cli.opt.lang"], valueName: "zh-Hans|en"))
  public var lang: String?

  @Option(name: .long, help: ArgumentHelp(cliText["chain.opt.store"], valueName: "URL"))
  public var store: String?

  @Option(name: .long, help: ArgumentHelp(cliText["chain.opt.shop"], valueName: "ID|all"))
  public var shop: String?

  public func validate() throws { try validateLanguage(lang) }

  /// `--data`, else `$LIULIANG_DATA`, else `$XDG_DATA_HOME/liuliang`, else `~/.local/share/liuliang`.
  public func folder() -> String {
    let env = ProcessInfo.processInfo.environment
    if let d = data, !d.isEmpty { return d }
    if let d = env["LIULIANG_DATA"], !d.isEmpty { return d }
    if let x = env["XDG_DATA_HOME"], !x.isEmpty { return x + "/liuliang" }
    return (env["HOME"] ?? ".") + "/.local/share/liuliang"
  }

  /// The folder, once it is known to hold a store: a missing or empty one is one sentence that
  /// names it and says how to make a store there. Nothing is created here.
  public func existingStore() throws -> String {
    let f = folder()
    switch Store.presence(of: f) {
    case .store: return f
    case .missing: throw CLIError(Wording(cliText).error(.folderMissing(f)))
    case .notAFolder: throw CLIError(Wording(cliText).error(.notAFolder(f)))
    case .empty: throw CLIError(cliText("cli.err.no_store", f))
    }
  }

  /// `--today`, else `$LIULIANG_TODAY`, else the clock's local date.
  public func day() throws -> Day {
    if let t = today { return try parseDay(t, source: "--today") }
    if let t = ProcessInfo.processInfo.environment["LIULIANG_TODAY"], !t.isEmpty {
      return try parseDay(t, source: "LIULIANG_TODAY")
    }
    return clockToday()
  }

  public func parseDay(_ text: String, source: String) throws -> Day {
    guard let d = Day(text) else { throw UsageError(cliText("cli.err.not_a_date", source, text)) }
    return d
  }
}

/// `--lang` names one of the languages the strings exist in; anything else is a usage error
/// rather than a silent fall back to English.
public func validateLanguage(_ lang: String?) throws {
  guard let lang else { return }
  if !Text.languages.contains(where: { $0.lowercased() == lang.lowercased() }) {
    throw ValidationError(cliText("cli.err.lang", lang))
  }
}

public func clockToday() -> Day {
  var now = time(nil)
  var parts = tm()
  localtime_r(&now, &parts)
  return Day(year: Int(parts.tm_year) + 1900, month: Int(parts.tm_mon) + 1, day: Int(parts.tm_mday))!
}

public enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
  case text, csv, json
}

public struct FormatOptions: ParsableArguments {
  public init() {}

  @Option(name: .long, help: ArgumentHelp(cliText["cli.opt.format"], valueName: "text|csv|json"))
  public var format: OutputFormat = .text
}

/// A command line that cannot be run as written: one sentence and exit 64 (EX_USAGE), like
/// ArgumentParser's own usage errors.
public struct UsageError: Error, CustomStringConvertible {
  public let description: String
  public init(_ message: String) { description = message }
}

/// One clear sentence for the user, and a non-zero exit.
public struct CLIError: Error, CustomStringConvertible {
  public let description: String
  public let code: Int32
  public init(_ message: String, code: Int32 = 1) {
    description = message
    self.code = code
  }
}
