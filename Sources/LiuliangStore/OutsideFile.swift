import LiuliangModel

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A file liuliang writes outside the store (an export): atomically, like the store's own files,
/// but never into the store folder, where only the Store writes, and over an existing file only
/// when asked.
public enum OutsideFile {
  /// Writes `bytes` to `path` through a temp file in the same folder. Refuses a path that
  /// resolves (symlinks and `..` followed) into `storeFolder`, and an existing file unless
  /// `replace`.
  public static func write(_ bytes: [UInt8], to path: String, replace: Bool, storeFolder: String)
    throws(StoreError)
  {
    if let store = realPath(storeFolder), isInside(resolved(path), store) {
      throw .insideStore(path: path, folder: storeFolder)
    }
    var st = stat()
    if !replace && lstat(path, &st) == 0 { throw .fileExists(path) }
    let slash = path.lastIndex(of: "/")
    let folder = slash.map { $0 == path.startIndex ? "/" : String(path[..<$0]) } ?? "."
    let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
    do {
      try Files.writeAtomically(folder: folder, name: name, bytes: bytes, replace: replace)
    } catch .cannotWrite(_, let e) {
      // Made between the check and the link: still not replaced.
      if e == EEXIST && !replace { throw .fileExists(path) }
      throw .cannotWrite(file: path, errno: e)
    }
  }

  /// The path with every symlink and `..` resolved; for a file that does not exist yet, its
  /// folder's real path and its name.
  static func resolved(_ path: String) -> String {
    if let r = realPath(path) { return r }
    let slash = path.lastIndex(of: "/")
    let folder = slash.map { $0 == path.startIndex ? "/" : String(path[..<$0]) } ?? "."
    let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
    guard let f = realPath(folder) else { return path }
    return (f == "/" ? "" : f) + "/" + name
  }

  static func isInside(_ path: String, _ folder: String) -> Bool {
    path == folder || path.hasPrefix(folder == "/" ? "/" : folder + "/")
  }

  static func realPath(_ path: String) -> String? {
    guard let r = realpath(path, nil) else { return nil }
    defer { free(r) }
    return String(cString: r)
  }
}
