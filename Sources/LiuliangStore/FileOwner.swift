#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Who owns what liuliang writes.
public enum FileOwner {
  /// Root working on someone else's store (`sudo liuliang import`) would leave files that
  /// their owner cannot read: each file it writes goes to the folder's owner, as if they had
  /// written it themselves. Anyone else owns what they write already.
  public static func matchFolder(_ fd: Int32, folder: String) {
    guard geteuid() == 0 else { return }
    var st = stat()
    guard stat(folder.isEmpty ? "." : folder, &st) == 0 else { return }
    _ = fchown(fd, st.st_uid, st.st_gid)
  }
}
