import LiuliangModel

extension Store {
  func path(_ name: String) -> String { folder + "/" + name }

  /// A file's bytes: from memory when the store was given them, else from the folder.
  func bytes(_ name: String) throws(StoreError) -> [UInt8]? {
    if let memory { return memory[name] }
    return try Files.read(path(name), name: name)
  }
}
