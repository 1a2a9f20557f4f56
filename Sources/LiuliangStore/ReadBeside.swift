import Dispatch
import LiuliangModel

extension TableFile {
  /// An empty table of `kind`'s file, its columns known.
  init(kind: Kind) {
    self.init(name: kind.fileName, columns: kind.columns, emptyEquivalents: kind.emptyEquivalents)
    optionalColumns = kind.optionalColumns
  }
}

/// One file read into records on a thread of its own while the loading thread reads the others.
/// contacts.csv needs nothing from them until its customers are checked, and the log's read
/// leaves a core idle about a third of its time: read beside it, the file costs next to no wait.
/// `path` is nil when the store's files are in memory: then `bytes` are the file's, if any.
/// The returned job's value is the records, the table and what was found wrong; `told` hears
/// the file finished, with its size.
func readBeside<R>(
  _ kind: Kind, path: String?, bytes: [UInt8]?, size: Int64, told: LoadProgress?,
  decode: @escaping @Sendable (RowReader, inout [Problem]) throws(ProblemKind) -> R
) -> Beside<Result<(records: [R], table: TableFile, problems: [Problem], notes: [Problem]), StoreError>> {
  Beside {
    defer { told?(LoadStep(file: kind.fileName, bytes: max(0, size), done: true)) }
    return Result { () throws(StoreError) in
      var table = TableFile(kind: kind)
      var problems: [Problem] = []
      var notes: [Problem] = []
      var records: [R] = []
      let data = try path.map { p throws(StoreError) in try Files.read(p, name: kind.fileName) } ?? bytes
      if let data {
        records = table.read(
          data, kind: kind, problems: &problems, notes: &notes, fingerprinted: path != nil, decode)
      }
      return (records, table, problems, notes)
    }
  }
}
