import LiuliangRender
import LiuliangStore

/// Rows of text with a header, written as cell-aligned text (Chinese counts two cells) or CSV.
public struct Tabular: Sendable {
  public var headers: [String]
  public var rows: [[String]]
  public var align: [Align]

  public init(headers: [String], rows: [[String]] = [], align: [Align]? = nil) {
    self.headers = headers
    self.rows = rows
    self.align = align ?? headers.map { _ in .left }
  }

  /// Columns padded to their widest cell, two spaces apart; no trailing spaces; controls shown.
  public func text(indent: String = "") -> String {
    // Shown before measured: a control picture takes a cell that the control did not.
    let headers = headers.map { Visible.text($0, keepingNewlines: false) }
    let rows = rows.map { $0.map { Visible.text($0, keepingNewlines: false) } }
    var widths = headers.map { CellWidth.of($0) }
    for r in rows {
      for (k, c) in r.enumerated() where k < widths.count { widths[k] = max(widths[k], CellWidth.of(c)) }
    }
    func line(_ cells: [String]) -> String {
      var parts: [String] = []
      for (k, c) in cells.enumerated() {
        let last = k == cells.count - 1
        parts.append(last && align[k] == .left ? c : pad(c, width: widths[k], align: align[k]))
      }
      var s = indent + parts.joined(separator: "  ")
      while s.last == " " { s.removeLast() }
      return s
    }
    return ([line(headers)] + rows.map(line)).joined(separator: "\n") + "\n"
  }

  /// `spreadsheet`: for a person to open in Excel or WPS, so formula-like cells are defused.
  public func csv(spreadsheet: Bool = false) -> String {
    var out: [UInt8] = []
    CSV.appendRecord(headers, lineEnding: [0x0A], to: &out)
    for r in rows {
      CSV.appendRecord(spreadsheet ? SpreadsheetCell.defused(r) : r, lineEnding: [0x0A], to: &out)
    }
    return String(decoding: out, as: UTF8.self)
  }
}

extension JSON {
  /// An object from pairs, keeping their order.
  public static func obj(_ pairs: (String, JSON)...) -> JSON { .object(pairs) }
  public static func opt(_ v: Double?) -> JSON { v.map { .number($0) } ?? .null }
  public static func str(_ v: CustomStringConvertible?) -> JSON { v.map { .string($0.description) } ?? .null }
}
