#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension Wording {
  /// What the system said, in the owner's language: the reasons an owner meets (a folder that
  /// is not there, no room, no permission) have words in the strings; the rest keep the
  /// system's own (English) text.
  public func systemError(_ n: Int32) -> String {
    if let name = Wording.errnoName(n), text.has("errno." + name) { return text["errno." + name] }
    return String(cString: strerror(n))
  }

  static func errnoName(_ n: Int32) -> String? {
    switch n {
    case ENOENT: return "ENOENT"
    case EACCES: return "EACCES"
    case EPERM: return "EPERM"
    case ENOSPC: return "ENOSPC"
    case EDQUOT: return "EDQUOT"
    case EROFS: return "EROFS"
    case EISDIR: return "EISDIR"
    case ENOTDIR: return "ENOTDIR"
    case EEXIST: return "EEXIST"
    case EIO: return "EIO"
    case ENAMETOOLONG: return "ENAMETOOLONG"
    case EFBIG: return "EFBIG"
    case EMFILE, ENFILE: return "EMFILE"
    case ELOOP: return "ELOOP"
    case EBUSY: return "EBUSY"
    default: return nil
    }
  }
}
