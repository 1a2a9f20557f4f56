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
    let archive: Archive
    do {
      archive = try Archive(data: Data(bytes), accessMode: .read)
    } catch {
      throw .badWorkbook("zip")
    }
    func part(_ path: String) throws(ImportError) -> Data? {
      guard let entry = archive[path] else { return nil }
      var data = Data()
      do {
        _ = try archive.extract(entry, skipCRC32: false) { data.append($0) }
      } catch {
        throw .badWorkbook(path)
      }
      return data
    }
    var shared: [String] = []
    if let data = try part("xl/sharedStrings.xml") {
      guard let s = SharedStrings.parse(data) else { throw .badWorkbook("xl/sharedStrings.xml") }
      shared = s
    }
    var sheetPath = "xl/worksheets/sheet1.xml"
    var offset = 0
    if let wb = try part("xl/workbook.xml") {
      let info = WorkbookInfo.parse(wb)
      if info.date1904 { offset = 1462 }
      if let rid = info.firstSheetRelation, let rels = try part("xl/_rels/workbook.xml.rels"),
        let target = Relations.parse(rels)[rid]
      {
        // Targets are relative to xl/, or absolute within the package.
        sheetPath = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
      }
    }
    guard let sheetData = try part(sheetPath) else { throw .badWorkbook(sheetPath) }
    guard let cells = SheetCells.parse(sheetData, shared: shared) else { throw .badWorkbook(sheetPath) }
    guard let first = cells.firstIndex(where: { !$0.cells.allSatisfy { $0.trimmed.isEmpty } }) else {
      throw .noHeader
    }
    var header = cells[first].cells.map(\.trimmed)
    while header.last == "" { header.removeLast() }
    let rows = cells[(first + 1)...].map { Sheet.Row(line: $0.number, cells: $0.cells) }
    return Sheet(header: header, rows: Array(rows), serialOffset: offset)
  }
}

/// Whether the whole document parsed; the delegate has what it found either way.
private func runXML(_ data: Data, _ delegate: XMLParserDelegate) -> Bool {
  let p = XMLParser(data: data)
  p.delegate = delegate
  return p.parse()
}

/// Element names without a namespace prefix: some writers spell them `x:c`.
private func local(_ name: String) -> String {
  name.firstIndex(of: ":").map { String(name[name.index(after: $0)...]) } ?? name
}

private final class SharedStrings: NSObject, XMLParserDelegate {
  var strings: [String] = []
  var current = ""
  var inText = false
  // Phonetic runs (furigana) repeat the text in another script; they are not the value.
  var inPhonetic = false

  static func parse(_ data: Data) -> [String]? {
    let d = SharedStrings()
    return runXML(data, d) ? d.strings : nil
  }

  func parser(
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

  func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?)
  {
    switch local(name) {
    case "si": strings.append(current)
    case "rPh": inPhonetic = false
    case "t": inText = false
    default: break
    }
  }

  func parser(_ parser: XMLParser, foundCharacters string: String) { if inText { current += string } }
}

private final class WorkbookInfo: NSObject, XMLParserDelegate {
  var firstSheetRelation: String?
  var date1904 = false

  static func parse(_ data: Data) -> WorkbookInfo {
    let d = WorkbookInfo()
    _ = runXML(data, d)
    return d
  }

  func parser(
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

private final class Relations: NSObject, XMLParserDelegate {
  var targets: [String: String] = [:]

  static func parse(_ data: Data) -> [String: String] {
    let d = Relations()
    _ = runXML(data, d)
    return d.targets
  }

  func parser(
    _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
    attributes: [String: String] = [:]
  ) {
    if local(name) == "Relationship", let id = attributes["Id"], let t = attributes["Target"] {
      targets[id] = t
    }
  }
}

private final class SheetCells: NSObject, XMLParserDelegate {
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

  init(shared: [String]) { self.shared = shared }

  static func parse(_ data: Data, shared: [String]) -> [Line]? {
    let d = SheetCells(shared: shared)
    return runXML(data, d) ? d.lines : nil
  }

  /// `BC12` → 54 (0-based column).
  static func columnIndex(_ ref: String) -> Int? {
    var n = 0
    var any = false
    for u in ref.unicodeScalars {
      guard (65...90).contains(u.value) else { break }
      n = n * 26 + Int(u.value) - 64
      any = true
    }
    return any ? n - 1 : nil
  }

  func parser(
    _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
    attributes: [String: String] = [:]
  ) {
    switch local(name) {
    case "row":
      let n = attributes["r"].flatMap { Int($0) } ?? ((lines.last?.number ?? 0) + 1)
      row = Line(number: n, cells: [])
      column = 0
    case "c":
      column = attributes["r"].flatMap(SheetCells.columnIndex) ?? (row?.cells.count ?? 0)
      type = attributes["t"] ?? "n"
      value = ""
    case "v", "t":
      inValue = true
    default: break
    }
  }

  func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?)
  {
    switch local(name) {
    case "v", "t": inValue = false
    case "c":
      guard row != nil else { return }
      while row!.cells.count < column { row!.cells.append("") }
      let text: String
      switch type {
      case "s": text = Int(value.trimmed).flatMap { $0 >= 0 && $0 < shared.count ? shared[$0] : nil } ?? ""
      case "n": text = SheetCells.number(value.trimmed)
      case "b": text = value.trimmed == "1" ? "1" : "0"
      case "e": text = ""
      default: text = value
      }
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

  func parser(_ parser: XMLParser, foundCharacters string: String) { if inValue { value += string } }

  /// Excel keeps 17 significant digits (0.1 + 0.2 is 0.30000000000000004) and may write large
  /// whole numbers, phone numbers among them, in E notation; 15 digits is what Excel shows.
  static func number(_ text: String) -> String {
    guard let d = Double(text), d.isFinite else { return text }
    if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
    let short = String(format: "%.15g", d)
    return Double(short) != nil ? short : text
  }
}
