#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The C library's `read`, `write` and `close` by a name no method shadows: inside a type with
/// methods of the same names a bare call finds the method, and `Glibc.read` builds only where
/// there is a Glibc. Here, outside any type, the bare names are the C library's.
enum SystemCall {
  static func read(_ fd: Int32, _ buf: UnsafeMutableRawPointer?, _ n: Int) -> Int { cRead(fd, buf, n) }
  static func write(_ fd: Int32, _ buf: UnsafeRawPointer?, _ n: Int) -> Int { cWrite(fd, buf, n) }
  @discardableResult static func close(_ fd: Int32) -> Int32 { cClose(fd) }
}

private func cRead(_ fd: Int32, _ buf: UnsafeMutableRawPointer?, _ n: Int) -> Int { read(fd, buf, n) }
private func cWrite(_ fd: Int32, _ buf: UnsafeRawPointer?, _ n: Int) -> Int { write(fd, buf, n) }
private func cClose(_ fd: Int32) -> Int32 { close(fd) }
