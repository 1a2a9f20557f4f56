import Dispatch
import LiuliangModel

extension TableFile {
  /// An empty table of `kind`'s file, its columns known.
  init(kind: Kind) {
    self.init(name: kind.fileName, columns: kind.columns, emptyEquivalents: kind.emptyEquivalents)
    optionalColumns = kind.optionalColumns
  }
}

/// A file read into records, the table that keeps its rows and what was found wrong.
typealias ReadTable<R> = (records: [R], table: TableFile, problems: [Problem], notes: [Problem])

extension TableFile {
  /// `kind`'s file read whole into records: the file at `path`, or when that is nil (the store's
  /// files are in memory) `bytes`, if any. No file is no records.
  static func read<R>(
    _ kind: Kind, path: String?, bytes: [UInt8]?, _ decode: RowDecoder<R>
  ) throws(StoreError) -> ReadTable<R> {
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

/// One file read into records on a thread of its own while the loading thread reads the others.
/// contacts.csv needs nothing from them until its customers are checked, and the log's read
/// leaves a core idle about a third of its time: read beside it, the file costs next to no wait.
/// `told` hears the file finished, with its size.
func readBeside<R>(
  _ kind: Kind, path: String?, bytes: [UInt8]?, size: Int64, told: LoadProgress?,
  decode: @escaping @Sendable (RowReader, inout [Problem]) throws(ProblemKind) -> R
) -> Beside<Result<ReadTable<R>, StoreError>> {
  Beside {
    defer { told?(LoadStep(file: kind.fileName, bytes: max(0, size), done: true)) }
    return Result { () throws(StoreError) in try TableFile.read(kind, path: path, bytes: bytes, decode) }
  }
}
