/// Cells for files that people open in Excel or WPS, following OWASP's advice on CSV
/// injection: a cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return is read as a
/// formula (`=HYPERLINK(…)`, `+cmd|…`, `@SUM(…)`), so it gets a leading `'`, which the
/// spreadsheet takes as "this is text". Files for programs (the store, plain `export`) keep
/// their cells exact.
public enum SpreadsheetCell {
  public static func defused(_ cell: String) -> String {
    switch cell.utf8.first {
    case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D:
      return "'" + cell
    default: return cell
    }
  }

  public static func defused(_ cells: [String]) -> [String] { cells.map { defused($0) } }
}
