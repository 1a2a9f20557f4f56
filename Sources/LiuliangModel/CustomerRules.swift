/// What a customer record must be, whichever way it comes in: the dashboard's form, an import,
/// or a hand-edited customers.csv. The one place the rule lives, so that the form, the importer
/// and `liuliang check` refuse exactly the same records.
public enum CustomerRules {
  /// The first rule a record breaks.
  public enum Broken: Sendable, Equatable {
    /// The name is empty or only spaces.
    case noName
    /// The phone is neither empty nor a mobile number; the value as written.
    case notAMobile(String)
  }

  public static func isName(_ text: String) -> Bool { isFilled(text) }

  /// A phone is empty, or a mainland mobile number: 11 digits starting with 1, with spaces and
  /// dashes allowed between them (`138 0013 8000`, `138-0013-8000`). Read by bytes: a million
  /// customers are checked at every load.
  public static func isPhone(_ text: String) -> Bool {
    var digits = 0
    var dashes = false
    for b in text.utf8 {
      switch b {
      case UInt8(ascii: " "): continue
      case UInt8(ascii: "-"): dashes = true
      case UInt8(ascii: "0")...UInt8(ascii: "9"):
        if digits == 0 && b != UInt8(ascii: "1") { return false }
        digits += 1
      default: return false
      }
    }
    return digits == 11 || (digits == 0 && !dashes)
  }

  public static func broken(_ c: Customer) -> Broken? {
    if !isName(c.name) { return .noName }
    if !isPhone(c.phone) { return .notAMobile(c.phone) }
    return nil
  }
}

/// A required text (a customer's name, any field a form requires) has something besides spaces.
public func isFilled(_ text: String) -> Bool { text.contains { !$0.isWhitespace } }
