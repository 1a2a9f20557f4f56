import LiuliangModel

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension Store {
  /// One file of a save has been renamed into place: its records become the saved ones at
  /// once. Were this left to the end of `save`, a later file failing (disk full) would leave
  /// `saved` behind `tables`, and the retry would take rows of the new file for rows of the old.
  func landed(_ kind: Kind, from ds: Dataset) {
    func land<Rows>(_ table: WritableKeyPath<Dataset, Rows>) {
      saved[keyPath: table] = ds[keyPath: table]
      dataset[keyPath: table] = ds[keyPath: table]
    }
    switch kind {
    case .customers: land(\.customers)
    case .posts: land(\.posts)
    case .promotions: land(\.promotions)
    case .complaints: land(\.complaints)
    case .contacts: land(\.contacts)
    case .visits: break
    }
  }
}

extension Store {
  /// A folder moved away or unmounted under a running store is a failed write, to be tried
  /// again, not someone else's change to the files it held.
  func checkFolder() throws(StoreError) {
    if Files.isDirectory(folder) != true { throw .cannotWrite(file: folder, errno: ENOENT) }
  }
}
