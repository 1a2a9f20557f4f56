import Foundation
import ZIPFoundation

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// The first worksheet of an xlsx file (what WeCom exports), as strings. Shared and inline
/// strings become their text, numbers their shortest exact form; a date stays a serial number
/// here and becomes a date once its column is known to hold dates.
enum Workbook {
  static func firstSheet(_ bytes: [UInt8]) throws(ImportError) -> Sheet {
    let archive = try ArchiveFile.open(bytes)
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
        // Targets are relative to xl/, or absolute within the package.
        sheetPath = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
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
}

/// Element names without a namespace prefix: some writers spell them `x:c`.
private func local(_ name: String) -> String {
  name.firstIndex(of: ":").map { String(name[name.index(after: $0)...]) } ?? name
}

private final class SharedStrings: PartReader {
  var strings: [String] = []
  var current = ""
  var inText = false
  // Phonetic runs (furigana) repeat the text in another script; they are not the value.
  var inPhonetic = false

  override func parser(
    _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
    attributes: [String: String] = [:]
  ) {
    switch local(name) {
    case "si": current = ""
    case "rPh": inPhonetic = true
    case "t": inText = !inPhonetic
    default: break
    }
  }

  override func parser(
    _ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?
  ) {
    switch local(name) {
    case "si":
      guard strings.count < WorkbookLimits.sharedStrings else {
        return fail(.tooLarge(.sharedStrings(WorkbookLimits.sharedStrings)))
      }
      strings.append(current)
    case "rPh": inPhonetic = false
    case "t": inText = false
    default: break
    }
  }

  override func parser(_ parser: XMLParser, foundCharacters string: String) {
    if inText { current += string }
  }
}

private final class WorkbookInfo: PartReader {
  var firstSheetRelation: String?
  var date1904 = false

  override func parser(
    _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
    attributes: [String: String] = [:]
  ) {
    switch local(name) {
    case "sheet" where firstSheetRelation == nil:
      firstSheetRelation = attributes.first { local($0.key) == "id" && $0.key != "sheetId" }?.value
    case "workbookPr":
      date1904 = ["1", "true"].contains(attributes["date1904"] ?? "")
    default: break
    }
  }
}

private final class Relations: PartReader {
  var targets: [String: String] = [:]

  override func parser(
    _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
    attributes: [String: String] = [:]
  ) {
    if local(name) == "Relationship", let id = attributes["Id"], let t = attributes["Target"] {
      targets[id] = t
    }
  }
}

/// The sheet's rows as they stream by, within `WorkbookLimits`.
private final class SheetCells: PartReader {
  struct Line {
    var number: Int
    var cells: [String]
  }
  var lines: [Line] = []
  let shared: [String]
  var row: Line?
  var column = 0
  var type = ""
  var value = ""
  var inValue = false
  var cells = 0
  var textBytes = 0

  init(shared: [String]) { self.shared = shared }

  /// `BC12` → 54 (0-based column); past XFD, `WorkbookLimits.columns`.
  static func columnIndex(_ ref: String) -> Int? {
    var n = 0
    var any = false
    for u in ref.unicodeScalars {
      guard (65...90).contains(u.value) else { break }
      n = n * 26 + Int(u.value) - 64
      any = true
      if n > WorkbookLimits.columns { return WorkbookLimits.columns }
    }
    return any ? n - 1 : nil
  }

  /// The row's number: its `r`, else the one after the last; nil past the last row a sheet has.
  func rowNumber(_ r: String?) -> Int? {
    let n: Int?
    if let r, !r.isEmpty, r.utf8.allSatisfy({ (0x30...0x39).contains($0) }) {
      n = r.utf8.count > 7 ? nil : Int(r)
    } else {
      n = (lines.last?.number ?? 0) + 1
    }
    guard let n, n >= 1, n <= WorkbookLimits.rows else { return nil }
    return n
  }

  override func parser(
    _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
    attributes: [String: String] = [:]
  ) {
    guard failure == nil else { return }
    switch local(name) {
    case "row":
      guard let n = rowNumber(attributes["r"]) else {
        return fail(.tooLarge(.row(String((attributes["r"] ?? "").prefix(20)))))
      }
      row = Line(number: n, cells: [])
      column = 0
    case "c":
      column = attributes["r"].flatMap(SheetCells.columnIndex) ?? (row?.cells.count ?? 0)
      guard column < WorkbookLimits.columns else {
        return fail(.tooLarge(.column(String((attributes["r"] ?? "").prefix(20)))))
      }
      type = attributes["t"] ?? "n"
      value = ""
    case "v", "t":
      inValue = true
    default: break
    }
  }

  override func parser(
    _ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?
  ) {
    guard failure == nil else { return }
    switch local(name) {
    case "v", "t": inValue = false
    case "c":
      guard row != nil else { return }
      cells += max(0, column + 1 - row!.cells.count)
      guard cells <= WorkbookLimits.cells else { return fail(.tooLarge(.cells(WorkbookLimits.cells))) }
      while row!.cells.count < column { row!.cells.append("") }
      let text: String
      switch type {
      case "s": text = Int(value.trimmed).flatMap { $0 >= 0 && $0 < shared.count ? shared[$0] : nil } ?? ""
      case "n": text = SheetCells.number(value.trimmed)
      case "b": text = value.trimmed == "1" ? "1" : "0"
      case "e": text = ""
      default: text = value
      }
      // Short strings live inside the cell; longer ones not shared are held apart.
      if type != "s", text.utf8.count > 15 { textBytes += text.utf8.count }
      if row!.cells.count == column {
        row!.cells.append(text)
      } else {
        row!.cells[column] = text
      }
      column += 1
    case "row":
      if let r = row { lines.append(r) }
      row = nil
    default: break
    }
  }

  override func parser(_ parser: XMLParser, foundCharacters string: String) {
    guard inValue, failure == nil else { return }
    value += string
    if textBytes + value.utf8.count > WorkbookLimits.cellTextBytes {
      fail(.tooLarge(.cellText(megabytes: WorkbookLimits.cellTextBytes >> 20)))
    }
  }

  /// Excel keeps 17 significant digits (0.1 + 0.2 is 0.30000000000000004) and may write large
  /// whole numbers, phone numbers among them, in E notation; 15 digits is what Excel shows.
  static func number(_ text: String) -> String {
    guard let d = Double(text), d.isFinite else { return text }
    if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
    let short = String(format: "%.15g", d)
    return Double(short) != nil ? short : text
  }
}
