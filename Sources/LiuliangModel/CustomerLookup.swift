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
    // Read where each customer lies: one copied out to read its id would count a reference to
    // each of its strings.
    let ids = customers.mapAt { $0.pointee.id }
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

  /// The first customer with each item's id (−1 for none), in order. The items are taken
  /// sixteen at a time: their first slots, then those slots' ids, are read for all sixteen
  /// before any is compared, so that the waits for memory overlap (contacts.csv's ids come in
  /// no order, and one at a time each lookup waited for memory twice).
  public func indexes<C: RandomAccessCollection>(_ items: C, id: (C.Element) -> String) -> [Int32]
  where C.Index == Int {
    var out = [Int32](repeating: -1, count: items.count)
    let start = items.startIndex
    let block = 16
    slots.withUnsafeBufferPointer { slots in
      ids.withUnsafeBufferPointer { ids in
        withUnsafeTemporaryAllocation(of: (h: Int, slot: Int32, length: Int).self, capacity: block) { probe in
          var lo = items.startIndex
          while lo < items.endIndex {
            let n = Swift.min(items.endIndex - lo, block)
            for k in 0..<n {
              let h = Self.hash(id(items[lo + k])) & mask
              probe[k] = (h, slots[h], 0)
            }
            for k in 0..<n where probe[k].slot >= 0 { probe[k].length = ids[Int(probe[k].slot)].utf8.count }
            for k in 0..<n {
              let key = id(items[lo + k])
              var (h, slot, length) = probe[k]
              while slot >= 0 {
                if length == key.utf8.count && ids[Int(slot)] == key {
                  out[lo - start + k] = slot
                  break
                }
                h = (h + 1) & mask
                slot = slots[h]
                length = slot >= 0 ? ids[Int(slot)].utf8.count : 0
              }
            }
            lo += n
          }
        }
      }
    }
    return out
  }

  static func hash(_ s: String) -> Int {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for b in s.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
    h = (h ^ (h >> 33)) &* 0xff51_afd7_ed55_8ccd
    return Int(truncatingIfNeeded: h ^ (h >> 33))
  }
}
