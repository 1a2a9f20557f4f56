import Dispatch
import LiuliangModel

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// contacts.csv is a log like visits.csv: a new contact is appended with one write and an
/// fsync, never by rewriting the file. Only taking one back (undo) rewrites it, atomically,
/// with every other row, unreadable ones included, as it was.
extension Store {
  /// The contacts `ds` adds after the saved ones, or nil when it changes more than that.
  func appendedContacts(_ ds: Dataset) -> [Contact]? {
    let old = saved.contacts
    guard ds.contacts.count > old.count, ds.contacts.starts(with: old) else { return nil }
    return Array(ds.contacts[old.count...])
  }

  func appendContacts(_ contacts: [Contact], of ds: Dataset) throws(StoreError) {
    let name = Kind.contacts.fileName
    let before = Files.signature(path(name)).size
    let mark = tables[.contacts]!.mark
    let bytes = tables[.contacts]!.append(contacts.map(RecordCodec.fields), toFileOf: Int(max(0, before)))
    do {
      try Files.append(folder: folder, name: name, bytes: bytes)
    } catch {
      tables[.contacts]!.cut(back: mark)
      throw error
    }
    contactAppends.append((size: before, contacts: saved.contacts.count, mark: mark))
    signatures[name] = Files.signature(path(name))
    landed(.contacts, from: ds)
  }

  /// Which append of this session `ds` takes back (the last one, when `ds` holds the contacts
  /// from before it): then the file is cut back to its old size, every byte as it was.
  func contactsCutBack(_ ds: Dataset) -> Int? {
    guard let last = contactAppends.last, last.contacts < saved.contacts.count,
      ds.contacts.count == last.contacts, saved.contacts.starts(with: ds.contacts)
    else { return nil }
    return contactAppends.count - 1
  }

  func cutContacts(back k: Int, to ds: Dataset) throws(StoreError) {
    let name = Kind.contacts.fileName
    let last = contactAppends[k]
    if last.size <= 0 {
      // The append made the file: without it the store is as it was.
      guard unlink(path(name)) == 0 else { throw .cannotWrite(file: name, errno: errno) }
      Files.syncFolder(folder)
    } else {
      let fd = open(path(name), O_WRONLY | O_CLOEXEC)
      guard fd >= 0 else { throw .cannotWrite(file: name, errno: errno) }
      defer { SystemCall.close(fd) }
      guard ftruncate(fd, off_t(last.size)) == 0, fsync(fd) == 0 else {
        throw .cannotWrite(file: name, errno: errno)
      }
    }
    tables[.contacts]!.cut(back: last.mark)
    contactAppends.removeLast(contactAppends.count - k)
    signatures[name] = Files.signature(path(name))
    landed(.contacts, from: ds)
  }

  /// Contacts naming a customer that customers.csv lacks (and no unreadable row of it holds), and
  /// each contact's customer (−1 for none), which the figures need too.
  func contactCustomers(
    _ ds: Dataset, _ customers: ByteIDIndex, unreadable: Set<String>, tables: [Kind: TableFile]
  ) -> ([Problem], [Int32]) {
    // A million contacts are looked up on both cores, each a cache miss or two; the few
    // unknown ones are then put into words in file order.
    let contacts = ds.contacts
    var found = [Int32](repeating: -1, count: contacts.count)
    customers.withView { view in
      let halves = [0..<contacts.count / 2, contacts.count / 2..<contacts.count]
      contacts.withUnsafeBufferPointer { cs in
        found.withUnsafeMutableBufferPointer { out in
          let halfJob = HalfJob(contacts: cs, found: out)
          DispatchQueue.concurrentPerform(iterations: 2) { h in
            for k in halves[h] {
              var id = halfJob.contacts[k].customer
              halfJob.found[k] = id.withUTF8({ view.lookup($0) }) ?? -1
            }
          }
        }
      }
    }
    let problems = found.indices.compactMap { k -> Problem? in
      let c = contacts[k]
      guard found[k] < 0, !unreadable.contains(c.customer) else { return nil }
      return Problem(
        file: Kind.contacts.fileName, line: tables[.contacts]!.lineOfRecord(k),
        kind: .unknownCustomer(c.customer))
    }
    return (problems, found)
  }
}

/// What both halves' workers share: the contacts, which none writes, and each contact's
/// customer, which only the worker of its half writes.
private struct HalfJob: @unchecked Sendable {
  let contacts: UnsafeBufferPointer<Contact>
  let found: UnsafeMutableBufferPointer<Int32>
}
