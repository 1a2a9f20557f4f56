import LiuliangModel
import LiuliangStore

/// Plans an import: reads the sheet's rows as records of one kind and merges them into a copy
/// of the dataset. Pure: the store is written by the caller, all at once, or not at all.
public struct Importer {
  let sheet: Sheet
  let kind: Kind
  let columns: Columns
  let options: ImportOptions
  var result: ImportResult

  public static func plan(
    _ sheet: Sheet, kind: Kind, columns: Columns, into ds: Dataset, options: ImportOptions = ImportOptions()
  ) -> ImportResult {
    var i = Importer(
      sheet: sheet, kind: kind, columns: columns, options: options,
      result: ImportResult(kind: kind, header: sheet.header, columns: columns, dataset: ds))
    switch kind {
    case .customers: i.customers()
    case .visits: i.visits()
    case .complaints: i.log(\.complaints, decode: StoreRows.complaint)
    case .contacts: i.log(\.contacts, decode: StoreRows.contact)
    case .posts:
      i.byID(
        \.posts, prefix: "M", width: 4, fields: StoreRows.fields, decode: StoreRows.post, id: \.id,
        label: { $0.text })
    case .promotions:
      i.byID(
        \.promotions, prefix: "P", width: 2, fields: StoreRows.fields, decode: StoreRows.promotion, id: \.id,
        label: { $0.name })
    }
    return i.result
  }

  // MARK: Rows to fields

  /// The row's value for each field of the kind in the store's spelling, or why it has none.
  func fields(_ row: Sheet.Row) -> Result<[String], RejectReason> {
    if row.unreadable { return .failure(.unreadable) }
    if row.cells.count > sheet.header.count,
      row.cells[sheet.header.count...].contains(where: { !$0.trimmed.isEmpty })
    {
      return .failure(.tooManyCells)
    }
    var out: [String] = []
    for (k, name) in kind.columns.enumerated() {
      guard let c = columns.field[k], c < row.cells.count else {
        out.append("")
        continue
      }
      let raw = row.cells[c]
      guard let v = normalize(raw, field: name) else {
        return .failure(.badValue(column: sheet.header[c], value: raw.trimmed))
      }
      out.append(v)
    }
    return .success(out)
  }

  func normalize(_ raw: String, field: String) -> String? {
    switch field {
    case "joined", "birthday", "churned_on", "welcomed_on", "date", "start", "end":
      return Values.day(raw, serialOffset: sheet.serialOffset)
    case "time", "slot", "from": return Values.time(raw)
    case "party", "likes", "comments": return Values.count(raw)
    case "amount": return Values.amount(raw)
    case "phone": return Values.phone(raw)
    case "tags": return Values.tags(raw)
    case "kind" where kind == .contacts: return Values.word(raw, field: "contact_kind")
    case "tier", "channel", "category", "status", "kind": return Values.word(raw, field: field)
    case "churn_reason", "reason": return Values.word(raw, field: "reason")
    default: return raw.trimmed
    }
  }

  /// A store problem with a field, told with the input's own column name.
  func reason(_ p: ProblemKind) -> RejectReason {
    func column(_ field: String) -> String {
      columns.column(of: field, in: kind).map { sheet.header[$0] } ?? field
    }
    switch p {
    case .badValue(let f, let v): return .badValue(column: column(f), value: v)
    case .missingValue(let f), .missingColumn(let f): return .missingValue(column: column(f))
    case .unknownCustomer(let id): return .unknownCustomer(id)
    case .unknownPromotion(let id): return .unknownPromotion(id)
    case .visitLimit(let f, let v, let l): return .visitLimit(column: column(f), value: v, limit: l)
    case .promotionLimit(let id, let n): return .promotionLimit(id, number: n)
    default: return .unreadable
    }
  }

  /// A rule of CustomerRules the row breaks, told with the input's own column name.
  func reason(_ b: CustomerRules.Broken) -> RejectReason {
    func column(_ field: String) -> String {
      columns.column(of: field, in: kind).map { sheet.header[$0] } ?? field
    }
    switch b {
    case .noName: return .missingValue(column: column("name"))
    case .notAMobile(let v): return .notAMobile(column: column("phone"), value: v)
    }
  }

  static func isBlank(_ row: Sheet.Row) -> Bool { row.cells.allSatisfy { $0.trimmed.isEmpty } }

  mutating func reject(_ row: Sheet.Row, _ why: RejectReason) {
    result.rejects.append(Reject(line: row.line, cells: row.cells, reason: why))
  }

  /// The row's fields, or nil once it is rejected with the reason.
  mutating func fieldsOrReject(_ row: Sheet.Row) -> [String]? {
    switch fields(row) {
    case .failure(let why):
      reject(row, why)
      return nil
    case .success(let v): return v
    }
  }

  // MARK: Merging into a record

  /// Fills the record's empty fields from the file. A field both fill differently is a
  /// conflict: the store's value stays and the file's is listed. Tags are a set: they add up.
  mutating func merge(
    _ current: inout [String], _ incoming: [String], line: Int, label: String,
    same: (Int, String, String) -> Bool = { _, a, b in a == b }
  ) -> [String] {
    var filled: [String] = []
    let defaults = kind.defaults
    for k in 1..<kind.columns.count {
      let name = kind.columns[k]
      let v = incoming[k]
      let s = current[k]
      if v.isEmpty || v == defaults[name] || same(k, s, v) { continue }
      if name == "tags" {
        let union = Values.tags(s + ";" + v)
        if union != s {
          current[k] = union
          filled.append(name)
        }
      } else if s.isEmpty || s == defaults[name] {
        current[k] = v
        filled.append(name)
      } else {
        result.conflicts.append(
          Conflict(line: line, id: current[0], name: label, field: name, kept: s, offered: v))
      }
    }
    return filled
  }

  // MARK: Customers

  mutating func customers() {
    var list = result.dataset.customers
    var ids = IDMaker(list.map(\.id), defaultPrefix: "C", defaultWidth: 4)
    var byID: [String: Int] = [:]
    var byWechat: [String: Int] = [:]
    var byPhone: [String: Int] = [:]
    func index(_ i: Int) {
      let c = list[i]
      if byID[c.id] == nil { byID[c.id] = i }
      if !c.wechat.isEmpty, byWechat[Values.wechatKey(c.wechat)] == nil {
        byWechat[Values.wechatKey(c.wechat)] = i
      }
      if !c.phone.isEmpty, byPhone[Values.phone(c.phone)] == nil { byPhone[Values.phone(c.phone)] = i }
    }
    for i in list.indices { index(i) }
    let wechat = CustomerColumn.wechat.rawValue
    let phone = CustomerColumn.phone.rawValue
    for row in sheet.rows where !Importer.isBlank(row) {
      guard var f = fieldsOrReject(row) else { continue }
      let known = byID[f[0]]
      if known == nil && f[1].isEmpty && f[wechat].isEmpty && f[phone].isEmpty {
        reject(row, .noIdentity)
        continue
      }
      // The file's values must stand on their own before any of them is merged; only the name
      // may come from the customer the row merges into (the whole record is checked below).
      var probe = f
      probe[0] = "-"
      if probe[1].isEmpty { probe[1] = "-" }
      do throws(ProblemKind) {
        if let broken = CustomerRules.broken(try StoreRows.customer(probe)) {
          reject(row, reason(broken))
          continue
        }
      } catch {
        reject(row, reason(error))
        continue
      }
      var matches: [Int] = []
      for m in [
        known, f[wechat].isEmpty ? nil : byWechat[Values.wechatKey(f[wechat])],
        f[phone].isEmpty ? nil : byPhone[Values.phone(f[phone])],
      ] {
        if let m, !matches.contains(m) { matches.append(m) }
      }
      if matches.count > 1 {
        reject(row, .twoCustomers(list[matches[0]].id, list[matches[1]].id))
        continue
      }
      if let i = matches.first {
        var current = StoreRows.fields(list[i])
        let filled = merge(&current, f, line: row.line, label: list[i].name) { k, a, b in
          k == wechat
            ? Values.wechatKey(a) == Values.wechatKey(b) : k == phone ? Values.phone(a) == b : a == b
        }
        if filled.isEmpty {
          result.unchanged += 1
          continue
        }
        do throws(ProblemKind) {
          let merged = try StoreRows.customer(current)
          if let broken = CustomerRules.broken(merged) {
            reject(row, reason(broken))
            continue
          }
          list[i] = merged
        } catch {
          reject(row, reason(error))
          continue
        }
        index(i)
        result.merged.append(Change(line: row.line, id: list[i].id, fields: filled))
      } else {
        f[0] = !f[0].isEmpty && ids.taken.insert(f[0]).inserted ? f[0] : ids.make()
        do throws(ProblemKind) {
          let added = try StoreRows.customer(f)
          if let broken = CustomerRules.broken(added) {
            reject(row, reason(broken))
            continue
          }
          list.append(added)
        } catch {
          reject(row, reason(error))
          continue
        }
        index(list.count - 1)
        result.added.append(Change(line: row.line, id: f[0], fields: []))
      }
    }
    result.dataset.customers = list
  }

  // MARK: Posts and promotions: matched by id

  mutating func byID<R>(
    _ path: WritableKeyPath<Dataset, [R]>, prefix: String, width: Int, fields toFields: (R) -> [String],
    decode: ([String]) throws(ProblemKind) -> R, id: KeyPath<R, String>, label: (R) -> String
  ) {
    var list = result.dataset[keyPath: path]
    var ids = IDMaker(list.map { $0[keyPath: id] }, defaultPrefix: prefix, defaultWidth: width)
    var byID: [String: Int] = [:]
    for (i, r) in list.enumerated() where byID[r[keyPath: id]] == nil { byID[r[keyPath: id]] = i }
    for row in sheet.rows where !Importer.isBlank(row) {
      guard var f = fieldsOrReject(row) else { continue }
      var probe = f
      probe[0] = "-"
      do throws(ProblemKind) {
        _ = try decode(probe)
      } catch {
        reject(row, reason(error))
        continue
      }
      if let i = byID[f[0]] {
        var current = toFields(list[i])
        let filled = merge(&current, f, line: row.line, label: label(list[i]))
        if filled.isEmpty {
          result.unchanged += 1
          continue
        }
        do throws(ProblemKind) {
          list[i] = try decode(current)
        } catch {
          reject(row, reason(error))
          continue
        }
        result.merged.append(Change(line: row.line, id: f[0], fields: filled))
      } else {
        f[0] = !f[0].isEmpty && ids.taken.insert(f[0]).inserted ? f[0] : ids.make()
        do throws(ProblemKind) {
          list.append(try decode(f))
        } catch {
          reject(row, reason(error))
          continue
        }
        byID[f[0]] = list.count - 1
        result.added.append(Change(line: row.line, id: f[0], fields: []))
      }
    }
    result.dataset[keyPath: path] = list
  }

  // MARK: Visits and complaints: logs without ids

  /// A customer named in a log row: by id, WeChat id, phone, or a name only one customer has.
  struct People {
    var byID: [String: Int32]
    var byWechat: [String: String] = [:]
    var byPhone: [String: String] = [:]
    var byName: [String: [String]] = [:]

    /// Only the indexes a file's columns can use are made: on a million customers each costs
    /// about a second.
    init(_ ds: Dataset, phones: Bool = true, wechats: Bool = true, names: Bool = true) {
      byID = ds.customerIndex()
      guard phones || wechats || names else { return }
      for c in ds.customers {
        if wechats, !c.wechat.isEmpty, byWechat[Values.wechatKey(c.wechat)] == nil {
          byWechat[Values.wechatKey(c.wechat)] = c.id
        }
        if phones, !c.phone.isEmpty, byPhone[Values.phone(c.phone)] == nil {
          byPhone[Values.phone(c.phone)] = c.id
        }
        if names, !c.name.isEmpty { byName[c.name, default: []].append(c.id) }
      }
    }

    func resolve(_ text: String) -> Result<String, RejectReason> {
      if text.isEmpty || byID[text] != nil { return .success(text) }
      if let id = byWechat[Values.wechatKey(text)] ?? byPhone[Values.phone(text)] { return .success(id) }
      switch byName[text]?.count ?? 0 {
      case 0: return .failure(.unknownCustomer(text))
      case 1: return .success(byName[text]![0])
      default: return .failure(.ambiguousCustomer(text))
      }
    }
  }

  /// A log without ids (complaints, contacts), whose customer may be named by id, WeChat id,
  /// phone or a name only one customer has; rows already in the store (as many times as they
  /// are there) are not added again.
  mutating func log<R: Hashable>(
    _ path: WritableKeyPath<Dataset, [R]>, decode: ([String]) throws(ProblemKind) -> R
  ) {
    let people = People(result.dataset)
    var present: [R: Int] = [:]
    for r in result.dataset[keyPath: path] { present[r, default: 0] += 1 }
    for row in sheet.rows where !Importer.isBlank(row) {
      guard var f = fieldsOrReject(row) else { continue }
      switch people.resolve(f[0]) {
      case .failure(let why):
        reject(row, why)
        continue
      case .success(let id): f[0] = id
      }
      let r: R
      do throws(ProblemKind) {
        r = try decode(f)
      } catch {
        reject(row, reason(error))
        continue
      }
      if let n = present[r], n > 0 {
        present[r] = n - 1
        result.unchanged += 1
        continue
      }
      result.dataset[keyPath: path].append(r)
      result.added.append(Change(line: row.line, id: f[0], fields: []))
    }
  }
}
