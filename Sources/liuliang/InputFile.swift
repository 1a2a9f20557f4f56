import Foundation
import LiuliangText

/// Reads a file given to `import` (on the command line or with the dashboard's `:import`).
/// Only a regular file is read: a folder has no rows, and a FIFO or a device (`/dev/zero`)
/// would block or never end, so both get a sentence before any read.
enum InputFile {
  static func read(_ path: String, text: Text) -> Result<[UInt8], CLIError> {
    // Non-blocking open: opening a FIFO that nobody writes would otherwise wait for ever.
    let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
    guard fd >= 0 else {
      return .failure(CLIError(text("import.err.read", path, String(cString: strerror(errno)))))
    }
    defer { close(fd) }
    var st = stat()
    guard fstat(fd, &st) == 0 else {
      return .failure(CLIError(text("import.err.read", path, String(cString: strerror(errno)))))
    }
    switch st.st_mode & S_IFMT {
    case S_IFREG: break
    case S_IFDIR: return .failure(CLIError(text("import.err.folder", path)))
    default: return .failure(CLIError(text("import.err.special", path)))
    }
    _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
    var out: [UInt8] = []
    out.reserveCapacity(Int(st.st_size))
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
      if n < 0 && errno == EINTR { continue }
      if n < 0 { return .failure(CLIError(text("import.err.read", path, String(cString: strerror(errno))))) }
      if n == 0 { break }
      out.append(contentsOf: chunk[0..<n])
    }
    return .success(out)
  }
}
