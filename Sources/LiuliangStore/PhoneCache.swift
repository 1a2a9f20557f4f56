/// Customers by phone, as a till's import finds them, kept beside customers.csv in
/// `.liuliang-phones`: a later import of the same store reads a table of a few megabytes
/// instead of reading and checking every customer row. It is taken only while customers.csv
/// is exactly the file it was made from (size, inode, modification time and fingerprint): any
/// save or hand edit of customers.csv makes the import read the file again.
enum PhoneCache {
  static let fileName = ".liuliang-phones"
  /// "LLPHON01": the layout below, in this byte order, with `PhoneTable`'s hash.
  static let magic: UInt64 = 0x3130_4E4F_4850_4C4C

  /// The table and the ids its slots point into; nil when there is none to trust.
  static func read(folder: String) -> (phones: PhoneTable, ids: [UInt8])? {
    guard let kept = DerivedFile.read(folder: folder, name: fileName, magic: magic, words: 6) else {
      return nil
    }
    let was = DerivedFile.Source(words: kept.words[0..<5])
    let tableBytes = kept.words[5]
    guard tableBytes <= UInt64(kept.body.count),
      DerivedFile.source(folder + "/" + Kind.customers.fileName) == was
    else { return nil }
    let ids = Array(kept.body[Int(tableBytes)...])
    guard let phones = PhoneTable(raw: kept.body[0..<Int(tableBytes)], idCount: ids.count) else { return nil }
    return (phones, ids)
  }

  /// Keeps `phones` (made from `customers`, the bytes of customers.csv as `source` found it)
  /// when customers.csv is still that file.
  static func write(folder: String, phones: PhoneTable, customers: [UInt8], source: DerivedFile.Source) {
    guard DerivedFile.source(folder + "/" + Kind.customers.fileName) == source else { return }
    let parts = phones.parts(from: customers)
    DerivedFile.write(
      folder: folder, name: fileName, magic: magic, words: source.words + [UInt64(parts[0].count)],
      parts: parts)
  }
}
