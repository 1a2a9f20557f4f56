/// Customer ids → the first customer with each, hashed by their UTF-8 bytes: a million
/// `String` keys in a `Dictionary` cost a second to build and query, this a tenth of it.
/// Equal bytes are equal ids, which is all contacts.csv and customers.csv need between them.
public struct CustomerLookup: Sendable {
  private var slots: [Int32]
  private let mask: Int
  /// The ids alone: comparing against a customer would copy the whole record each time.
  private let ids: [String]

  public init(_ customers: ChunkedArray<Customer>) {
    var size = 16
    while size < customers.count * 2 { size *= 2 }
    mask = size - 1
    slots = [Int32](repeating: -1, count: size)
    var ids: [String] = []
    ids.reserveCapacity(customers.count)
    for i in 0..<customers.count { ids.append(customers[i].id) }
    self.ids = ids
    for (i, id) in ids.enumerated() {
      var h = Self.hash(id) & mask
      var taken = false
      while slots[h] >= 0 {
        if ids[Int(slots[h])] == id {
          taken = true
          break
        }
        h = (h + 1) & mask
      }
      if !taken { slots[h] = Int32(i) }
    }
  }

  /// The first customer with this id, or nil.
  public func index(of id: String) -> Int? {
    var h = Self.hash(id) & mask
    while slots[h] >= 0 {
      let i = Int(slots[h])
      if ids[i] == id { return i }
      h = (h + 1) & mask
    }
    return nil
  }

  static func hash(_ s: String) -> Int {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for b in s.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
    h = (h ^ (h >> 33)) &* 0xff51_afd7_ed55_8ccd
    return Int(truncatingIfNeeded: h ^ (h >> 33))
  }
}
