/// Customers by phone, as a till's import finds them, kept beside customers.csv in
/// `.liuliang-phones`: a later import of the same store reads a table of a few megabytes
/// instead of reading and checking every customer row. It is taken only while customers.csv
/// is exactly the file it was made from (size, inode, modification time and fingerprint): any
/// save or hand edit of customers.csv makes the import read the file again.
enum PhoneCache {
  static let fileName = ".liuliang-phones"
  /// "LLPHON02": `PhoneTable`'s entries and ids, in this byte order, with its hash.
  static let magic: UInt64 = 0x3230_4E4F_4850_4C4C

  /// The table and the ids its slots point into; nil when there is none to trust.
  static func read(folder: String) -> (phones: PhoneTable, ids: [UInt8])? {
    guard let kept = DerivedFile.Reader(folder: folder, name: fileName, magic: magic, words: 6) else {
      return nil
    }
    let was = DerivedFile.Source(words: kept.words[0..<5])
    guard kept.words[5] <= UInt64(kept.left),
      DerivedFile.source(folder + "/" + Kind.customers.fileName) == was,
      let (phones, ids) = PhoneTable.reading(kept, tableBytes: Int(kept.words[5])), kept.intact
    else { return nil }
    return (phones, ids)
  }

  /// Keeps `phones` (made from `customers`, the bytes of customers.csv as `source` found it)
  /// when customers.csv is still that file.
  static func write(folder: String, phones: PhoneTable, customers: [UInt8], source: DerivedFile.Source) {
    guard DerivedFile.source(folder + "/" + Kind.customers.fileName) == source else { return }
    let (table, ids) = phones.parts(from: customers)
    table.withUnsafeBytes { t in
      ids.withUnsafeBytes { i in
        DerivedFile.write(
          folder: folder, name: fileName, magic: magic, words: source.words + [UInt64(t.count)],
          parts: [t, i])
      }
    }
  }
}
