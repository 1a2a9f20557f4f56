import LiuliangModel

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension Store {
  /// What a path holds, so a command can say which of these it found before opening anything.
  public enum Presence: Sendable, Equatable {
    case missing
    case notAFolder
    /// A folder without any of the store's files.
    case empty
    case store
  }

  public static func presence(of folder: String) -> Presence {
    switch Files.isDirectory(folder) {
    case nil: return .missing
    case false?: return .notAFolder
    case true?:
      return fileNames.contains { Files.signature(folder + "/" + $0) != .missing } ? .store : .empty
    }
  }

  /// Makes an empty store: the folder (0700, with any missing parents) and a starter shop.toml
  /// for the owner to fill in. A shop.toml already there is never replaced.
  public static func initialize(folder: String, shop: Shop) throws(StoreError) {
    if Files.isDirectory(folder) == false { throw .notAFolder(folder) }
    guard Files.makeFolder(folder) else { throw .cannotWrite(file: folder, errno: errno) }
    try Files.writeAtomically(
      folder: folder, name: ShopFile.name, bytes: Array(ShopFile.text(shop).utf8), replace: false)
  }
}
