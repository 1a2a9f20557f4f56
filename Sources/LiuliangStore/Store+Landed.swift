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
    switch kind {
    case .customers:
      saved.customers = ds.customers
      dataset.customers = ds.customers
    case .posts:
      saved.posts = ds.posts
      dataset.posts = ds.posts
    case .promotions:
      saved.promotions = ds.promotions
      dataset.promotions = ds.promotions
    case .complaints:
      saved.complaints = ds.complaints
      dataset.complaints = ds.complaints
    case .contacts:
      saved.contacts = ds.contacts
      dataset.contacts = ds.contacts
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
