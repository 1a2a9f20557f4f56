import LiuliangStringFunctions

extension ZipArchive {
  /// Reads the part at `path` through `handler`, streamed; false when the archive lacks it.
  /// A part past `cap`, a damaged one, a limit the handler hit, a DOCTYPE, or (unless
  /// `lenient`) XML that is not well-formed is thrown.
  func parse(_ path: String, cap: Int, with handler: XMLHandler, lenient: Bool = false) throws(ImportError)
    -> Bool
  {
    guard let part = try open(path, cap: cap) else { return false }
    var scanner = XMLScanner(source: { () throws(ImportError) in try part.next() })
    do {
      try scanner.run(handler)
    } catch {
      switch error {
      case .failed(let e): throw e
      case .fault(.doctype, _): throw .entities(path)
      case .fault(.malformed, let line): if !lenient { throw .badWorkbook("\(path):\(line)") }
      }
    }
    return true
  }
}

final class SharedStrings: XMLHandler {
  var strings: [String] = []
  var current = ""
  var inText = false
  // Phonetic runs (furigana) repeat the text in another script; they are not the value.
  var inPhonetic = false

  var wantsText: Bool { inText }

  func start(_ name: String, _ attributes: [XMLAttribute]) {
    switch name {
    case "si": current = ""
    case "rPh": inPhonetic = true
    case "t": inText = !inPhonetic
    default: break
    }
  }

  func end(_ name: String) throws(ImportError) {
    switch name {
    case "si":
      guard strings.count < WorkbookLimits.sharedStrings else {
        throw .tooLarge(.sharedStrings(WorkbookLimits.sharedStrings))
      }
      strings.append(current)
    case "rPh": inPhonetic = false
    case "t": inText = false
    default: break
    }
  }

  func text(_ text: String) { current += text }
}

final class WorkbookInfo: XMLHandler {
  var firstSheetRelation: String?
  var date1904 = false

  var wantsText: Bool { false }

  func start(_ name: String, _ attributes: [XMLAttribute]) {
    switch name {
    case "sheet" where firstSheetRelation == nil:
      firstSheetRelation = attributes.first { local($0.name) == "id" && $0.name != "sheetId" }?.value
    case "workbookPr":
      date1904 = ["1", "true"].contains(attributes["date1904"] ?? "")
    default: break
    }
  }

  func end(_ name: String) {}
  func text(_ text: String) {}

  private func local(_ name: String) -> String {
    name.firstIndex(of: ":").map { String(name[name.index(after: $0)...]) } ?? name
  }
}

final class Relations: XMLHandler {
  var targets: [String: String] = [:]

  var wantsText: Bool { false }

  func start(_ name: String, _ attributes: [XMLAttribute]) {
    if name == "Relationship", let id = attributes["Id"], let t = attributes["Target"] {
      targets[id] = t
    }
  }

  func end(_ name: String) {}
  func text(_ text: String) {}
}

/// The sheet's rows as they stream by, within `WorkbookLimits`.
final class SheetCells: XMLHandler {
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

  var wantsText: Bool { inValue }

  /// `BC12` → 54 (0-based column); past XFD, `WorkbookLimits.columns`.
  static func columnIndex(_ ref: String) -> Int? {
    var n = 0
    var any = false
    for u in ref.utf8 {
      guard (65...90).contains(u) else { break }
      n = n * 26 + Int(u) - 64
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

  func start(_ name: String, _ attributes: [XMLAttribute]) throws(ImportError) {
    switch name {
    case "row":
      guard let n = rowNumber(attributes["r"]) else {
        throw .tooLarge(.row(String((attributes["r"] ?? "").prefix(20))))
      }
      row = Line(number: n, cells: [])
      column = 0
    case "c":
      column = attributes["r"].flatMap(SheetCells.columnIndex) ?? (row?.cells.count ?? 0)
      guard column < WorkbookLimits.columns else {
        throw .tooLarge(.column(String((attributes["r"] ?? "").prefix(20))))
      }
      type = attributes["t"] ?? "n"
      value = ""
    case "v", "t":
      inValue = true
    default: break
    }
  }

  func end(_ name: String) throws(ImportError) {
    switch name {
    case "v", "t": inValue = false
    case "c":
      guard row != nil else { return }
      cells += max(0, column + 1 - row!.cells.count)
      guard cells <= WorkbookLimits.cells else { throw .tooLarge(.cells(WorkbookLimits.cells)) }
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

  func text(_ string: String) throws(ImportError) {
    value += string
    if textBytes + value.utf8.count > WorkbookLimits.cellTextBytes {
      throw .tooLarge(.cellText(megabytes: WorkbookLimits.cellTextBytes >> 20))
    }
  }

  /// Excel keeps 17 significant digits (0.1 + 0.2 is 0.30000000000000004) and may write large
  /// whole numbers, phone numbers among them, in E notation; 15 digits is what Excel shows.
  static func number(_ text: String) -> String {
    guard let d = Double(text), d.isFinite else { return text }
    if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
    let short = String(significant: d, digits: 15)
    return Double(short) != nil ? short : text
  }
}
