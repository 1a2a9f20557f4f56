import ArgumentParser
import Foundation
import LiuliangModel
import LiuliangPostgres
import LiuliangReport
import LiuliangStore

extension StoreOptions {
  /// `--store`, else `$LIULIANG_STORE`, else `[store] url` in the folder's shop.toml; nil
  /// when the store is the folder itself.
  func storeURL() -> String? {
    if let s = store, !s.isEmpty { return s }
    if let s = ProcessInfo.processInfo.environment["LIULIANG_STORE"], !s.isEmpty { return s }
    guard data != nil || ProcessInfo.processInfo.environment["LIULIANG_DATA"] != nil,
      let text = try? String(contentsOfFile: folder() + "/" + ShopFile.name, encoding: .utf8)
    else { return nil }
    return ShopFile.storeURL(text)
  }

  /// The store the options name, opened (read-only for the reporting commands).
  func openStore(readOnly: Bool) throws -> any RecordStore {
    guard let url = storeURL() else {
      if shop != nil { throw CLIError(cliText["chain.err.shop_without_store"]) }
      let folder = try existingStore()
      do {
        return try Store(folder: folder, mode: readOnly ? .readOnly : .readWrite)
      } catch {
        throw CLIError(Wording(cliText).error(error))
      }
    }
    return try openChain(url, shop: shop, readOnly: readOnly)
  }
}

/// A chain's store; a password in the URL works but is warned about once, on stderr.
func openChain(_ url: String, shop: String?, readOnly: Bool) throws -> PostgresStore {
  guard let address = StoreAddress(url) else { throw CLIError(cliText["chain.err.bad_url"]) }
  if address.hasPassword { emit(cliText("chain.warn.url_password", address.name) + "\n", to: 2) }
  do {
    return try PostgresStore(url: url, shop: shop, mode: readOnly ? .readOnly : .readWrite)
  } catch {
    throw CLIError(Wording(cliText).error(error))
  }
}

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
      out = try Migration.run(folder.dataset, into: url, shop: shop)
    } catch {
      throw CLIError(Wording(cliText).error(error))
    }
    emit(cliText("chain.migrated", dir, out.store, shop, out.customers, out.merged, out.visits) + "\n")
  }
}
