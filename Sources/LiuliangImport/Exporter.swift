import LiuliangModel
import LiuliangStore

/// The store's own rows, exactly as the store writes them, so that an export imports back
/// into the same store without a change.
public enum Exporter {
  /// The header and rows of one kind; `customers` limits which customers (indexes into
  /// `ds.customers`, in that order), as a report's selection does.
  public static func table(_ kind: Kind, _ ds: Dataset, customers: [Int]? = nil) -> (
    header: [String], rows: [[String]]
  ) {
    let rows: [[String]]
    switch kind {
    case .customers:
      rows = (customers ?? Array(ds.customers.indices)).map { StoreRows.fields(ds.customers[$0]) }
    case .visits: rows = ds.visits.map { StoreRows.fields($0, in: ds) }
    case .posts: rows = ds.posts.map(StoreRows.fields)
    case .promotions: rows = ds.promotions.map(StoreRows.fields)
    case .complaints: rows = ds.complaints.map(StoreRows.fields)
    case .contacts: rows = ds.contacts.map(StoreRows.fields)
    }
    return (kind.columns, rows)
  }

  /// RFC 4180 text. `excel` adds a BOM and CRLF line ends: without the BOM, Excel and WPS on
  /// Chinese Windows read UTF-8 as GBK and every Chinese name comes out garbled. It also
  /// defuses cells a spreadsheet would run as formulas (`SpreadsheetCell`).
  public static func csv(header: [String], rows: [[String]], excel: Bool) -> [UInt8] {
    var out: [UInt8] = excel ? [0xEF, 0xBB, 0xBF] : []
    let end: [UInt8] = excel ? [13, 10] : [10]
    CSV.appendRecord(header, lineEnding: end, to: &out)
    for r in rows { CSV.appendRecord(excel ? SpreadsheetCell.defused(r) : r, lineEnding: end, to: &out) }
    return out
  }
}
