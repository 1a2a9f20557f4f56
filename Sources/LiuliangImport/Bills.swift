import LiuliangStore

/// The payment bills of a personal account that small shops take payment on by QR code. Their
/// header sits behind a preamble of text lines; which rows are the shop's takings follows
/// PRODUCT.md "Visits from the till".
public enum Bill: String, Sendable, Equatable {
  case wechatPay = "wechat_pay"
  case alipay

  /// The words of words/bills.txt under `key`; the first is a header name or a cell's value.
  static func words(_ key: String) -> [String] { Vocabulary.shared.bills[key] ?? [] }
  static func word(_ key: String) -> String { words(key).first ?? key }

  /// A bill is known by its header: WeChat Pay names its 交易类型 and 当前状态, Alipay its
  /// 交易状态; both have 收/支.
  static func detect(_ header: [String]) -> Bill? {
    let names = Set(header.map(Columns.normalize))
    guard names.contains(word("io")) else { return nil }
    if names.contains(word("wechat_pay.type")) && names.contains(word("wechat_pay.status")) {
      return .wechatPay
    }
    if names.contains(word("alipay.status")) { return .alipay }
    return nil
  }

  /// What one row of the bill is.
  enum Row: Equatable {
    case visit
    /// A red packet: a gift, not a sale.
    case gift
    case refund
    /// Money out, or moved between the owner's own accounts: not the shop's takings.
    case skipped
  }

  /// Incoming rows are the takings, except a WeChat red packet and a refund (in 交易类型 or
  /// 当前状态); an Alipay row counts only once its 交易状态 says the deal is done.
  func classify(_ cells: [String], header: [String]) -> Row {
    func cell(_ key: String) -> String {
      let name = Bill.word(key)
      guard let i = header.firstIndex(where: { Columns.normalize($0) == name }), i < cells.count else {
        return ""
      }
      return cells[i].trimmed
    }
    func mentions(_ text: String, _ key: String) -> Bool { Bill.words(key).contains { text.contains($0) } }
    guard cell("io") == Bill.word("income") else { return .skipped }
    switch self {
    case .wechatPay:
      let type = cell("wechat_pay.type")
      let status = cell("wechat_pay.status")
      if mentions(type, "wechat_pay.refund") || mentions(status, "wechat_pay.refund") { return .refund }
      if mentions(type, "wechat_pay.gift") { return .gift }
      return .visit
    case .alipay:
      let status = cell("alipay.status")
      if mentions(status, "alipay.refund") { return .refund }
      return status == Bill.word("alipay.success") ? .visit : .skipped
    }
  }
}

extension Sheet {
  /// The sheet with its real header: exports put a preamble of text lines (the account, the
  /// period, notes) above it, and bills a footer below a dashed line. The header is the first
  /// of the first 100 rows that names a date column of the kind and at least one more of its
  /// columns; a sheet where no row does is returned as it was.
  public func locatingHeader(for kind: Kind) -> Sheet {
    let vocabulary = Vocabulary.shared
    func names(_ field: String) -> Set<String> {
      Set([field] + (vocabulary.headers[kind.rawValue + "." + field] ?? []))
    }
    let dateNames = names(kind == .customers ? "joined" : "date")
    var known = Set<String>()
    for f in kind.columns + kind.lookups { known.formUnion(names(f)) }
    func isHeader(_ cells: [String]) -> Bool {
      let n = cells.map(Columns.normalize)
      return n.contains(where: dateNames.contains) && n.filter(known.contains).count >= 2
    }
    if isHeader(header) { return self }
    guard let at = rows.prefix(100).firstIndex(where: { isHeader($0.cells) }) else { return self }
    var cells = rows[at].cells.map(\.trimmed)
    while cells.last == "" { cells.removeLast() }
    var body = Array(rows[(at + 1)...])
    if let end = body.firstIndex(where: { $0.cells.first?.trimmed.hasPrefix("---") ?? false }) {
      body.removeSubrange(end...)
    }
    return Sheet(header: cells, rows: body, serialOffset: serialOffset)
  }
}

/// Reading a file for import, for the command line and the dashboard alike: the sheet with
/// its real header, and which column feeds which field.
public enum ImportInput {
  public static func read(
    _ bytes: [UInt8], encoding: TextEncoding? = nil, kind: Kind,
    overrides: [(column: String, field: String)] = []
  ) throws(ImportError) -> (sheet: Sheet, columns: Columns) {
    let raw = try Sheet.read(bytes, encoding: encoding)
    let sheet = raw.locatingHeader(for: kind)
    if kind != .visits, let bill = Bill.detect(raw.locatingHeader(for: .visits).header) {
      throw .billNeedsVisits(bill)
    }
    let columns = try Columns.map(header: sheet.header, kind: kind, overrides: overrides)
    if kind == .visits && columns.column(of: "date", in: .visits) == nil {
      throw .noDateColumn(found: sheet.header.filter { !$0.isEmpty })
    }
    return (sheet, columns)
  }
}
