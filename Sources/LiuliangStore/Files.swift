import LiuliangModel

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What a file looked like when it was read: enough to notice that someone else changed it.
public struct FileSignature: Equatable, Sendable {
  var size: Int64
  var mtimeSeconds: Int
  var mtimeNanos: Int
  var inode: UInt64

  static let missing = FileSignature(size: -1, mtimeSeconds: 0, mtimeNanos: 0, inode: 0)
}

/// Thin POSIX calls, so the store's promises (owner-only files, fsync, rename) are explicit.
enum Files {
  static func signature(_ path: String) -> FileSignature {
    var st = stat()
    guard stat(path, &st) == 0 else { return .missing }
    return signature(st)
  }

  /// The signature of an open file; nil when it can't be had.
  static func signature(fd: Int32) -> FileSignature? {
    var st = stat()
    guard fstat(fd, &st) == 0 else { return nil }
    return signature(st)
  }

  static func fileType(fd: Int32) -> mode_t? {
    var st = stat()
    guard fstat(fd, &st) == 0 else { return nil }
    return st.st_mode & S_IFMT
  }

  private static func signature(_ st: stat) -> FileSignature {
    #if canImport(Darwin)
      return FileSignature(
        size: Int64(st.st_size), mtimeSeconds: st.st_mtimespec.tv_sec, mtimeNanos: st.st_mtimespec.tv_nsec,
        inode: UInt64(st.st_ino))
    #else
      return FileSignature(
        size: Int64(st.st_size), mtimeSeconds: st.st_mtim.tv_sec, mtimeNanos: st.st_mtim.tv_nsec,
        inode: UInt64(st.st_ino))
    #endif
  }

  static func isDirectory(_ path: String) -> Bool? {
    var st = stat()
    guard stat(path, &st) == 0 else { return nil }
    return (st.st_mode & S_IFMT) == S_IFDIR
  }

  /// Hands `body` a descriptor open for reading on the regular file at `path`, and its size;
  /// nil when there is no file there, throws when it can't be opened or is not a regular file.
  private static func withOpenFile<R>(
    _ path: String, name: String, _ body: (Int32, Int) throws(StoreError) -> R
  ) throws(StoreError) -> R? {
    // Non-blocking, so that a FIFO in the store's place fails at fstat instead of hanging.
    let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
    if fd < 0 {
      if errno == ENOENT { return nil }
      throw .cannotRead(file: name, errno: errno)
    }
    defer { close(fd) }
    var st = stat()
    guard fstat(fd, &st) == 0 else { throw .cannotRead(file: name, errno: errno) }
    if (st.st_mode & S_IFMT) == S_IFDIR { throw .cannotRead(file: name, errno: EISDIR) }
    if (st.st_mode & S_IFMT) != S_IFREG { throw .notAFile(name) }
    return try body(fd, Int(st.st_size))
  }

  /// The whole file, or nil when it doesn't exist; throws for any other failure.
  static func read(_ path: String, name: String) throws(StoreError) -> [UInt8]? {
    try withOpenFile(path, name: name) { (fd, size) throws(StoreError) in
      try readAll(fd, size: size, name: name)
    }
  }

  private static func readAll(_ fd: Int32, size: Int, name: String) throws(StoreError) -> [UInt8] {
    // Straight into one buffer of the file's size: a copy through a chunk would double the
    // bytes touched for a store of hundreds of megabytes.
    var complete = true
    var out = try [UInt8](unsafeUninitializedCapacity: size) { (buf, filled) throws(StoreError) in
      filled = 0
      while filled < size {
        let n = SystemCall.read(fd, buf.baseAddress! + filled, size - filled)
        if n < 0 {
          if errno == EINTR { continue }
          throw .cannotRead(file: name, errno: errno)
        }
        if n == 0 { break }
        filled += n
      }
      complete = filled < size
    }
    if complete { return out }
    // The file grew while being read: read on to its new end.
    var chunk = [UInt8](repeating: 0, count: 1 << 20)
    while true {
      let n = chunk.withUnsafeMutableBytes { SystemCall.read(fd, $0.baseAddress, $0.count) }
      if n < 0 {
        if errno == EINTR { continue }
        throw .cannotRead(file: name, errno: errno)
      }
      if n == 0 { break }
      out.append(contentsOf: chunk[0..<n])
    }
    return out
  }

  /// Maps a file read-only and hands its bytes to `body`; nil when it doesn't exist. A big log
  /// is read this way so that its bytes need not all be in memory at once: `body` may give
  /// back what it has passed with `release`.
  static func withMapped<R>(
    _ path: String, name: String,
    _ body: (UnsafeBufferPointer<UInt8>, _ release: @escaping @Sendable (Range<Int>) -> Void) -> R
  ) throws(StoreError) -> R? {
    try withOpenFile(path, name: name) { (fd, size) throws(StoreError) in
      guard size > 0, let base = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), base != MAP_FAILED else {
        // Empty, or a file that can't be mapped: read it the ordinary way.
        return try readAll(fd, size: size, name: name).withUnsafeBufferPointer { body($0, { _ in }) }
      }
      return mapped(base, size: size, body)
    }
  }

  private static func mapped<R>(
    _ base: UnsafeMutableRawPointer, size: Int,
    _ body: (UnsafeBufferPointer<UInt8>, _ release: @escaping @Sendable (Range<Int>) -> Void) -> R
  ) -> R {
    defer { munmap(base, size) }
    _ = madvise(base, size, MADV_SEQUENTIAL)
    let page = Int(sysconf(Int32(_SC_PAGESIZE)))
    let mapped = Mapped(base: base)
    let bytes = UnsafeBufferPointer(start: base.assumingMemoryBound(to: UInt8.self), count: size)
    // The whole pages inside a range read: dropping them keeps a big file's bytes from all
    // being resident at once.
    return body(bytes) { range in
      let lo = (range.lowerBound + page - 1) / page * page
      let hi = range.upperBound / page * page
      guard hi > lo else { return }
      _ = madvise(mapped.base + lo, hi - lo, MADV_DONTNEED)
    }
  }

  /// The mapping's address, for the readers that release what they have read.
  private struct Mapped: @unchecked Sendable {
    let base: UnsafeMutableRawPointer
  }

  static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
    bytes.withUnsafeBytes { writeAll(fd, $0) }
  }

  static func writeAll(_ fd: Int32, _ b: UnsafeRawBufferPointer) -> Bool {
    var off = 0
    while off < b.count {
      var want = b.count - off
      if let room = WriteProbe.room {
        // A disk with `room` bytes left takes what fits, then refuses the rest.
        guard room > 0 else {
          errno = ENOSPC
          return false
        }
        want = min(want, room)
      }
      let n = write(fd, b.baseAddress! + off, want)
      if n < 0 {
        if errno == EINTR { continue }
        return false
      }
      if let room = WriteProbe.room { WriteProbe.room = room - n }
      off += n
    }
    return true
  }

  static func syncFolder(_ folder: String) {
    let fd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    if fd >= 0 {
      fsync(fd)
      close(fd)
    }
  }

  /// True when `path` is a symbolic link or anything but a plain file (a FIFO, a device);
  /// false for a plain file or nothing at all.
  static func isSpecial(_ path: String) -> Bool {
    var st = stat()
    guard lstat(path, &st) == 0 else { return false }
    return (st.st_mode & S_IFMT) != S_IFREG
  }

  static let tempMarker = ".liuliang-tmp-"

  /// Writes a temp file in the same folder, fsyncs it, renames it over the target and fsyncs the
  /// folder: a crash leaves either the old file or the new one, never half of either.
  /// Without `replace` the temp file is linked to the name instead, which fails with EEXIST
  /// rather than replace a file that appeared meanwhile. A folder nobody keeps (the demo's
  /// fresh copy) is written without the fsyncs, which take a loaded disk longer than
  /// everything else the demo does before its first frame.
  static func writeAtomically(
    folder: String, name: String, bytes: [UInt8], replace: Bool = true, durable: Bool = true
  ) throws(StoreError) {
    try writeAtomically(folder: folder, name: name, replace: replace, durable: durable) { $0.append(bytes) }
  }

  /// The same with the bytes given to a `FileSink` by `fill`, which passes them on to the temp
  /// file a quarter of a megabyte at a time; an error thrown by `fill` removes the temp file
  /// and is thrown on.
  static func writeAtomically(
    folder: String, name: String, replace: Bool = true, durable: Bool = true,
    _ fill: (FileSink) throws(StoreError) -> Void
  ) throws(StoreError) {
    let temp = folder + "/" + tempMarker + name + "." + String(getpid())
    // A leftover of the same name (a reused pid) goes first; then the temp file is only ever
    // one this call created, never a link someone planted.
    unlink(temp)
    let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
    guard fd >= 0 else { throw .cannotWrite(file: name, errno: errno) }
    fchmod(fd, 0o600)
    FileOwner.matchFolder(fd, folder: folder)
    let sink = FileSink(fd: fd)
    do throws(StoreError) {
      try fill(sink)
    } catch {
      close(fd)
      unlink(temp)
      throw error
    }
    sink.finish()
    if let probe = WriteProbe.willWrite, sink.failure == nil {
      probe(folder + "/" + name, (try? read(temp, name: name)).flatMap { $0 } ?? [], false)
    }
    guard WriteProbe.failWith == nil, sink.failure == nil, !durable || fsync(fd) == 0 else {
      if let injected = WriteProbe.failWith { errno = injected } else if let e = sink.failure { errno = e }
      let e = errno
      close(fd)
      unlink(temp)
      throw .cannotWrite(file: name, errno: e)
    }
    close(fd)
    // The rename would replace a link with a plain file, silently cutting what the owner
    // linked; Store refuses such a store before this (read-only), this is the last word.
    let target = folder + "/" + name
    if isSpecial(target) {
      unlink(temp)
      throw .notAFile(name)
    }
    guard replace ? rename(temp, target) == 0 : link(temp, target) == 0 else {
      let e = errno
      unlink(temp)
      throw .cannotWrite(file: name, errno: e)
    }
    if !replace { unlink(temp) }
    if durable { syncFolder(folder) }
  }

  /// Appends whole lines with one write and an fsync: the log only grows.
  static func append(folder: String, name: String, bytes: [UInt8]) throws(StoreError) {
    let path = folder + "/" + name
    let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0o600)
    guard fd >= 0 else { throw errno == ELOOP ? .notAFile(name) : .cannotWrite(file: name, errno: errno) }
    defer { close(fd) }
    var kind = stat()
    if fstat(fd, &kind) == 0 && (kind.st_mode & S_IFMT) != S_IFREG { throw .notAFile(name) }
    FileOwner.matchFolder(fd, folder: folder)
    var st = stat()
    let before = fstat(fd, &st) == 0 ? Int64(st.st_size) : -1
    WriteProbe.willWrite?(path, bytes, true)
    guard WriteProbe.failWith == nil, writeAll(fd, bytes), fsync(fd) == 0 else {
      if let injected = WriteProbe.failWith { errno = injected }
      let e = errno
      // A short append would leave half a row: cut the file back to where it was.
      if before >= 0 { _ = ftruncate(fd, off_t(before)) }
      throw .cannotWrite(file: name, errno: e)
    }
  }

  /// Removes temp files a killed writer left behind; the real files are intact beside them.
  static func removeLeftovers(folder: String) {
    guard let dir = opendir(folder) else { return }
    defer { closedir(dir) }
    while let entry = readdir(dir) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
        String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
      }
      if name.hasPrefix(tempMarker) { unlink(folder + "/" + name) }
    }
  }

  static func makeFolder(_ path: String) -> Bool {
    var parts: [Substring] = []
    var current = path.hasPrefix("/") ? "" : "."
    for p in path.split(separator: "/") {
      parts.append(p)
      current += "/" + p
      if isDirectory(current) == nil && mkdir(current, 0o700) != 0 && errno != EEXIST { return false }
    }
    return isDirectory(path) == true
  }
}

/// An advisory lock on the store folder. flock is released by the kernel when its holder dies,
/// so a crashed liuliang never leaves the store locked; the pid inside is only for the message.
final class FolderLock {
  let fd: Int32

  private init(fd: Int32) { self.fd = fd }

  static let fileName = ".liuliang.lock"

  /// The lock, or why the store must open read-only.
  static func acquire(folder: String) -> Result<FolderLock, ReadOnlyReason> {
    let path = folder + "/" + fileName
    // Never through a link: the pid written below would truncate whatever it points at.
    let fd = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0o600)
    if fd < 0 {
      if errno == ELOOP { return .failure(.notAFile(fileName)) }
      return .failure(.folderNotWritable(errno: errno))
    }
    var st = stat()
    if fstat(fd, &st) != 0 || (st.st_mode & S_IFMT) != S_IFREG {
      close(fd)
      return .failure(.notAFile(fileName))
    }
    if flock(fd, LOCK_EX | LOCK_NB) != 0 {
      var buf = [UInt8](repeating: 0, count: 32)
      let n = buf.withUnsafeMutableBytes { pread(fd, $0.baseAddress, 31, 0) }
      close(fd)
      let pid = n > 0 ? Int32(String(decoding: buf[0..<n], as: UTF8.self).filter(\.isNumber)) : nil
      return .failure(.locked(pid: pid))
    }
    // The folder may be mounted read-only even though the lock file exists.
    if access(folder, W_OK) != 0 {
      let e = errno
      close(fd)
      return .failure(.folderNotWritable(errno: e))
    }
    FileOwner.matchFolder(fd, folder: folder)
    ftruncate(fd, 0)
    let text = Array((String(getpid()) + "\n").utf8)
    _ = text.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
    return .success(FolderLock(fd: fd))
  }

  deinit { close(fd) }
}
