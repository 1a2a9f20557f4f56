import LiuliangModel

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension Store {
  /// Takes back the last visit this session appended: the log is cut back to its old length,
  /// which is only done while nobody else has touched the file since.
  public func removeLastAppendedVisit() throws(StoreError) {
    let name = Kind.visits.fileName
    guard let last = appends.last else { throw .changedOnDisk(file: name) }
    try checkWritable(name)
    if last.before.size <= 0 {
      // The append made the file (header and all): without it the store is as it was.
      guard unlink(path(name)) == 0 else { throw .cannotWrite(file: name, errno: errno) }
      Files.syncFolder(folder)
    } else {
      let fd = open(path(name), O_WRONLY | O_CLOEXEC)
      guard fd >= 0 else { throw .cannotWrite(file: name, errno: errno) }
      defer { SystemCall.close(fd) }
      guard ftruncate(fd, off_t(last.before.size)) == 0, fsync(fd) == 0 else {
        throw .cannotWrite(file: name, errno: errno)
      }
    }
    tables[.visits] = last.table
    appends.removeLast()
    signatures[name] = Files.signature(path(name))
    dataset.visits.removeLast(dataset.visits.count - last.visits)
  }
}
