import LiuliangModel
import LiuliangStore

/// How an import of visits treats what the store does not know yet.
public struct ImportOptions: Sendable {
  /// A phone or WeChat id that matches nobody makes a new customer instead of a walk-in.
  public var addCustomers: Bool
  /// Order numbers already in the visit log (its `order` column): those orders are there.
  public var existingOrders: Set<String>

  public init(addCustomers: Bool = false, existingOrders: Set<String> = []) {
    self.addCustomers = addCustomers
    self.existingOrders = existingOrders
  }
}

/// A row whose phone or WeChat id matched no customer.
public struct Unmatched: Sendable, Equatable {
  public var line: Int
  public var value: String

  public init(line: Int, value: String) {
    self.line = line
    self.value = value
  }
}

extension Importer {
  struct VisitKey: Hashable {
    var customer: Int32
    var date: Int32
    var time: Int16
    var fen: Int64
    var party: Int16
    var promotion: Int32
    var channel: Channel

    init(_ v: Visit) {
      customer = v.customer
      date = v.date.raw
      time = v.time.minutes
      fen = v.amount.fen
      party = v.party
      promotion = v.promotion
      channel = v.channel
    }
  }

  /// The input's trimmed text in a lookup column (`Kind.lookups`), "" without one.
  func lookup(_ name: String, _ row: Sheet.Row) -> String {
    guard let c = columns.lookup[name], c < row.cells.count else { return "" }
    return row.cells[c].trimmed
  }

  /// Visits from the store's own export, a till's orders or a payment bill. An order number
  /// already in the log (or earlier in the file) is there: a re-import, or an export that
  /// overlaps the last one, adds each order once. Rows without one are matched whole against
  /// the log instead (as many times as they are there), so an export imported back adds nothing.
  mutating func visits() {
    var ds = result.dataset
    let named = columns.column(of: "customer", in: .visits) != nil
    let lookups = columns.lookup
    let has = { (name: String) in lookups[name] != nil }
    var people = People(
      ds, phones: named || has("phone"), wechats: named || has("wechat") || has("payer"),
      names: named || has("payer"))
    var promotions: [String: Int32] = [:]
    var promotionNames: [String: [String]] = [:]
    for (i, p) in ds.promotions.enumerated().reversed() {
      promotions[p.id] = Int32(i)
      promotionNames[p.name, default: []].append(p.id)
    }
    // Made only for the first row without an order number: a till's export has one on every
    // row, and the log can hold ten million visits.
    var present: [VisitKey: Int]?
    var orders = options.existingOrders
    // Made only when a new customer is: it reads every id.
    var ids: IDMaker?
    let bill = Bill.detect(sheet.header)
    result.bill = bill
    let dateColumn = columns.column(of: "date", in: .visits)
    for row in sheet.rows where !Importer.isBlank(row) {
      switch bill?.classify(row.cells, header: sheet.header) {
      case .gift?:
        result.gifts.append(row.line)
        continue
      case .refund?:
        result.refunds.append(row.line)
        continue
      case .skipped?:
        result.skipped += 1
        continue
      case .visit?, nil: break
      }
      guard var f = fieldsOrReject(row) else { continue }
      // A till's export often has one date-and-time column: text, or a spreadsheet serial
      // whose fraction is the time of day.
      if f[2].isEmpty, let c = dateColumn, c < row.cells.count {
        let cell = row.cells[c].trimmed
        let fraction = Double(cell).map { $0 - $0.rounded(.down) } ?? 0
        let part = fraction > 0 ? String(fraction) : Values.splitDateTime(cell).time
        if let t = Values.time(part) { f[2] = t }
      }
      if f[0].isEmpty {
        let phone = Values.phone(lookup("phone", row))
        let usablePhone = phone.count == 11 && phone.allSatisfy(\.isASCIIDigit) ? phone : ""
        let wechat = lookup("wechat", row)
        let payer = lookup("payer", row)
        if let id = people.find(phone: usablePhone, wechat: wechat, payer: payer) {
          f[0] = id
        } else if !usablePhone.isEmpty || !wechat.isEmpty {
          if options.addCustomers, let day = Day(f[1]) {
            let name = payer.isEmpty || payer == "/" ? (wechat.isEmpty ? usablePhone : wechat) : payer
            if ids == nil { ids = IDMaker(ds.customers.map(\.id), defaultPrefix: "C", defaultWidth: 4) }
            let c = Customer(id: ids!.make(), name: name, wechat: wechat, phone: usablePhone, joined: day)
            ds.customers.append(c)
            people.add(c, at: ds.customers.count - 1)
            result.newCustomers.append(Change(line: row.line, id: c.id, fields: []))
            f[0] = c.id
          } else {
            result.unmatched.append(
              Unmatched(line: row.line, value: usablePhone.isEmpty ? wechat : usablePhone))
          }
        }
      } else {
        switch people.resolve(f[0]) {
        case .failure(let why):
          reject(row, why)
          continue
        case .success(let id): f[0] = id
        }
      }
      if !f[5].isEmpty && promotions[f[5]] == nil {
        guard let named = promotionNames[f[5]], named.count == 1 else {
          reject(row, .unknownPromotion(f[5]))
          continue
        }
        f[5] = named[0]
      }
      let v: Visit
      do throws(ProblemKind) {
        v = try StoreRows.visit(f, customers: people.byID, promotions: promotions)
      } catch {
        reject(row, reason(error))
        continue
      }
      let order = lookup("order", row)
      if !order.isEmpty {
        guard orders.insert(order).inserted else {
          result.alreadyThere.append(row.line)
          continue
        }
      } else {
        if present == nil {
          var counts: [VisitKey: Int] = [:]
          for v in ds.visits { counts[VisitKey(v), default: 0] += 1 }
          present = counts
        }
        let key = VisitKey(v)
        if let n = present?[key], n > 0 {
          present?[key] = n - 1
          result.alreadyThere.append(row.line)
          continue
        }
      }
      if f[0].isEmpty { result.walkIns += 1 } else { result.matched += 1 }
      result.newVisits.append(v)
      result.newVisitOrders.append(order)
      result.added.append(Change(line: row.line, id: f[0], fields: []))
    }
    result.unchanged = result.alreadyThere.count
    if !result.newCustomers.isEmpty { result.dataset = ds }
  }
}

extension Importer.People {
  /// A till row's customer: by phone, then WeChat id, then a payment bill's payer nickname
  /// (a customer's WeChat id, or a name only one customer has).
  func find(phone: String, wechat: String, payer: String) -> String? {
    if !phone.isEmpty, let id = byPhone[phone] { return id }
    if !wechat.isEmpty, let id = byWechat[Values.wechatKey(wechat)] { return id }
    guard !payer.isEmpty, payer != "/" else { return nil }
    if let id = byWechat[Values.wechatKey(payer)] { return id }
    if let named = byName[payer], named.count == 1 { return named[0] }
    return nil
  }

  mutating func add(_ c: Customer, at index: Int) {
    byID[c.id] = Int32(index)
    if !c.phone.isEmpty { byPhone[c.phone] = c.id }
    if !c.wechat.isEmpty { byWechat[Values.wechatKey(c.wechat)] = c.id }
    if !c.name.isEmpty { byName[c.name, default: []].append(c.id) }
  }
}
