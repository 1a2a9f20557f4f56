import ArgumentParser
import LiuliangCLI
import LiuliangModel
import LiuliangPostgres
import LiuliangRender
import LiuliangReport
import LiuliangStore
import LiuliangText

/// `liuliang migrate DIR URL [--shop ID]`: a folder into a chain's database as one shop.
struct MigrateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "migrate", abstract: cliText["chain.migrate"])
  @Argument(help: ArgumentHelp(cliText["chain.arg.dir"], valueName: "DIR")) var dir: String
  @Argument(help: ArgumentHelp(cliText["chain.arg.url"], valueName: "URL")) var url: String
  @Option(help: ArgumentHelp(cliText["chain.opt.migrate_shop"], valueName: "ID")) var shop = "main"
  @Option(name: .long, help: ArgumentHelp(cliText["cli.opt.lang"], valueName: "zh-Hans|en")) var lang: String?

  func validate() throws { try validateLanguage(lang) }

  func run() throws {
    let folder: Store
    do {
      folder = try Store(folder: dir, mode: .readOnly)
    } catch {
      throw CLIError(Wording(cliText).error(error))
    }
    adoptShopLanguage(folder.dataset.shop)
    guard let address = StoreAddress(url) else { throw CLIError(cliText["chain.err.bad_url"]) }
    if address.hasPassword { emit(cliText("chain.warn.url_password", address.name) + "\n", to: 2) }
    let out: Migration.Outcome
    do {
      // A till's order numbers go with their visits, so that importing its export again adds nothing.
      out = try Migration.run(
        folder.dataset, into: url, shop: shop, orders: try folder.visitColumnByVisit("order"))
    } catch {
      throw CLIError(Wording(cliText).error(error))
    }
    emit(cliText("chain.migrated", dir, out.store, shop, out.customers, out.merged, out.visits) + "\n")
  }
}

/// `liuliang chain grant|revoke|roles`: who may do what in a chain's database.
struct ChainCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "chain", abstract: cliText["chain.abstract"],
    subcommands: [ChainGrant.self, ChainRevoke.self, ChainRoles.self])
}

/// The chain's database for the role commands: `--store`, else `$LIULIANG_STORE`.
struct ChainStoreOption: ParsableArguments {
  @Option(name: .long, help: ArgumentHelp(cliText["chain.opt.store"], valueName: "URL")) var store: String?
  @Option(name: .long, help: ArgumentHelp(cliText["cli.opt.lang"], valueName: "zh-Hans|en")) var lang: String?

  func validate() throws { try validateLanguage(lang) }

  func url() throws -> String {
    let env = ProcessInfo.processInfo.environment["LIULIANG_STORE"]
    guard let u = store ?? env, !u.isEmpty else { throw CLIError(cliText["chain.err.no_store"]) }
    guard let a = StoreAddress(u) else { throw CLIError(cliText["chain.err.bad_url"]) }
    if a.hasPassword { emit(cliText("chain.warn.url_password", a.name) + "\n", to: 2) }
    return u
  }
}

struct ChainGrant: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "grant", abstract: cliText["chain.grant"])
  @Argument(help: ArgumentHelp(cliText["chain.arg.role"], valueName: "ROLE")) var role: String
  @Option(help: ArgumentHelp(cliText["chain.opt.grant_shop"], valueName: "ID")) var shop: String?
  @Flag(help: ArgumentHelp(cliText["chain.opt.owner"])) var owner = false
  @OptionGroup var chain: ChainStoreOption

  func validate() throws {
    if owner == (shop != nil) { throw ValidationError(cliText["chain.err.shop_or_owner"]) }
  }

  func run() throws {
    let url = try chain.url()
    // The new role's password: from the environment for scripts, else asked without echo.
    var password = ProcessInfo.processInfo.environment["LIULIANG_ROLE_PASSWORD"]
    if password == nil, isatty(0) != 0, let p = getpass(cliText("chain.ask_password", role)) {
      let s = String(cString: p)
      if !s.isEmpty { password = s }
    }
    do {
      try Roles.grant(role, shop: shop, password: password, url: url)
    } catch {
      throw CLIError(Wording(cliText).error(error))
    }
    emit(
      (shop.map { cliText("chain.granted_shop", role, $0) } ?? cliText("chain.granted_owner", role)) + "\n")
  }
}

struct ChainRevoke: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "revoke", abstract: cliText["chain.revoke"])
  @Argument(help: ArgumentHelp(cliText["chain.arg.role"], valueName: "ROLE")) var role: String
  @OptionGroup var chain: ChainStoreOption

  func run() throws {
    do {
      try Roles.revoke(role, url: try chain.url())
    } catch let e as StoreError {
      throw CLIError(Wording(cliText).error(e))
    }
    emit(cliText("chain.revoked", role) + "\n")
  }
}

struct ChainRoles: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "roles", abstract: cliText["chain.roles"])
  @OptionGroup var chain: ChainStoreOption
  @OptionGroup var output: FormatOptions

  func run() throws {
    let list: (store: String, entries: [Roles.Entry])
    do {
      list = try Roles.list(url: try chain.url())
    } catch let e as StoreError {
      throw CLIError(Wording(cliText).error(e))
    }
    let header = ["role", "shop", "may"]
    let rows = list.entries.map { e in
      [e.role, e.shop ?? "", e.shop.map { cliText("chain.may_shop", $0) } ?? cliText["chain.may_owner"]]
    }
    emit(
      output.format,
      text: { Tabular(headers: header.map { cliText["chain.col." + $0] }, rows: rows).text() },
      csv: { Tabular(headers: header, rows: rows).csv() },
      json: {
        .object([
          ("store", .string(list.store)),
          ("roles", .array(rows.map { r in .object(zip(header, r).map { ($0, .string($1)) }) })),
        ])
      })
  }
}
