/// Each contact's and each complaint's customer (their place in customers.csv, −1 for none or an
/// id the file lacks), as the store found them when it read the files: the figures need them,
/// and finding them again walked or hashed a million customers. They serve only while a dataset
/// holds the very arrays they were found in — the same storage, which nothing can change while
/// this holds it too — so no edit can make them wrong; a dataset lets them go when any of the
/// three arrays changes.
public struct FoundCustomers: Sendable, Equatable {
  private var customers: ChunkedArray<Customer> = []
  private var contacts: (list: [Int32], records: [Contact])?
  private var complaints: (list: [Int32], records: [Complaint])?

  /// None known.
  public init() {}

  public init(
    of customers: ChunkedArray<Customer>, contacts: [Contact], _ contactList: [Int32],
    complaints: [Complaint],
    _ complaintList: [Int32]
  ) {
    precondition(contactList.count == contacts.count && complaintList.count == complaints.count)
    self.customers = customers
    self.contacts = (contactList, contacts)
    self.complaints = (complaintList, complaints)
  }

  /// The customers of `ds.contacts` in order, when `ds` still holds what they were found in.
  public func ofContacts(in ds: Dataset) -> [Int32]? {
    guard let contacts, Self.same(ds.contacts, contacts.records), sameCustomers(ds) else { return nil }
    return contacts.list
  }

  /// The customers of `ds.complaints` in order, when `ds` still holds what they were found in.
  public func ofComplaints(in ds: Dataset) -> [Int32]? {
    guard let complaints, Self.same(ds.complaints, complaints.records), sameCustomers(ds) else { return nil }
    return complaints.list
  }

  private func sameCustomers(_ ds: Dataset) -> Bool {
    ds.customers.count == customers.count && ds.customers.unsharedRanges(with: customers).isEmpty
  }

  private static func same<R>(_ a: [R], _ b: [R]) -> Bool {
    a.count == b.count
      && a.withUnsafeBufferPointer { a in b.withUnsafeBufferPointer { b in a.baseAddress == b.baseAddress } }
  }

  /// A remembered lookup, not a record: datasets of equal records are equal with or without it.
  public static func == (a: FoundCustomers, b: FoundCustomers) -> Bool { true }
}
