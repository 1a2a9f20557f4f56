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
    let customers = ds.customers
    let n = customers.count
    let last = t.monthIndex
    let tRaw = t.raw
    let parts = max(1, min(cores, n / 20_000))
    var tables = [[Int: Cohort]](repeating: [:], count: parts)
    let entries = index.entries
    let offsets = index.offsets
    let visits = ds.visits
    let order = index.order
    tables.withUnsafeMutableBufferPointer { tb in
      let tb = Shared(base: tb.baseAddress!)
      inParts(n, parts: parts) { p, range in
        var byMonth: [Int: Cohort] = [:]
        // The month of each visit date, worked out once per date rather than per visit.
        var lastRaw = Int32.min
        var lastMonth = 0
        for i in range {
          guard let j = customers[i].joined, j <= t else { continue }
          let m = j.monthIndex
          var cohort =
            byMonth[m] ?? Cohort(month: m, size: 0, returned: [Int](repeating: 0, count: max(0, last - m)))
          cohort.size += 1
          var seen = -1
          for at in Int(offsets[i])..<Int(offsets[i + 1]) {
            let d = entries?[at].date ?? visits[Int(order[at])].date.raw
            if d > tRaw { break }
            if d != lastRaw {
              lastRaw = d
              lastMonth = Day(raw: d).monthIndex
            }
            let k = lastMonth - m - 1
            if k > seen && k < cohort.returned.count {
              cohort.returned[k] += 1
              seen = k
            }
          }
          byMonth[m] = cohort
        }
        tb.base[p] = byMonth
      }
    }
    var all: [Int: Cohort] = [:]
    for table in tables {
      for (m, c) in table {
        guard var into = all[m] else {
          all[m] = c
          continue
        }
        into.size += c.size
        for k in into.returned.indices { into.returned[k] += c.returned[k] }
        all[m] = into
      }
    }
    return all.values.sorted { $0.month < $1.month }
  }
}
