#if canImport(Glibc)
  import Glibc
#endif
nonisolated(unsafe) var phaseLast: Double = 0
public func phase(_ name: String) {
  guard getenv("LIULIANG_PHASES") != nil else { return }
  var ts = timespec()
  clock_gettime(CLOCK_MONOTONIC, &ts)
  let now = Double(ts.tv_sec) * 1e3 + Double(ts.tv_nsec) / 1e6
  var usage = rusage()
  getrusage(RUSAGE_SELF.rawValue, &usage)
  var rss = 0
  if let f = fopen("/proc/self/statm", "r") {
    var a = 0
    var b = 0
    _ = withUnsafeMutablePointer(to: &a) { pa in withUnsafeMutablePointer(to: &b) { pb in withVaList([pa, pb]) { vfscanf(f, "%ld %ld", $0) } } }
    rss = b * 4096 / 1_000_000
    fclose(f)
  }
  if phaseLast > 0 {
    let s = "phase \(name) \(Int(now - phaseLast)) ms rss \(rss) MB peak \(usage.ru_maxrss / 1000) MB\n"
    _ = write(2, s, s.utf8.count)
  }
  phaseLast = now
}
