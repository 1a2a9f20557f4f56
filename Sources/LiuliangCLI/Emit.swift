import LiuliangRender

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Text for people, with every control a terminal would obey shown instead (`Visible`).
public func emit(_ s: String, to fd: Int32 = 1) { emitExact(Visible.text(s), to: fd) }

/// Data for programs, byte for byte — unless it is going to a terminal, which would obey
/// the controls in it: nobody parses a terminal.
public func emitData(_ s: String) {
  if isatty(1) != 0 { emit(s) } else { emitExact(s) }
}

/// Writes in large blocks: a million-row CSV should not be a million syscalls.
public func emitExact(_ s: String, to fd: Int32 = 1) {
  var s = s
  s.withUTF8 { b in
    var off = 0
    while off < b.count {
      let n = write(fd, b.baseAddress! + off, b.count - off)
      if n < 0 && errno == EINTR { continue }
      if n <= 0 { return }
      off += n
    }
  }
}
