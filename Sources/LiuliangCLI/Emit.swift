import ArgumentParser
import LiuliangRender

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

/// ArgumentParser's own main for either program, except that every message shows the controls it holds (an
/// error quotes a file name or a value from the owner's files, and goes to a terminal) and
/// that files are made owner-only. Text output on a CJK-width terminal lines up when told
/// so by `LIULIANG_AMBIGUOUS=wide`: it cannot ask the terminal (its output may be a pipe);
/// the dashboard decides again.
public func runCommand<C: ParsableCommand>(_ command: C.Type) {
  // Every file liuliang makes holds customers' phones or WeChat ids: owner-only, whatever
  // the shell's umask (an export, a rejects file, a folder of a new store).
  umask(0o077)
  if let v = getenv("LIULIANG_AMBIGUOUS"), String(cString: v) == "wide" { Glyphs.useAmbiguousWide(true) }
  do {
    var command = try C.parseAsRoot()
    try command.run()
  } catch let error as UsageError {
    emit(error.description + "\n", to: 2)
    processExit(ExitCode.validationFailure.rawValue)
  } catch {
    let code = C.exitCode(for: error)
    var message = C.fullMessage(for: error)
    // A usage error is its one sentence: the usage lines after it only hide it.
    if code == .validationFailure, let first = message.split(separator: "\n").first {
      message = String(first.hasPrefix("Error: ") ? first.dropFirst(7) : first)
    }
    if !message.isEmpty { emit(message + "\n", to: code == .success ? 1 : 2) }
    processExit(code.rawValue)
  }
}

/// libc's `exit`, which `ParsableCommand.exit(withError:)` hides inside the command.
private func processExit(_ code: Int32) -> Never { exit(code) }
