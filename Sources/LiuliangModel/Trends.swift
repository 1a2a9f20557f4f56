/// Weekly history of the Today pane's key figures, oldest first, ending with T: each point is the
/// figure as of that week's last day, computed by the same rules as today's.
public struct Trends: Sendable, Equatable {
  public var pool: [Double] = []
  public var newFriends: [Double] = []
  public var active: [Double] = []
  public var repurchaseRate: [Double] = []
  public var superUsers: [Double] = []
  public var atRisk: [Double] = []

  public init() {}

  /// Each point counts what `Analysis(ds, today: d, shopWide: false)` would, without keeping
  /// its per-customer arrays: one buffer of figures serves all the weeks, and the counting is
  /// spread over every core.
  public init(_ ds: Dataset, today t: Day, weeks: Int = 12, index: VisitIndex? = nil) {
    let index = index ?? VisitIndex(ds)
    let th = ds.shop.thresholds
    let customers = ds.customers
    let n = customers.count
    let columns = index.columns
    let offsets = index.offsets
    // With the index's columns a week's figures are cheap to make twice (once for the cuts,
    // once for the segments) and need not be kept; without them they are kept in one buffer.
    var figures = [CustomerFigures](repeating: CustomerFigures(), count: columns == nil ? n : 0)
    let chunk = 4096
    let chunks = (n + chunk - 1) / chunk
    for k in stride(from: weeks - 1, through: 0, by: -1) {
      let d = t.adding(-7 * k)
      let fCut: Int?
      let mCut: Money?
      if let columns {
        var fs = [Int](repeating: 0, count: n)
        var ms = [Int64](repeating: 0, count: n)
        fs.withUnsafeMutableBufferPointer { fp in
          ms.withUnsafeMutableBufferPointer { mp in
            let fp = Shared(base: fp.baseAddress!)
            let mp = Shared(base: mp.baseAddress!)
            inChunks(n, chunk: chunk) { range in
              for i in range {
                (fp.base[i], mp.base[i]) = CustomerFigures.rfm(
                  columns, Int(offsets[i]), Int(offsets[i + 1]), today: d, window: th.rfmWindowDays)
              }
            }
          }
        }
        var fKept: [Int] = []
        var mKept: [Int64] = []
        for (i, c) in customers.enumerated() where c.churnedOn == nil {
          fKept.append(fs[i])
          mKept.append(ms[i])
        }
        fCut = topCut(fKept, share: th.superTopShare)
        mCut = topCut(mKept, share: th.superTopShare).map { Money(fen: $0) }
      } else {
        figures.withUnsafeMutableBufferPointer { Analysis.figures(ds, today: d, index: index, into: $0) }
        (fCut, mCut) = Analysis.cuts(ds, figures)
      }
      var parts = [Counts](repeating: Counts(), count: chunks)
      if n > 0 {
        countSegments()
      }
      func countSegments() {
        figures.withUnsafeMutableBufferPointer { fig in
          parts.withUnsafeMutableBufferPointer { out in
            let fig = fig.baseAddress.map { Shared(base: $0) }
            let out = Shared(base: out.baseAddress!)
            inChunks(n, chunk: chunk) { range in
              var sum = Counts()
              var gaps: [Int] = []
              for i in range {
                let cust = customers[i]
                let f =
                  columns.map {
                    CustomerFigures(
                      $0, Int(offsets[i]), Int(offsets[i + 1]), today: d, thresholds: th, gaps: &gaps)
                  } ?? fig!.base[i]
                if cust.joined.map({ $0 <= d }) ?? true { sum.pool += 1 }
                if let j = cust.joined, d - j >= 0, d - j < 7 { sum.newFriends += 1 }
                if let r = f.recency, r < th.activeDays { sum.active += 1 }
                if f.repurchaseVisits >= 1 { sum.base += 1 }
                if f.repurchaseVisits >= 2 { sum.again += 1 }
                switch Segmentation.why(cust, f, today: d, frequencyCut: fCut, spendCut: mCut, th).segment {
                case .superUser: sum.superUsers += 1
                case .atRisk: sum.atRisk += 1
                default: break
                }
              }
              out.base[range.lowerBound / chunk] = sum
            }
          }
        }
      }
      let total = parts.reduce(into: Counts()) { $0.add($1) }
      pool.append(Double(total.pool))
      newFriends.append(Double(total.newFriends))
      active.append(Double(total.active))
      repurchaseRate.append(total.base == 0 ? 0 : Double(total.again) / Double(total.base))
      superUsers.append(Double(total.superUsers))
      atRisk.append(Double(total.atRisk))
    }
  }

  struct Counts {
    var pool = 0
    var newFriends = 0
    var active = 0
    var base = 0
    var again = 0
    var superUsers = 0
    var atRisk = 0

    mutating func add(_ o: Counts) {
      pool += o.pool
      newFriends += o.newFriends
      active += o.active
      base += o.base
      again += o.again
      superUsers += o.superUsers
      atRisk += o.atRisk
    }
  }
}
