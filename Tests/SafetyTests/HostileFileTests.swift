import Foundation
import LiuliangTestSupport
import XCTest

/// Files made to hurt, through the real binary under GNU time: each ends in one sentence and a
/// non-zero exit (or a `file:line` problem), never a signal, and peak memory stays small.
final class HostileFileTests: XCTestCase {
  struct Measured {
    var status: Int32
    var stdout: String
    var stderr: String
    var peakMB: Int
  }

  /// Runs the binary under `/usr/bin/time -f %M` (peak resident KB, on the last line of stderr).
  func measured(_ args: [String]) throws -> Measured {
    let time = "/usr/bin/time"
    guard FileManager.default.isExecutableFile(atPath: time) else {
      throw XCTSkip("GNU time is missing: scripts/deps --test installs it")
    }
    let marker = "peak-kb:"
    let r = try runProgram(URL(fileURLWithPath: time), ["-f", marker + "%M", Repo.binary.path] + args)
    let lines = r.stderr.split(separator: "\n", omittingEmptySubsequences: false)
    guard let last = lines.last(where: { $0.hasPrefix(marker) }), let kb = Int(last.dropFirst(marker.count))
    else {
      XCTFail("no peak in \(r.stderr)")
      return Measured(status: r.status, stdout: r.stdout, stderr: r.stderr, peakMB: 0)
    }
    // GNU time reports a child killed by a signal on a line of its own; the exit status is then 0.
    let own = lines.filter { !$0.hasPrefix(marker) && !$0.hasPrefix("Command ") }.joined(separator: "\n")
    let signalled = lines.contains { $0.hasPrefix("Command terminated by signal") }
    return Measured(
      status: signalled ? -1 : r.status, stdout: r.stdout, stderr: own.trimmingCharacters(in: .newlines),
      peakMB: kb / 1024)
  }

  /// One sentence: one line, ending in a full stop (either language's).
  func assertOneSentence(
    _ text: String, _ context: String, file: StaticString = #filePath, line: UInt = #line
  ) {
    let t = text.trimmingCharacters(in: .whitespacesAndNewlines)
    XCTAssertFalse(t.isEmpty, context, file: file, line: line)
    XCTAssertFalse(t.contains("\n"), "\(context): \(t)", file: file, line: line)
    XCTAssertTrue(t.hasSuffix(".") || t.hasSuffix("。"), "\(context): \(t)", file: file, line: line)
    for word in ["Fatal", "fatal error", "Swift runtime", "NSCocoaErrorDomain", "Error Domain"] {
      XCTAssertFalse(t.contains(word), "\(context): \(t)", file: file, line: line)
    }
  }

  // MARK: 3. shop.toml

  /// A table name in Chinese, or holding a control character, aborted every command in the TOML
  /// library. Now each is a `shop.toml:N` problem and the store opens.
  func testAnUnreadableTableNameInShopTomlIsAProblemNotACrash() throws {
    for header in ["[营业时间]", "[hours\u{1}]", "[\u{7F}]"] {
      let store = try Repo.demoCopy()
      let toml = store.appendingPathComponent("shop.toml")
      var text = try String(contentsOf: toml, encoding: .utf8)
      let line = text.split(separator: "\n", omittingEmptySubsequences: false).count
      text += header + "\nmon = \"10:00-14:00\"\n"
      try text.write(to: toml, atomically: true, encoding: .utf8)
      let check = try measured(["check", "--data", store.path, "--lang", "en"])
      XCTAssertEqual(check.status, 1, "\(header): \(check.stdout) \(check.stderr)")
      XCTAssertTrue(check.stdout.contains("shop.toml:\(line): "), "\(header): \(check.stdout)")
      let today = try measured(["today", "--data", store.path, "--lang", "en", "--today", "2026-11-16"])
      XCTAssertEqual(today.status, 0, "\(header): \(today.stderr)")
    }
  }

  // MARK: 4. xlsx

  /// Imports `zip` (dry run) under GNU time: one sentence naming `expect`, exit 1, under 300 MB.
  func assertRefused(
    _ zip: Data, _ expect: String, _ context: String, file: StaticString = #filePath, line: UInt = #line
  ) throws {
    let path = try Repo.tempFolder("xlsx").appendingPathComponent("list.xlsx")
    try zip.write(to: path)
    let start = Date()
    let r = try measured(["import", path.path, "--data", Repo.seeds.path, "--dry-run", "--lang", "en"])
    let took = Date().timeIntervalSince(start)
    print("hostile xlsx \(context): \(zip.count / 1024) KB, exit \(r.status), peak \(r.peakMB) MB, \(took) s")
    XCTAssertEqual(r.status, 1, "\(context): \(r.stderr)", file: file, line: line)
    XCTAssertLessThan(r.peakMB, 300, context, file: file, line: line)
    assertOneSentence(r.stderr, context, file: file, line: line)
    XCTAssertTrue(r.stderr.contains(expect), "\(context): \(r.stderr)", file: file, line: line)
  }

  /// A cell reference far past XFD overflowed the column number (a trap) or padded the row to
  /// billions of cells.
  func testCellReferencesPastXFDAreRefused() throws {
    for ref in ["ZZZZZZZZZZZZZZZ2", "ZZZZZZZ2", "XFE2"] {
      let zip = try HostileXLSX.archive([
        HostileXLSX.sheet(
          "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>name</t></is></c></row>"
            + "<row r=\"2\"><c r=\"\(ref)\"><v>1</v></c></row>")
      ])
      try assertRefused(zip, "cell \(ref) past column XFD", ref)
    }
    for r in ["1048577", "99999999999999999999"] {
      let zip = try HostileXLSX.archive([HostileXLSX.sheet("<row r=\"\(r)\"><c><v>1</v></c></row>")])
      try assertRefused(zip, "row \(r.prefix(20)) past row 1048576", "row \(r)")
    }
  }

  /// A damaged archive whose directory points past its end (a fuzzer's find) trapped in the
  /// zip library's in-memory reader.
  func testAnArchivePointingPastItsEndIsABrokenWorkbook() throws {
    let zip = try HostileXLSX.archive([
      HostileXLSX.sheet("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>name</t></is></c></row>")
    ])
    for offset: UInt32 in [UInt32(zip.count) + 10, 0x7FFF_FFFF, 0xFFFF_FFFE] {
      let bad = HostileXLSX.pointing(zip, "xl/worksheets/sheet1.xml", to: offset)
      try assertRefused(bad, "is not a readable xlsx workbook", "local header at \(offset)")
    }
  }

  /// Zip bombs: a sheet, and shared strings, that unpack to 300 MB from 300 KB (1,000 to 1,
  /// the most deflate gives), honestly declared and lying about their size; a sheet that fills
  /// rows to XFD; a sheet of long texts. (Bigger bombs only take the test longer to build: the
  /// reader stops at the same byte.)
  func testZipBombsAndHugeSheetsStopAtTheirLimit() throws {
    let spaces = HostileXLSX.sheet("", repeating: "          ", times: 30_000_000)
    let honest = try HostileXLSX.archive([spaces])
    XCTAssertLessThan(honest.count, 400_000)
    try assertRefused(honest, "to more than 256 MB", "sheet bomb")
    try assertRefused(
      HostileXLSX.lying(honest, about: "xl/worksheets/sheet1.xml", size: 4096), "to more than 256 MB",
      "sheet bomb, size declared 4 KB")
    let strings = HostileXLSX.Part(
      "xl/sharedStrings.xml",
      "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><si><t>",
      repeating: "xxxxxxxxxx", times: 30_000_000, tail: "</t></si></sst>")
    let cell = HostileXLSX.sheet("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>")
    try assertRefused(
      HostileXLSX.lying(try HostileXLSX.archive([strings, cell]), about: "xl/sharedStrings.xml", size: 100),
      "to more than 64 MB", "shared strings bomb")
    let empties = HostileXLSX.Part(
      "xl/sharedStrings.xml", "<sst>", repeating: "<si/>", times: 5_000_000, tail: "</sst>")
    try assertRefused(
      try HostileXLSX.archive([empties, cell]), "more than 4000000 distinct texts", "5 M texts")
    let wide = HostileXLSX.sheet("", repeating: "<row><c r=\"XFD1\"><v>1</v></c></row>", times: 1000)
    try assertRefused(try HostileXLSX.archive([wide]), "more than 8000000 cells", "rows to XFD")
    let long = String(repeating: "长", count: 1000)
    let texts = HostileXLSX.sheet(
      "", repeating: "<row><c t=\"inlineStr\"><is><t>\(long)</t></is></c></row>", times: 30_000)
    try assertRefused(try HostileXLSX.archive([texts]), "more than 64 MB of text", "long texts")
  }

  // MARK: 6. Unbounded work

  /// A 2 GB file of NUL bytes ran minutes at 5.9 GB; a 50 MB one "succeeded" importing nothing.
  /// Both, a UTF-16 list, random bytes and /dev/zero are refused after their first block.
  func testAFileThatIsNotTextIsRefusedInItsFirstBlock() throws {
    let folder = try Repo.tempFolder("input")
    var files: [(String, String)] = []
    for (name, size) in [("zeros-2g.csv", 2 << 30), ("zeros-50m.csv", 50 << 20)] {
      let path = folder.appendingPathComponent(name).path
      // Sparse: no disk is used for the zeros.
      let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
      XCTAssertEqual(ftruncate(fd, off_t(size)), 0)
      close(fd)
      files.append((name, path))
    }
    let utf16 = folder.appendingPathComponent("utf16.csv")
    try ("\u{FEFF}name,wechat\n李雷,lilei\n").data(using: .utf16LittleEndian)!.write(to: utf16)
    files.append(("UTF-16", utf16.path))
    var rng = DrillRNG(state: 6)
    let random = folder.appendingPathComponent("random.bin")
    try Data((0..<(1 << 20)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }).write(to: random)
    files.append(("random bytes", random.path))
    files.append(("/dev/zero", "/dev/zero"))
    for (context, path) in files {
      let start = Date()
      let r = try measured(["import", path, "--data", Repo.seeds.path, "--dry-run", "--lang", "en"])
      let took = Date().timeIntervalSince(start)
      print("not text \(context): exit \(r.status), peak \(r.peakMB) MB, \(took) s")
      XCTAssertEqual(r.status, 1, "\(context): \(r.stderr)")
      XCTAssertLessThan(r.peakMB, 300, context)
      XCTAssertLessThan(took, 30, context)
      assertOneSentence(r.stderr, context)
      // A device is refused before its first block is read: it is not a file at all.
      let expect = context == "/dev/zero" ? "not a regular file" : "is not text"
      XCTAssertTrue(r.stderr.contains(expect), "\(context): \(r.stderr)")
    }
  }

  /// Text at the start and 300 MB in all: refused from its size, before the rest is read.
  func testAFileOverTheImportSizeIsRefusedFromItsSize() throws {
    let path = try Repo.tempFolder("input").appendingPathComponent("big.csv").path
    try String(repeating: "name,wechat\n", count: 10_000).write(
      toFile: path, atomically: false, encoding: .utf8)
    XCTAssertEqual(truncate(path, off_t(300 << 20)), 0)
    let r = try measured(["import", path, "--data", Repo.seeds.path, "--dry-run", "--lang", "en"])
    XCTAssertEqual(r.status, 1, r.stderr)
    XCTAssertLessThan(r.peakMB, 300)
    assertOneSentence(r.stderr, "300 MB")
    XCTAssertTrue(r.stderr.contains("larger than 256 MB"), r.stderr)
  }

  /// Numbers that trapped on overflow or took gigabytes are refused in one sentence before any
  /// work; the benchmark's own numbers still pass (they reach the check for an existing store).
  func testGenerateBoundsEveryNumber() throws {
    let folder = try Repo.tempFolder("generated").path
    let refused: [([String], String)] = [
      (["--customers", "9223372036854775807"], "--customers must be at most 2000000."),
      (["--customers", "2000001"], "--customers must be at most 2000000."),
      (["--days", "999999999"], "--days must be at most 3660."),
      (["--days", "9223372036854775807"], "--days must be at most 3660."),
      (["--walk-ins", "1e308"], "--walk-ins must be at most 20000."),
      (["--walk-ins", "inf"], "--walk-ins must be at most 20000."),
      (["--walk-ins", "nan"], "--walk-ins must be 0 or more."),
      (["--customers", "2000000", "--days", "3660", "--walk-ins", "0"], "261428571 visits"),
      (["--today", "0001-01-01"], "before 1900-01-01."),
    ]
    for (args, expect) in refused {
      let r = try measured(["generate", folder, "--lang", "en"] + args)
      let first = r.stderr.split(separator: "\n").first.map(String.init) ?? ""
      XCTAssertTrue([1, 64].contains(r.status), "\(args): \(r.stderr)")
      XCTAssertLessThan(r.peakMB, 300, "\(args)")
      assertOneSentence(first, "\(args)")
      XCTAssertTrue(first.contains(expect), "\(args): \(first)")
      XCTAssertFalse(FileManager.default.fileExists(atPath: folder + "/customers.csv"), "\(args)")
    }
    let bench = try measured([
      "generate", Repo.seeds.path, "--customers", "1000000", "--days", "240", "--walk-ins", "5000", "--lang",
      "en",
    ])
    XCTAssertEqual(bench.status, 1, bench.stderr)
    XCTAssertTrue(bench.stderr.contains("already holds a store"), bench.stderr)
  }
}
