import Foundation
import LiuliangTestSupport
import XCTest

/// Every reader of files the store did not write, fuzzed through the real binary: BadFileTests'
/// mutator (with XML tokens for xlsx parts) over shop.toml, customer and visit CSV in UTF-8 and
/// GB18030, the WeChat Pay and Alipay bills (CSV and xlsx), and an xlsx (its parts, or the
/// zip's own bytes). `liuliang-tools drill read` reads each
/// input under a 5 s alarm and a 1 GB peak-memory cap, inside `prlimit --as` 4 GB, so a crash,
/// a hang or a memory blow-up names its input, which is kept with the seed.
/// `LIULIANG_READER_FUZZ_INPUTS=N` (300 in `swift test`), seed `LIULIANG_FUZZ_SEED`.
final class ReaderFuzzTests: XCTestCase {
  static let xmlTokens: [[UInt8]] = [
    "<c r=\"XFD1\">", "<c r=\"ZZZZZZZZZZZZZZZ9\">", "<c r=\"A1048577\">", "<row r=\"1048577\">",
    "<row r=\"99999999999999999999\">", "<row>", "</row>", "<c t=\"s\"><v>99999</v></c>", "<v>-1</v>",
    "<c t=\"inlineStr\"><is><t>", "</t></is></c>", "&#0;", "&#xD800;", "&amp;", "&lt;", "<![CDATA[", "]]>",
    "<!DOCTYPE x [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]>", "&b;",
    "<!ENTITY e SYSTEM \"file:///etc/passwd\">", "<si><t>", "</t></si>", "<x:c>", "t=\"n\"", "<v>1e999</v>",
    "\"\"\"", "[营业时间]", "\\u", "0x", "[[x]]",
  ].map { Array($0.utf8) }

  /// A small workbook as WeCom writes one: shared and inline strings, numbers, a date serial.
  static let workbook: [(String, String)] = {
    let names = ["李雷", "韩梅梅", "王芳", "张伟", "Tom Lee"]
    let strings =
      "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
      + (["客户名称", "微信号", "添加时间", "手机号"] + names).map { "<si><t>\($0)</t></si>" }.joined() + "</sst>"
    var rows =
      "<row r=\"1\">"
      + (0..<4).map { "<c r=\"\(["A", "B", "C", "D"][$0])1\" t=\"s\"><v>\($0)</v></c>" }.joined()
    rows += "</row>"
    for i in 0..<12 {
      let r = i + 2
      rows += "<row r=\"\(r)\"><c r=\"A\(r)\" t=\"s\"><v>\(4 + i % names.count)</v></c>"
      rows +=
        "<c r=\"B\(r)\" t=\"inlineStr\"><is><t>wx\(i)</t></is></c><c r=\"C\(r)\"><v>\(45_658 + i)</v></c>"
      rows += "<c r=\"D\(r)\"><v>1391234\(5600 + i)</v></c></row>"
    }
    return [
      (
        "xl/workbook.xml",
        "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
          + "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
          + "<sheets><sheet name=\"客户\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"
      ),
      (
        "xl/_rels/workbook.xml.rels",
        "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
          + "<Relationship Id=\"rId1\" Target=\"worksheets/data.xml\"/></Relationships>"
      ),
      ("xl/sharedStrings.xml", strings),
      ("xl/worksheets/data.xml", HostileXLSX.sheetHead + rows + HostileXLSX.sheetTail),
    ]
  }()

  static func zip(_ parts: [(String, [UInt8])]) -> [UInt8] {
    let built = parts.map { HostileXLSX.Part($0.0, String(decoding: $0.1, as: UTF8.self)) }
    return (try? HostileXLSX.archive(built)).map { [UInt8]($0) } ?? []
  }

  /// The same bytes in GB18030, through the system's iconv program; nil where it is missing.
  static func gb18030(_ utf8: [UInt8]) -> [UInt8]? {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/iconv")
    p.arguments = ["-f", "UTF-8", "-t", "GB18030"]
    let input = Pipe()
    let output = Pipe()
    p.standardInput = input
    p.standardOutput = output
    p.standardError = FileHandle.nullDevice
    guard (try? p.run()) != nil else { return nil }
    input.fileHandleForWriting.write(Data(utf8))
    try? input.fileHandleForWriting.close()
    let out = output.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return p.terminationStatus == 0 ? [UInt8](out) : nil
  }

  func testEveryReaderSurvivesMutatedInput() throws {
    let env = ProcessInfo.processInfo.environment
    let total = Int(env["LIULIANG_READER_FUZZ_INPUTS"] ?? "") ?? 300
    let seed = UInt64(env["LIULIANG_FUZZ_SEED"] ?? "") ?? 20_261_206
    var m = BadFileTests.Mutator(rng: DrillRNG(state: seed))
    let small = BadFileTests.small
    var corpus: [(prefix: String, ext: String, bytes: [UInt8])] = [
      ("shop", "toml", small["shop.toml"]!),
      ("customers", "csv", small["customers.csv"]!),
      ("visits", "csv", small["visits.csv"]!),
    ]
    if let gb = Self.gb18030(small["customers.csv"]!) { corpus.append(("customers", "csv", gb)) }
    // The till formats: the WeChat Pay and Alipay (GB18030) bills as their apps export them.
    let bills = Repo.root.appendingPathComponent("Tests/ImportTests/bills")
    for (file, ext) in [
      ("example-wechat-records.csv", "csv"), ("example-alipay-records.csv", "csv"),
      ("example-wechat-records.xlsx", "xlsx"),
    ] {
      corpus.append(("visits", ext, Array(try Data(contentsOf: bills.appendingPathComponent(file)))))
    }
    let parts = Self.workbook.map { ($0.0, Array($0.1.utf8)) }
    let batchSize = 250
    // The 40 customers of BadFileTests' small store: imports merge into them, quickly.
    let store = try Repo.tempFolder("small")
    for (n, b) in small { try Data(b).write(to: store.appendingPathComponent(n)) }
    var done = 0
    var counts: [String: Int] = [:]
    let start = Date()
    var readingTime = 0.0
    while done < total {
      let folder = try Repo.tempFolder("fuzz")
      var inputs: [String: [UInt8]] = [:]
      for k in done..<min(total, done + batchSize) {
        let pick = m.int(corpus.count + 2)
        let name: String
        var bytes: [UInt8]
        if pick < corpus.count {
          let c = corpus[pick]
          bytes = c.bytes
          for _ in 0..<(1 + m.int(3)) { m.mutate(&bytes) }
          name = "\(c.prefix)-\(k).\(c.ext)"
        } else {
          var p = parts
          if m.int(4) == 0 {
            bytes = Self.zip(p)
            for _ in 0..<(1 + m.int(3)) { m.mutate(&bytes) }
          } else {
            m.extra = Self.xmlTokens
            for _ in 0..<(1 + m.int(3)) {
              let i = m.int(p.count)
              m.mutate(&p[i].1)
            }
            m.extra = []
            bytes = Self.zip(p)
          }
          name = "customers-\(k).xlsx"
        }
        counts[String(name.split(separator: ".").last!), default: 0] += 1
        inputs[name] = bytes
        try Data(bytes).write(to: folder.appendingPathComponent(name))
      }
      let reading = Date()
      try runBatch(folder, store: store, inputs: inputs, seed: seed)
      readingTime += Date().timeIntervalSince(reading)
      done += inputs.count
      try? FileManager.default.removeItem(at: folder)
    }
    let took = Date().timeIntervalSince(start)
    print(
      "reader fuzz: \(total) inputs (\(counts.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", "))), "
        + "seed \(seed), \(String(format: "%.0f", Double(total) / took)) inputs/s "
        + "(\(String(format: "%.0f", readingTime)) s of \(String(format: "%.0f", took)) s reading)")
  }

  /// One `drill read` over a folder; a death names its input, which is kept for a rerun.
  func runBatch(_ folder: URL, store: URL, inputs: [String: [UInt8]], seed: UInt64) throws {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/prlimit")
    p.arguments = [
      "--as=\(4 << 30)", "--", Repo.tools.path, "drill", "read", "--data", store.path, "--seconds", "5",
      "--megabytes", "1024", folder.path,
    ]
    let out = Pipe()
    p.standardOutput = out
    p.standardError = FileHandle.nullDevice
    try p.run()
    let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    p.waitUntilExit()
    guard p.terminationStatus != 0 || p.terminationReason != .exit else { return }
    let lines = text.split(separator: "\n")
    let last = lines.last(where: { $0.hasPrefix("start ") || $0.hasPrefix("memory ") })
    let culprit = last.map { String($0.split(separator: " ")[1]) } ?? "?"
    let why =
      p.terminationReason == .uncaughtSignal
      ? (p.terminationStatus == SIGALRM ? "a hang over 5 s" : "signal \(p.terminationStatus)")
      : (last?.hasPrefix("memory") == true ? "memory over 1 GB (\(last!))" : "exit \(p.terminationStatus)")
    let kept = FileManager.default.temporaryDirectory.appendingPathComponent("liuliang-fuzz-failures")
    try? FileManager.default.createDirectory(at: kept, withIntermediateDirectories: true)
    let path = kept.appendingPathComponent("seed\(seed)-\(culprit)")
    if let bytes = inputs[culprit] { try? Data(bytes).write(to: path) }
    XCTFail("reader fuzz, seed \(seed): \(culprit) ended in \(why); kept at \(path.path)")
    // The inputs after it are read too, so that one failure hides no other.
    let read = Set(lines.filter { $0.hasPrefix("ok ") }.map { String($0.dropFirst(3)) } + [culprit])
    for name in read { try? FileManager.default.removeItem(at: folder.appendingPathComponent(name)) }
    if read.contains(where: { inputs[$0] != nil }),
      let left = try? FileManager.default.contentsOfDirectory(atPath: folder.path), !left.isEmpty
    {
      try runBatch(folder, store: store, inputs: inputs, seed: seed)
    }
  }
}
