import LiuliangStore

/// 64-bit FNV-1a: the drill needs a fingerprint of a file version, not a secure hash.
public func fingerprint(_ bytes: some Sequence<UInt8>) -> UInt64 {
  var h: UInt64 = 0xcbf2_9ce4_8422_2325
  for b in bytes {
    h ^= UInt64(b)
    h = h &* 0x100_0000_01b3
  }
  return h
}

/// `LIULIANG_WRITE_LOG=FILE`: every version the store is about to give a file goes into FILE
/// as `name fingerprint size` before the write that could be cut short.
public enum WriteLog {
  public static func installFromEnvironment() {
    guard let log = ProcessInfo.processInfo.environment["LIULIANG_WRITE_LOG"], !log.isEmpty else { return }
    WriteProbe.willWrite = { path, bytes, append in
      var whole = bytes
      if append, let old = FileManager.default.contents(atPath: path) { whole = [UInt8](old) + bytes }
      let name = path.split(separator: "/").last.map(String.init) ?? path
      let line = Array("\(name) \(String(fingerprint(whole), radix: 16)) \(whole.count)\n".utf8)
      let fd = open(log, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
      guard fd >= 0 else { return }
      _ = line.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
      close(fd)
    }
  }
}
