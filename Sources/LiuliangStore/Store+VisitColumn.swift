import LiuliangModel

extension Store {
  /// One of visits.csv's own columns for each visit of the dataset, in its order ("" where the
  /// row has none): what `liuliang migrate` carries into a chain beside the records, which keep
  /// nothing beyond their known fields. Nil when the log has no such column, or its rows can't
  /// be matched to the visits one for one.
  public func visitColumnByVisit(_ column: String) throws(StoreError) -> [String]? {
    let name = Kind.visits.fileName
    // A row that was not read is a problem of the log at its line; a visit whose customer or
    // promotion is unknown is still a visit.
    var dropped = Set<Int>()
    for p in problems where p.file == name {
      switch p.kind {
      case .unknownCustomer, .unknownPromotion: break
      default: dropped.insert(p.line)
      }
    }
    var out: [String] = []
    out.reserveCapacity(dataset.visits.count)
    let found = try eachLogRow(column) { rec, index in
      // Blank lines are no rows, as the reader has it.
      if rec.count == 1 && rec.fieldIsEmpty(0) && rec.fault == nil || dropped.contains(rec.line) { return }
      out.append(index.map { rec.fieldIsEmpty($0) ? "" : rec.field($0) } ?? "")
    }
    guard found else { return nil }
    return out.count == dataset.visits.count ? out : nil
  }
}
