import LiuliangModel

/// One file of a save, written from the records through a `FileSink`, the rows they did not
/// change copied from the file on disk (a `FileSource`).
struct Rewrite {
  let kind: Kind
  /// Writes the new file and gives its table: over the file as loaded, or, `current`, over
  /// the file as it now is, changed elsewhere since, when the owner keeps theirs (`:keep`).
  let write: (_ source: FileSource?, _ current: Bool, _ sink: FileSink) throws(StoreError) -> TableFile
}

extension Store {
  /// The rewrite of `kind` from `old` (the records saved) to `records`. Over a file changed
  /// elsewhere the loaded rows are no longer there to copy: that file is read as a load reads
  /// it and `records` are matched against its records instead, so that the owner's version
  /// is written whole while their unreadable rows, unknown columns and any row both versions
  /// hold alike stay as that file has them (see README's store section).
  func rewrite<C: RandomAccessCollection>(
    _ records: C, _ old: C, _ kind: Kind, unchanged: @escaping (Int) -> Bool = { _ in false },
    _ fields: @escaping (C.Element) -> [String], decode: @escaping RowDecoder<C.Element>,
    collect: @escaping ([C.Element]) -> C
  ) -> Rewrite where C.Element: Hashable, C.Index == Int {
    let table = tables[kind]!
    return Rewrite(kind: kind) { source, current, sink throws(StoreError) in
      guard current else {
        return Store.encode(records, old, table, unchanged: unchanged, fields, from: source, to: sink)
      }
      let (theirs, rows) = try Store.reread(source, kind: kind, decode)
      return Store.encode(records, collect(rows), theirs, fields, from: source, to: sink)
    }
  }

  /// Writes every file of a save. Each file on disk is first checked to be the one loaded (or
  /// last written), byte for byte by its fingerprint, before any is written: a save is refused
  /// whole rather than half done, and no row is copied from a file changed behind the store's
  /// back, even in place with its size and time kept. `overwrite` writes over such a file.
  func write(_ jobs: [Rewrite], of ds: Dataset, overwrite: Bool) throws(StoreError) {
    var sources: [FileSource?] = []
    var current: [Bool] = []
    for job in jobs {
      let name = job.kind.fileName
      let source = try FileSource.at(path(name), name: name)
      let same = tables[job.kind]!.isRead(from: source)
      if !same && !overwrite { throw .changedOnDisk(file: name) }
      sources.append(source)
      current.append(!same)
    }
    for (k, job) in jobs.enumerated() {
      let name = job.kind.fileName
      var table: TableFile?
      try Files.writeAtomically(folder: folder, name: name) { sink throws(StoreError) in
        table = try job.write(sources[k], current[k], sink)
        // What was copied is the file checked above only if nobody wrote into it meanwhile;
        // a file renamed into its place meanwhile is someone else's change.
        if let source = sources[k], !source.unchanged { throw .changedOnDisk(file: name) }
        if !overwrite && Files.signature(path(name)) != (sources[k]?.opened ?? .missing) {
          throw .changedOnDisk(file: name)
        }
      }
      sources[k] = nil
      signatures[name] = Files.signature(path(name))
      tables[job.kind] = table!
      landed(job.kind, from: ds)
    }
  }

  /// The table and records of the file in `source` as it is now, its duplicate ids kept
  /// verbatim as a load keeps them. A header that can't be read is not written under.
  static func reread<R>(_ source: FileSource?, kind: Kind, _ decode: RowDecoder<R>) throws(StoreError) -> (
    TableFile, [R]
  ) {
    var table = TableFile(name: kind.fileName, columns: kind.columns, emptyEquivalents: kind.emptyEquivalents)
    table.optionalColumns = kind.optionalColumns
    var bytes: [UInt8] = []
    if let source {
      guard let all = source.readAll() else { throw .changedOnDisk(file: kind.fileName) }
      bytes = all
    }
    var problems: [Problem] = []
    var notes: [Problem] = []
    var records = table.read(bytes, kind: kind, problems: &problems, notes: &notes, decode)
    if table.unreadableHeader { throw .unwritableFile(kind.fileName) }
    if let idOf = Store.id(of: R.self) {
      for (i, _) in ByteIDIndex(records.map(idOf)).duplicates.reversed() {
        records.remove(at: i)
        table.keepVerbatim(record: i)
      }
      table.idsDistinct = true
    }
    return (table, records)
  }

  /// Matches `records` to `old`, the records `table` was read into, and writes the file.
  static func encode<C: RandomAccessCollection>(
    _ records: C, _ old: C, _ table: TableFile, unchanged: (Int) -> Bool = { _ in false },
    _ fields: (C.Element) -> [String], from source: FileSource?, to sink: FileSink
  ) -> TableFile
  where C.Element: Hashable, C.Index == Int {
    typealias R = C.Element
    func write(_ m: RowMatches, distinct: Bool = false) -> TableFile {
      var next = table.encode(count: records.count, matches: m, from: source, to: sink) {
        fields(records[$0])
      }
      next.idsDistinct = distinct
      return next
    }
    if let idOf = Store.id(of: R.self) {
      if table.idsDistinct, let matches = Store.matchFew(records, old, idOf, unchanged: unchanged) {
        return write(matches, distinct: true)
      }
      if let matches = Store.matchByPlace(records, old, idOf, unchanged: unchanged) {
        return write(matches, distinct: true)
      }
    }
    var oldIndex: [R: [Int]] = [:]
    for (i, r) in old.enumerated().reversed() { oldIndex[r, default: []].append(i) }
    var m = RowMatches(count: records.count)
    for (j, r) in records.enumerated() {
      if var l = oldIndex[r], let i = l.popLast() {
        oldIndex[r] = l
        m.same[j] = Int32(i)
      }
    }
    if let idOf = Store.id(of: R.self) {
      var byID: [String: Int] = [:]
      for (i, r) in old.enumerated() where byID[idOf(r)] == nil { byID[idOf(r)] = i }
      for (j, r) in records.enumerated() where m.same[j] < 0 { m.related[j] = byID[idOf(r)] }
    } else {
      // Records without ids (complaints) keep their place: the old row at the same position.
      for j in records.indices where m.same[j] < 0 && j < old.count && !m.same.contains(Int32(j)) {
        m.related[j] = j
      }
    }
    return write(m)
  }
}

/// How each rewritable kind's rows are read, as `Store.load` reads them.
enum Decoders {
  static func customer(_ r: RowReader, _ notes: inout [Problem]) throws(ProblemKind) -> Customer {
    try RecordCodec.checkedCustomer(r, notes: &notes)
  }
  static func promotion(_ r: RowReader, _: inout [Problem]) throws(ProblemKind) -> Promotion {
    try RecordCodec.promotion(r)
  }
  static func post(_ r: RowReader, _: inout [Problem]) throws(ProblemKind) -> Post { try RecordCodec.post(r) }
  static func complaint(_ r: RowReader, _: inout [Problem]) throws(ProblemKind) -> Complaint {
    try RecordCodec.complaint(r)
  }
  static func contact(_ r: RowReader, _: inout [Problem]) throws(ProblemKind) -> Contact {
    try RecordCodec.contact(r)
  }
}
