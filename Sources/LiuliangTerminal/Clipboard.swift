#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension Terminal {
  /// Puts text on the clipboard with OSC 52: the terminal emulator (through ssh and tmux too)
  /// takes it, so the owner can paste it into WeChat on the machine in front of them.
  public func copyToClipboard(_ text: String) {
    let seq = Array(("\u{1B}]52;c;" + Self.base64(Array(text.utf8)) + "\u{07}").utf8)
    var off = 0
    while off < seq.count {
      let n = seq.withUnsafeBytes { toStandardOutput($0.baseAddress! + off, seq.count - off) }
      if n < 0 && errno == EINTR { continue }
      if n <= 0 { return }
      off += n
    }
  }

  /// The C library's `write` to the standard output: a bare `write` inside Terminal would find
  /// its own method, and `Glibc.write` builds only where there is a Glibc.
  private func toStandardOutput(_ p: UnsafeRawPointer, _ n: Int) -> Int { cWrite(1, p, n) }

  static func base64(_ bytes: [UInt8]) -> String {
    let table = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
    var out: [UInt8] = []
    out.reserveCapacity((bytes.count + 2) / 3 * 4)
    var i = 0
    while i < bytes.count {
      let b0 = UInt32(bytes[i])
      let b1 = i + 1 < bytes.count ? UInt32(bytes[i + 1]) : 0
      let b2 = i + 2 < bytes.count ? UInt32(bytes[i + 2]) : 0
      let v = b0 << 16 | b1 << 8 | b2
      out.append(table[Int(v >> 18 & 63)])
      out.append(table[Int(v >> 12 & 63)])
      out.append(i + 1 < bytes.count ? table[Int(v >> 6 & 63)] : UInt8(ascii: "="))
      out.append(i + 2 < bytes.count ? table[Int(v & 63)] : UInt8(ascii: "="))
      i += 3
    }
    return String(decoding: out, as: UTF8.self)
  }
}

private func cWrite(_ fd: Int32, _ p: UnsafeRawPointer, _ n: Int) -> Int { write(fd, p, n) }
