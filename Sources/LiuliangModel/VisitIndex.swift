/// Each customer's visits, sorted by date and time, as one flat array with offsets (CSR), so that
/// per-customer figures walk contiguous memory instead of filtering ten million visits again.
public struct VisitIndex: Sendable {
  /// `order[offsets[c] ..< offsets[c + 1]]` are customer c's visit indexes, oldest first.
  public let offsets: [Int32]
  public let order: [Int32]

  public init(_ ds: Dataset) {
    let n = ds.customers.count
    var counts = [Int32](repeating: 0, count: n + 1)
    for v in ds.visits where v.customer >= 0 && Int(v.customer) < n { counts[Int(v.customer) + 1] += 1 }
    for i in 0..<n { counts[i + 1] += counts[i] }
    var order = [Int32](repeating: 0, count: Int(counts[n]))
    var fill = counts
    for (i, v) in ds.visits.enumerated() where v.customer >= 0 && Int(v.customer) < n {
      order[Int(fill[Int(v.customer)])] = Int32(i)
      fill[Int(v.customer)] += 1
    }
    // The log is usually in date order already; sort only the runs that are not.
    let visits = ds.visits
    for c in 0..<n {
      let lo = Int(counts[c])
      let hi = Int(counts[c + 1])
      guard hi - lo > 1 else { continue }
      var sorted = true
      for k in lo + 1..<hi {
        let a = visits[Int(order[k - 1])]
        let b = visits[Int(order[k])]
        if (b.date, b.time) < (a.date, a.time) {
          sorted = false
          break
        }
      }
      if !sorted {
        order[lo..<hi].sort {
          (visits[Int($0)].date, visits[Int($0)].time) < (visits[Int($1)].date, visits[Int($1)].time)
        }
      }
    }
    offsets = counts
    self.order = order
    // What the figures read, copied into the same order: thirteen passes (today and twelve
    // weeks of trends) then read memory front to back instead of jumping through the log.
    var dates = [Int32](repeating: 0, count: order.count)
    var fen = [Int32](repeating: 0, count: order.count)
    var promoted = [Bool](repeating: false, count: order.count)
    var fits = true
    for (k, i) in order.enumerated() {
      let v = visits[Int(i)]
      guard let f = Int32(exactly: v.amount.fen) else {
        fits = false
        break
      }
      dates[k] = v.date.raw
      fen[k] = f
      promoted[k] = v.hasPromotion
    }
    columns = fits ? Columns(dates: dates, fen: fen, promoted: promoted) : nil
  }

  /// Each customer's visits as columns, in `order`; nil when an amount needs more than 32 bits.
  struct Columns: Sendable {
    let dates: [Int32]
    let fen: [Int32]
    let promoted: [Bool]
  }

  let columns: Columns?

  public func visits(of customer: Int) -> ArraySlice<Int32> {
    order[Int(offsets[customer])..<Int(offsets[customer + 1])]
  }
}
