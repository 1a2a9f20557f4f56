#if canImport(Glibc)
  import Glibc
#endif
nonisolated(unsafe) var phaseLast: Double = 0
public func phase(_ name: String) {
  guard getenv("LIULIANG_PHASES") != nil else { return }
  var ts = timespec()
  clock_gettime(CLOCK_MONOTONIC, &ts)
  let now = Double(ts.tv_sec) * 1e3 + Double(ts.tv_nsec) / 1e6
  if phaseLast > 0 { let s = "phase \(name) \(Int(now - phaseLast)) ms\n"; _ = write(2, s, s.utf8.count) }
  phaseLast = now
}
