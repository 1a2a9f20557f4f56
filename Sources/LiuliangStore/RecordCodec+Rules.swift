import LiuliangModel

extension RecordCodec {
  /// A customer as `customer` reads it, and a note for each rule of CustomerRules it breaks:
  /// the row is loaded (the owner can fix it in the form) and `check` lists it as file:line.
  static func checkedCustomer(_ r: RowReader, notes: inout [Problem]) throws(ProblemKind) -> Customer {
    let c = try customer(r)
    switch CustomerRules.broken(c) {
    case nil: break
    case .noName?:
      notes.append(
        Problem(file: Kind.customers.fileName, line: r.record.line, kind: .missingValue(field: "name")))
    case .notAMobile(let v)?:
      notes.append(Problem(file: Kind.customers.fileName, line: r.record.line, kind: .notAMobile(v)))
    }
    return c
  }
}
