/// Something in the store that could not be read as written. The row itself is kept verbatim;
/// screens and `liuliang check` word the kind from Resources.
public struct Problem: Sendable, Equatable, CustomStringConvertible {
  public var file: String
  public var line: Int
  public var kind: ProblemKind

  public init(file: String, line: Int, kind: ProblemKind) {
    self.file = file
    self.line = line
    self.kind = kind
  }

  /// `file:line` — the place, the way editors and compilers write it.
  public var place: String { line > 0 ? "\(file):\(line)" : file }
  public var description: String { "\(place): \(kind)" }
}

public enum ProblemKind: Error, Sendable, Equatable {
  case fault(CSVFault)
  case columnCount(expected: Int, got: Int)
  case badValue(field: String, value: String)
  case missingValue(field: String)
  case missingColumn(String)
  case duplicateID(String, firstLine: Int)
  case unknownCustomer(String)
  case unknownPromotion(String)
  case badSetting(key: String, value: String)
  /// A line of shop.toml that is not the TOML it reads; the subject is the key or table named.
  case badTOML(TOMLError.Reason, subject: String)
  /// A promotion whose `to` is not after its `from`: both read, the order is wrong.
  case windowOrder(to: String, from: String)
  /// A customer's phone that is not a mobile number (CustomerRules); the row is still loaded.
  case notAMobile(String)
  /// A visit's value that reads well but is past what a visit holds (`Visit.maxAmount`,
  /// `Visit.maxParty`): the row is kept verbatim rather than loaded with another number.
  case visitLimit(field: String, value: String, limit: String)
  /// A visit naming a promotion past the first `Visit.promotionLimit` of promotions.csv.
  case promotionLimit(id: String, number: Int)

  /// The Resources key that words this kind; its arguments follow in `arguments`.
  public var key: String {
    switch self {
    case .fault(let f): return "problem.fault." + "\(f)"
    case .columnCount: return "problem.column_count"
    case .badValue: return "problem.bad_value"
    case .missingValue: return "problem.missing_value"
    case .missingColumn: return "problem.missing_column"
    case .duplicateID: return "problem.duplicate_id"
    case .unknownCustomer: return "problem.unknown_customer"
    case .unknownPromotion: return "problem.unknown_promotion"
    case .badSetting: return "problem.bad_setting"
    case .badTOML(let r, _): return "problem.toml." + r.rawValue
    case .windowOrder: return "problem.window_order"
    case .notAMobile: return "problem.not_a_mobile"
    case .visitLimit: return "problem.visit_limit"
    case .promotionLimit: return "problem.promotion_limit"
    }
  }

  public var arguments: [String] {
    switch self {
    case .fault: return []
    case .columnCount(let e, let g): return [String(e), String(g)]
    case .badValue(let f, let v): return [f, v.count > 40 ? String(v.prefix(40)) + "…" : v]
    case .missingValue(let f): return [f]
    case .missingColumn(let c): return [c]
    case .duplicateID(let id, let l): return [id, String(l)]
    case .unknownCustomer(let id), .unknownPromotion(let id): return [id]
    case .badSetting(let k, let v): return [k, v]
    case .badTOML(_, let subject): return [subject]
    case .windowOrder(let t, let f): return [t, f]
    case .notAMobile(let v): return [v.count > 40 ? String(v.prefix(40)) + "…" : v]
    case .visitLimit(let f, let v, let l): return [f, v.count > 40 ? String(v.prefix(40)) + "…" : v, l]
    case .promotionLimit(let id, let n): return [id, String(n), String(Visit.promotionLimit)]
    }
  }
}

/// Why a store cannot be opened or written. The command line and the dashboard word it.
public enum StoreError: Error, Sendable, Equatable {
  case folderMissing(String)
  case notAFolder(String)
  case cannotRead(file: String, errno: Int32)
  case cannotWrite(file: String, errno: Int32)
  case changedOnDisk(file: String)
  case readOnly(ReadOnlyReason)
  case unwritableFile(String)
  /// A symbolic link, a FIFO or a device where the store keeps a plain file.
  case notAFile(String)
  /// A file outside the store (an export) asked for inside the store folder.
  case insideStore(path: String, folder: String)
  /// A file outside the store that exists and was not to be replaced.
  case fileExists(String)
  /// A PostgreSQL store's server refused or failed.
  case server(ServerProblem)
}

public enum ReadOnlyReason: Error, Sendable, Equatable {
  /// Another liuliang holds the lock (its pid, when known).
  case locked(pid: Int32?)
  /// The folder itself can't be written (permissions, read-only mount).
  case folderNotWritable(errno: Int32)
  /// Opened read-only on purpose (the scriptable commands).
  case requested
  /// A store file (or the lock) is a symbolic link or not a plain file: writing would either
  /// follow it out of the owner-only folder or replace it, so nothing is written.
  case notAFile(String)
  /// A chain's store opened as the whole chain (`--shop all`): each write belongs to one shop.
  case wholeChain
}

/// What makes a CSV record unreadable as RFC 4180 text.
public enum CSVFault: Equatable, Sendable {
  case unterminatedQuote
  case textAfterQuote
  case strayQuote
  case invalidUTF8
  case nulByte
}

/// A line of shop.toml that is not the TOML the store reads.
public struct TOMLError: Error, Sendable, Equatable {
  /// Each reason is worded in Resources as `problem.toml.<reason>`.
  public enum Reason: String, Sendable, CaseIterable {
    case expectedKey = "expected_key"
    case bareKey = "bare_key"
    case expectedEquals = "expected_equals"
    case expectedValue = "expected_value"
    case unclosedString = "unclosed_string"
    case badEscape = "bad_escape"
    case controlCharacter = "control_character"
    case unclosedArray = "unclosed_array"
    case unclosedHeader = "unclosed_header"
    case trailingText = "trailing_text"
    case duplicateKey = "duplicate_key"
    case duplicateTable = "duplicate_table"
    case notATable = "not_a_table"
    case unsupported
    case tooDeep = "too_deep"
  }
  public var line: Int
  public var reason: Reason
  /// The key or table it is about, where there is one.
  public var subject: String

  public init(line: Int, reason: Reason, subject: String = "") {
    self.line = line
    self.reason = reason
    self.subject = subject
  }
}
