import ArgumentParser
import LiuliangCLI
import LiuliangImport
import LiuliangModel
import LiuliangStore

/// The fuzz target behind scripts/crash-test: every file of a folder through the reader its
/// name asks for, one after another, each under a time and a memory cap. `*.toml` is read as
/// shop.toml; `*.csv` by the store's CSV codec and by import (UTF-8 or GB18030, then planned
/// into the store given); `*.xlsx` by import. The kind to import is the name's first word
/// (`visits-17.csv`). Prints `start NAME` before a file and `ok NAME` after it, so that a run
/// killed by a signal names the file that did it; a file past the memory cap ends the run
/// with `memory NAME MB` and status 3.
struct DrillRead: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "read", abstract: cliText["drill.read"])
  @Option(name: .long) var data: String
  @Option(name: .long) var seconds: UInt32 = 5
  @Option(name: .long) var megabytes: Int = 1024
  @Argument var folder: String

  func run() throws {
    let store = try Store(folder: data, mode: .readOnly)
    let names = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
    for name in names {
      say("start \(name)")
      // SIGALRM's default action ends the process: a hang is a death by signal 14.
      alarm(seconds)
      read(folder + "/" + name, name: name, into: store.dataset)
      alarm(0)
      var usage = rusage()
      getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
      // Peak resident memory only grows: the first file to pass the cap is the one named.
      let peak = Int(usage.ru_maxrss) / 1024
      if peak > megabytes {
        say("memory \(name) \(peak)")
        throw ExitCode(3)
      }
      say("ok \(name)")
    }
  }

  func say(_ line: String) {
    var text = line + "\n"
    text.withUTF8 { b in _ = write(1, b.baseAddress, b.count) }
  }

  func read(_ path: String, name: String, into ds: Dataset) {
    if name.hasSuffix(".toml") {
      guard let data = FileManager.default.contents(atPath: path) else { return }
      _ = ShopFile.parse(String(decoding: data, as: UTF8.self))
      return
    }
    let kind = name.split(separator: "-").first.flatMap { Kind(rawValue: String($0)) } ?? .customers
    guard let bytes = try? InputFile.read(path) else { return }
    if name.hasSuffix(".csv") {
      var records = 0
      bytes.withUnsafeBufferPointer { b in CSV.parse(b) { _ in records += 1 } }
    }
    for encoding in name.hasSuffix(".csv") ? [nil, TextEncoding.gb18030] : [nil] {
      // The till's byte path reads visits first, as `import` does; it writes nothing here.
      if kind == .visits { _ = try? TillFast.read(bytes, encoding: encoding) }
      do throws(ImportError) {
        // As import and :import read it: the header found behind a bill's preamble.
        let (sheet, columns) = try ImportInput.read(bytes, encoding: encoding, kind: kind)
        let result = Importer.plan(sheet, kind: kind, columns: columns, into: ds)
        _ = result.rejectsCSV(reasonColumn: "reason") { "\($0)" }
      } catch {}
    }
  }
}
