import LiuliangModel

extension Store {
  /// Tries again to take the lock of a store opened read-only because it could not be had
  /// (another liuliang held it, a link stood in a file's place); true when this store can now
  /// write. A store opened read-only on purpose stays so.
  public func retakeLock() -> Bool {
    guard let r = readOnly, r != .requested else { return false }
    switch FolderLock.acquire(folder: folder) {
    case .success(let l):
      if let special = Store.fileNames.first(where: { Files.isSpecial(path($0)) }) {
        readOnly = .notAFile(special)
        return false
      }
      lock = l
      readOnly = nil
      Files.removeLeftovers(folder: folder)
      return true
    case .failure(let reason):
      readOnly = reason
      return false
    }
  }
}
