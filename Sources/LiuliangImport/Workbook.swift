#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The first worksheet of an xlsx file (what WeCom exports), as strings. Shared and inline
/// strings become their text, numbers their shortest exact form; a date stays a serial number
/// here and becomes a date once its column is known to hold dates.
enum Workbook {
  static func firstSheet(_ bytes: [UInt8]) throws(ImportError) -> Sheet {
    let archive = try ZipArchive(bytes)
    let limits = WorkbookLimits.self
    let strings = SharedStrings()
    _ = try archive.parse("xl/sharedStrings.xml", cap: limits.sharedStringsBytes, with: strings)
    var sheetPath = "xl/worksheets/sheet1.xml"
    var offset = 0
    let info = WorkbookInfo()
    if try archive.parse("xl/workbook.xml", cap: limits.partBytes, with: info, lenient: true) {
      if info.date1904 { offset = 1462 }
      let rels = Relations()
      if let rid = info.firstSheetRelation,
        try archive.parse("xl/_rels/workbook.xml.rels", cap: limits.partBytes, with: rels, lenient: true),
        let target = rels.targets[rid]
      {
        sheetPath = try Workbook.resolve(target)
      }
    }
    let cells = SheetCells(shared: strings.strings)
    guard try archive.parse(sheetPath, cap: limits.sheetBytes, with: cells) else {
      throw .badWorkbook(sheetPath)
    }
    guard let first = cells.lines.firstIndex(where: { !$0.cells.allSatisfy { $0.trimmed.isEmpty } }) else {
      throw .noHeader
    }
    var header = cells.lines[first].cells.map(\.trimmed)
    while header.last == "" { header.removeLast() }
    let rows = cells.lines[(first + 1)...].map { Sheet.Row(line: $0.number, cells: $0.cells) }
    return Sheet(header: header, rows: Array(rows), serialOffset: offset)
  }

  /// A relationship's target as a part name: relative to xl/, or absolute within the package,
  /// with `.` and `..` steps taken; one that climbs out of the package is refused.
  static func resolve(_ target: String) throws(ImportError) -> String {
    var steps: [Substring] = target.hasPrefix("/") ? [] : ["xl"]
    for step in target.split(separator: "/") {
      switch step {
      case ".": continue
      case "..":
        guard steps.popLast() != nil else { throw .badWorkbook(String(target.prefix(60))) }
      default: steps.append(step)
      }
    }
    return steps.joined(separator: "/")
  }
}

/// How much of an xlsx the reader takes before it refuses the file in one sentence: Excel's own
/// grid, and sizes far beyond any customer list or till export, so that a crafted file (a zip
/// bomb, a cell in column ZZZZZZZ) costs seconds and a few hundred MB at most, not the machine.
public enum WorkbookLimits {
  /// Columns A … XFD and rows 1 … 1,048,576: a cell beyond them is not from a spreadsheet.
  public static let columns = 16_384
  public static let rows = 1_048_576
  /// Unpacked bytes of the first sheet, of the shared strings and of any other part read.
  public static let sheetBytes = 256 << 20
  public static let sharedStringsBytes = 64 << 20
  public static let partBytes = 16 << 20
  public static let sharedStrings = 4_000_000
  /// Cells held, blanks before a filled cell included (8 M cells take 128 MB), and the bytes
  /// of text held that the shared strings do not already hold (a million rows of 60 bytes).
  public static let cells = 8_000_000
  public static let cellTextBytes = 64 << 20
  /// Parts listed in the archive's directory: an xlsx has a few dozen.
  public static let entries = 65_535
}
