import LiuliangModel

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension Store {
  /// Whether a save must write messages.toml: the templates changed (`:message`).
  func messagesChanged(_ ds: Dataset) -> Bool { ds.shop.messages != saved.shop.messages }

  /// Writes messages.toml atomically (removes it when no template is left), never over a
  /// version someone changed by hand since it was read.
  func saveMessages(_ ds: Dataset, overwrite: Bool) throws(StoreError) {
    let name = MessagesFile.name
    try checkWritable(name, overwrite: overwrite)
    if ds.shop.messages.isEmpty {
      if unlink(path(name)) != 0 && errno != ENOENT { throw .cannotWrite(file: name, errno: errno) }
      Files.syncFolder(folder)
    } else {
      try Files.writeAtomically(
        folder: folder, name: name, bytes: Array(MessagesFile.text(ds.shop.messages).utf8))
    }
    signatures[name] = Files.signature(path(name))
    saved.shop.messages = ds.shop.messages
    dataset.shop.messages = ds.shop.messages
  }
}
