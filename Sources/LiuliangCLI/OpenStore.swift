import LiuliangPostgres
import LiuliangStore
import LiuliangText

extension StoreOptions {
  /// `--store`, else `$LIULIANG_STORE`, else `[store] url` in the folder's shop.toml; nil
  /// when the store is the folder itself.
  public func storeURL() -> String? {
    if let s = store, !s.isEmpty { return s }
    if let s = ProcessInfo.processInfo.environment["LIULIANG_STORE"], !s.isEmpty { return s }
    guard data != nil || ProcessInfo.processInfo.environment["LIULIANG_DATA"] != nil,
      let bytes = FileManager.default.contents(atPath: folder() + "/" + ShopFile.name)
    else { return nil }
    return ShopFile.storeURL(String(decoding: bytes, as: UTF8.self))
  }

  /// The store the options name, opened (read-only for the reporting commands).
  public func openStore(readOnly: Bool) throws -> any RecordStore {
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
public func openChain(_ url: String, shop: String?, readOnly: Bool) throws -> PostgresStore {
  guard let address = StoreAddress(url) else { throw CLIError(cliText["chain.err.bad_url"]) }
  if address.hasPassword { emit(cliText("chain.warn.url_password", address.name) + "\n", to: 2) }
  do {
    return try PostgresStore(url: url, shop: shop, mode: readOnly ? .readOnly : .readWrite)
  } catch {
    throw CLIError(Wording(cliText).error(error))
  }
}
