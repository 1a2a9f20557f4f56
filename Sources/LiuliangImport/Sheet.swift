import LiuliangStore
import LiuliangStringFunctions

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A spreadsheet as strings: what every input format becomes before columns mean anything.
public struct Sheet: Sendable, Equatable {
  public var header: [String]
  public var rows: [Row]
  /// Days to add to a spreadsheet date serial: 0 for the 1900 system, 1462 for a workbook
  /// that counts from 1904 (old Mac Excel).
  public var serialOffset = 0

  public struct Row: Sendable, Equatable {
    /// The line (CSV) or row number (xlsx) the row starts on, for the report.
    public var line: Int
    public var cells: [String]
    /// The CSV parser could not read the row as written (a quote never closed …).
    public var unreadable = false

    public init(line: Int, cells: [String], unreadable: Bool = false) {
      self.line = line
      self.cells = cells
      self.unreadable = unreadable
    }
  }

  public init(header: [String], rows: [Row], serialOffset: Int = 0) {
    self.header = header
    self.rows = rows
    self.serialOffset = serialOffset
  }
}

public enum TextEncoding: String, Sendable, CaseIterable {
  case utf8 = "utf-8"
  case gb18030
}

public enum ImportError: Error, Sendable, Equatable {
  /// The bytes are neither UTF-8 nor GB18030 (or not the encoding asked for).
  case undecodable(TextEncoding?)
  case noHeader
  case badWorkbook(String)
  /// An xlsx part that declares entities (a DOCTYPE): refused unread, so that it can neither
  /// read another file nor expand to gigabytes.
  case entities(String)
  /// `--map` named a column the file lacks.
  case unknownColumn(String)
  /// `--map` named a field the kind lacks.
  case unknownField(String)
  case badMapping(String)
  /// A visits file whose header (found or not) names no date column: what it did find.
  case noDateColumn(found: [String])
  /// A payment bill given as another kind than visits.
  case billNeedsVisits(Bill)
  /// An xlsx past one of `WorkbookLimits`: refused whole.
  case tooLarge(WorkbookLimit)
  /// NUL bytes or other binary in the first block: not a spreadsheet saved as text.
  case notText
  /// The file to import is past `InputFile.maxBytes`.
  case tooBig(megabytes: Int)
  /// The file to import could not be opened or read (the errno).
  case cannotRead(Int32)
  /// The path names a folder, or a FIFO or device (which would block or never end).
  case folder
  case special
}

public enum WorkbookLimit: Sendable, Equatable {
  /// The cell reference or row number as the file spells it (cut to 20 characters).
  case column(String)
  case row(String)
  case part(String, megabytes: Int)
  case sharedStrings(Int)
  case cells(Int)
  case cellText(megabytes: Int)
}

extension Sheet {
  /// Reads an xlsx workbook (recognised by its zip signature, whatever the file is called) or
  /// a CSV in UTF-8 (BOM or not) or GB18030; `encoding` overrides the guess for CSV.
  public static func read(_ bytes: [UInt8], encoding: TextEncoding? = nil) throws(ImportError) -> Sheet {
    if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) { return try Workbook.firstSheet(bytes) }
    return try csv(decodeText(bytes, encoding: encoding))
  }

  /// UTF-8 bytes without a BOM. Valid UTF-8 is taken as UTF-8 (GBK text of any length almost
  /// never is); anything else is what Excel on Chinese Windows writes: GB18030, a superset of GBK.
  public static func decodeText(_ bytes: [UInt8], encoding: TextEncoding?) throws(ImportError) -> [UInt8] {
    let bom = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    let body = Array(bytes[bom...])
    switch encoding {
    case .utf8?:
      guard isUTF8(body) else { throw .undecodable(.utf8) }
      return body
    case .gb18030?:
      guard let u = GB18030.toUTF8(bytes) else { throw .undecodable(.gb18030) }
      return u
    case nil:
      if bom > 0 || isUTF8(body) {
        guard isUTF8(body) else { throw .undecodable(.utf8) }
        return body
      }
      guard let u = GB18030.toUTF8(bytes) else { throw .undecodable(nil) }
      return u
    }
  }

  static func isUTF8(_ bytes: [UInt8]) -> Bool { String(validating: bytes, as: UTF8.self) != nil }

  /// RFC 4180 rows; the first non-blank record is the header.
  public static func csv(_ utf8: [UInt8]) throws(ImportError) -> Sheet {
    var header: [String]?
    var rows: [Row] = []
    utf8.withUnsafeBufferPointer { b in
      CSV.parse(b) { rec in
        let cells = rec.fields
        if header == nil {
          if cells.allSatisfy({ $0.trimmed.isEmpty }) { return }
          header = cells.map(\.trimmed)
          return
        }
        // A quote inside an unquoted cell is text, as Excel and WPS read it (a bill's
        // product name with a quoted word in it); the store's own files stay strict about it.
        rows.append(
          Row(line: rec.line, cells: cells, unreadable: rec.fault != nil && rec.fault != .strayQuote))
      }
    }
    guard let header else { throw .noHeader }
    return Sheet(header: header, rows: rows)
  }
}

/// GB18030 through the C library's iconv, which every Linux has; Foundation's CF encodings
/// are not dependable there.
enum GB18030 {
  static func toUTF8(_ input: [UInt8]) -> [UInt8]? {
    let cd = iconv_open("UTF-8", "GB18030")
    guard let cd, cd != iconv_t(bitPattern: -1) else { return nil }
    defer { iconv_close(cd) }
    var source = input
    // Every GB18030 character is at most 4 bytes and no UTF-8 one is longer than 4.
    var out = [UInt8](repeating: 0, count: input.count * 2 + 16)
    let produced: Int? = source.withUnsafeMutableBufferPointer { src in
      out.withUnsafeMutableBufferPointer { dst in
        var inPtr = UnsafeMutableRawPointer(src.baseAddress)?.assumingMemoryBound(to: CChar.self)
        var inLeft = src.count
        var outPtr = UnsafeMutableRawPointer(dst.baseAddress)?.assumingMemoryBound(to: CChar.self)
        var outLeft = dst.count
        guard iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft) != -1, inLeft == 0 else { return nil }
        return dst.count - outLeft
      }
    }
    guard let produced else { return nil }
    return Array(out[0..<produced])
  }
}

extension String {
  /// Without the spaces, tabs and line breaks around it (also full-width ones). Most cells
  /// have none: those are given back as they are, without a walk through Foundation, which on
  /// a million-row export is most of the import's time.
  var trimmed: String {
    guard let first = utf8.first, let last = utf8.last else { return self }
    if first > 0x20 && first < 0x80 && last > 0x20 && last < 0x80 { return self }
    if let a = unicodeScalars.first, let z = unicodeScalars.last, a.value > 0x20, z.value > 0x20,
      !a.properties.isWhitespace, !z.properties.isWhitespace
    {
      return self
    }
    // ASCII at both ends (an order number ending in a tab): cut the ASCII spaces by bytes.
    if first < 0x80 && last < 0x80 {
      let space: (UInt8) -> Bool = { $0 == 0x20 || (0x09...0x0D).contains($0) }
      let bytes = utf8.drop(while: space).reversed().drop(while: space).reversed()
      if let f = bytes.first, let l = bytes.last, f < 0x80, l < 0x80 {
        return String(decoding: bytes, as: UTF8.self)
      }
      if bytes.isEmpty { return "" }
    }
    return trimmingWhitespaceAndNewlines()
  }
}
