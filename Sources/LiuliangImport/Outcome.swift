import LiuliangModel
import LiuliangStore

/// Why a row of the input was not used; the command line words it from Resources.
public enum RejectReason: Error, Sendable, Equatable {
  /// The CSV parser could not read the row (a quote never closed …).
  case unreadable
  /// More cells than the header has columns.
  case tooManyCells
  /// A customer row with no name, WeChat id or phone: nobody to add or find.
  case noIdentity
  case badValue(column: String, value: String)
  case missingValue(column: String)
  /// A phone that is not a mobile number (CustomerRules, as the dashboard's form refuses it).
  case notAMobile(column: String, value: String)
  /// The row's WeChat id and phone (or id) belong to two different customers.
  case twoCustomers(String, String)
  case unknownCustomer(String)
  /// A name that several customers share, so it names none of them.
  case ambiguousCustomer(String)
  case unknownPromotion(String)
  /// A value past what a visit holds (`Visit.maxAmount`, `Visit.maxParty`), and that limit.
  case visitLimit(column: String, value: String, limit: String)
  /// A promotion past the first `Visit.promotionLimit`, and its number among them.
  case promotionLimit(String, number: Int)
}

public struct Reject: Sendable, Equatable {
  public var line: Int
  public var cells: [String]
  public var reason: RejectReason

  public init(line: Int, cells: [String], reason: RejectReason) {
    self.line = line
    self.cells = cells
    self.reason = reason
  }
}

/// The file and the store disagree on a field both fill: the store's value is kept.
public struct Conflict: Sendable, Equatable {
  public var line: Int
  public var id: String
  public var name: String
  public var field: String
  public var kept: String
  public var offered: String

  public init(line: Int, id: String, name: String, field: String, kept: String, offered: String) {
    self.line = line
    self.id = id
    self.name = name
    self.field = field
    self.kept = kept
    self.offered = offered
  }
}

/// A row that added a record or changed one; `fields` are the fields it filled in.
public struct Change: Sendable, Equatable {
  public var line: Int
  public var id: String
  public var fields: [String]

  public init(line: Int, id: String, fields: [String]) {
    self.line = line
    self.id = id
    self.fields = fields
  }
}

/// What an import would do, worked out in memory: nothing is written until the caller saves
/// `dataset` (and appends `newVisits`) in one go.
public struct ImportResult: Sendable {
  public var kind: Kind
  public var header: [String]
  public var columns: Columns
  public var dataset: Dataset
  public var newVisits: [Visit] = []
  public var added: [Change] = []
  public var merged: [Change] = []
  /// Rows that matched a record and brought nothing new (an export imported back).
  public var unchanged = 0
  public var conflicts: [Conflict] = []
  public var rejects: [Reject] = []
  /// Visits only: each new visit's order number ("" for none), beside `newVisits`.
  public var newVisitOrders: [String] = []
  /// The payment bill the file is, if it is one.
  public var bill: Bill?
  /// New visits whose customer was found / that are walk-ins.
  public var matched = 0
  public var walkIns = 0
  /// Rows whose phone or WeChat id matched nobody: imported as walk-ins.
  public var unmatched: [Unmatched] = []
  /// Customers made for such rows (`--add-customers`), already in `dataset`.
  public var newCustomers: [Change] = []
  /// Lines of orders (or visits) already in the log.
  public var alreadyThere: [Int] = []
  /// A bill's red packets and refunds (lines), and the rows that are not the shop's takings.
  public var gifts: [Int] = []
  public var refunds: [Int] = []
  public var skipped = 0

  public var changesStore: Bool { !added.isEmpty || !merged.isEmpty }
  /// Each new visit's values for the log's own columns: its order number, where it has one.
  public var newVisitExtras: [[String: String]] { newVisitOrders.map { $0.isEmpty ? [:] : ["order": $0] } }
  /// Header names of the columns no field took.
  public var extraColumns: [String] { columns.extra.map { header[$0] } }

  /// The rejects file: the input's own columns and a `reason` column, in UTF-8 with a BOM and
  /// CRLF so that Excel and WPS open it as they opened the input, with cells that would run
  /// as formulas defused (`SpreadsheetCell`): the rows are the ones nobody checked.
  public func rejectsCSV(reasonColumn: String, word: (RejectReason) -> String) -> [UInt8] {
    var out: [UInt8] = [0xEF, 0xBB, 0xBF]
    let crlf: [UInt8] = [13, 10]
    CSV.appendRecord(SpreadsheetCell.defused(header + [reasonColumn]), lineEnding: crlf, to: &out)
    for r in rejects {
      var cells = r.cells
      while cells.count < header.count { cells.append("") }
      CSV.appendRecord(SpreadsheetCell.defused(cells + [word(r.reason)]), lineEnding: crlf, to: &out)
    }
    return out
  }
}
