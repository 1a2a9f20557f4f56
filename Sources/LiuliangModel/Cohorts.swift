/// Cohort retention: customers who joined in a calendar month, and for each following month up
/// to T's month the share with a visit in it.
public struct Cohort: Sendable, Equatable {
  /// `Day.monthIndex` of the joining month.
  public var month: Int
  public var size: Int
  /// `returned[k]` customers visited in month `month + 1 + k`; the last is T's month, which may
  /// not be over yet.
  public var returned: [Int]

  public init(month: Int, size: Int, returned: [Int]) {
    self.month = month
    self.size = size
    self.returned = returned
  }

  public func share(_ k: Int) -> Double? {
    size == 0 || k >= returned.count ? nil : Double(returned[k]) / Double(size)
  }

  /// `YYYY-MM` of the joining month.
  public var name: String { Cohort.name(month) }

  public static func name(_ m: Int) -> String {
    let y = m / 12
    let mm = m % 12 + 1
    return Day.pad(y, 4) + "-" + Day.pad(mm, 2)
  }

  /// Every cohort, oldest first, from the visit index (each customer's visits oldest first):
  /// the pool is split between the cores, each counting into its own table.
  public static func table(_ ds: Dataset, today t: Day, index: VisitIndex) -> [Cohort] {
    ModelWork.note()
    let customers = ds.customers
    let n = customers.count
    let last = t.monthIndex
    let tRaw = t.raw
    let parts = max(1, min(cores, n / 20_000))
    // Each part counts into its own arrays, one slot per joining month, changed in place: a
    // cohort copied out of a dictionary and back would copy its counts for every customer.
    var tables = [Table](repeating: Table(), count: parts)
    let entries = index.entries
    let offsets = index.offsets
    let visits = ds.visits
    let order = index.order
    // The month of each date of the last ten years, worked out once rather than for each visit.
    let firstRaw = t.raw - 3660
    let months = (firstRaw...t.raw).map { Int32(Day(raw: $0).monthIndex) }
    tables.withUnsafeMutableBufferPointer { tb in
      let tb = Shared(base: tb.baseAddress!)
      inParts(n, parts: parts) { p, range in
        var table = Table()
        func walk(_ date: (Int) -> Int32) {
          for i in range {
            guard let j = customers[i].joined, j <= t else { continue }
            let m = j.monthIndex
            let at = table.slot(m, following: max(0, last - m))
            table.sizes[at] += 1
            let following = table.following(at)
            let base = table.starts[at]
            var seen = -1
            for e in Int(offsets[i])..<Int(offsets[i + 1]) {
              let d = date(e)
              if d > tRaw { break }
              let month = d >= firstRaw ? Int(months[Int(d - firstRaw)]) : Day(raw: d).monthIndex
              let k = month - m - 1
              if k > seen && k < following {
                table.returned[base + k] += 1
                seen = k
              }
            }
          }
        }
        if let entries {
          entries.withUnsafeBufferPointer { e in walk { e[$0].date } }
        } else {
          walk { visits[Int(order[$0])].date.raw }
        }
        tb.base[p] = table
      }
    }
    var all: [Int: Cohort] = [:]
    for table in tables {
      for (m, at) in table.slots {
        let returned = table.returned[table.starts[at]..<table.starts[at] + table.following(at)]
        guard var into = all[m] else {
          all[m] = Cohort(month: m, size: table.sizes[at], returned: Array(returned))
          continue
        }
        into.size += table.sizes[at]
        for (k, r) in zip(into.returned.indices, returned) { into.returned[k] += r }
        all[m] = into
      }
    }
    return all.values.sorted { $0.month < $1.month }
  }

  /// One worker's counts: joining month → slot, and per slot the size and the following months,
  /// all slots' months in one flat array (slot a's from `starts[a]`), so that counting a return
  /// changes one array rather than one nested in another.
  struct Table {
    var slots: [Int: Int] = [:]
    var sizes: [Int] = []
    var starts: [Int] = []
    var returned: [Int] = []

    func following(_ at: Int) -> Int {
      (at + 1 < starts.count ? starts[at + 1] : returned.count) - starts[at]
    }

    mutating func slot(_ month: Int, following: Int) -> Int {
      if let at = slots[month] { return at }
      slots[month] = sizes.count
      sizes.append(0)
      starts.append(returned.count)
      returned.append(contentsOf: repeatElement(0, count: following))
      return sizes.count - 1
    }
  }
}
