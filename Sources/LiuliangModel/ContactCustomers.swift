/// Each contact's customer (its place in customers.csv, −1 for an id the file lacks), as the
/// store found them when it read both files: the figures need them, and looking a million ids up
/// a second time cost a quarter of a second. They serve only while a dataset holds the very
/// arrays they were found in — the same storage, which nothing can change while this holds it
/// too — so no edit can make them wrong; a dataset lets them go when either array changes.
public struct ContactCustomers: Sendable, Equatable {
  private var found: (list: [Int32], contacts: [Contact], customers: ChunkedArray<Customer>)?

  /// None known.
  public init() {}

  public init(_ list: [Int32], contacts: [Contact], customers: ChunkedArray<Customer>) {
    precondition(list.count == contacts.count)
    found = (list, contacts, customers)
  }

  /// The customers of `ds.contacts` in order, when `ds` still holds what they were found in.
  public func found(in ds: Dataset) -> [Int32]? {
    guard let found, ds.contacts.count == found.contacts.count, ds.customers.count == found.customers.count
    else { return nil }
    let sameContacts = ds.contacts.withUnsafeBufferPointer { a in
      found.contacts.withUnsafeBufferPointer { b in a.baseAddress == b.baseAddress }
    }
    guard sameContacts, ds.customers.unsharedRanges(with: found.customers).isEmpty else { return nil }
    return found.list
  }

  /// A remembered lookup, not a record: datasets of equal records are equal with or without it.
  public static func == (a: ContactCustomers, b: ContactCustomers) -> Bool { true }
}
