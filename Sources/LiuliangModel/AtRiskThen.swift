import Dispatch

extension ReachOutRates {
  /// Whether each customer was at risk on d, as `Analysis(ds, today: d, shopWide: false)` gives
  /// their segment, without that analysis' 56 bytes of figures a customer: one walk over each
  /// customer's visits keeps F, M and what every rule but rule 2 says (13 bytes a customer, the
  /// median gap worked out only where rule 4 reads it), then the cuts settle rule 2.
  static func atRisk(_ ds: Dataset, on d: Day, index: VisitIndex) -> [Bool] {
    guard let entries = index.entries else {
      return Analysis(ds, today: d, index: index, shopWide: false).segments.map { $0 == .atRisk }
    }
    let th = ds.shop.thresholds
    let customers = ds.customers
    let n = customers.count
    let offsets = index.offsets
    let dates = [d.raw]
    var f = [Int32](repeating: 0, count: n)
    var m = [Int64](repeating: 0, count: n)
    var says = [Says](repeating: [], count: n)
    f.withUnsafeMutableBufferPointer { fb in
      m.withUnsafeMutableBufferPointer { mb in
        says.withUnsafeMutableBufferPointer { sb in
          let (fb, mb, sb) = (
            Shared(base: fb.baseAddress!), Shared(base: mb.baseAddress!), Shared(base: sb.baseAddress!)
          )
          inChunks(n, chunk: 16384) { range in
            var walk = WeeklyWalk()
            entries.withUnsafeBufferPointer { e in
              for i in range {
                guard customers[i].churnedOn == nil else { continue }
                let member = customers[i].tier == .member
                let joined = customers[i].joined
                var s: Says = .ranked
                walk.walk(e, Int(offsets[i]), Int(offsets[i + 1]), dates: dates, th, medians: true) { _, w in
                  fb.base[i] = Int32(w.frequency)
                  mb.base[i] = w.monetary
                  guard !member else { return }
                  if let r = w.recency, r <= th.superMaxRecencyDays { s.insert(.maySuper) }
                  var cf = CustomerFigures()
                  cf.recency = w.recency
                  cf.frequency = w.frequency
                  cf.visitDays = w.visitDays
                  cf.medianGap = w.medianGap
                  if Segmentation.notSuper(joined: joined, cf, today: d, th).segment == .atRisk {
                    s.insert(.atRiskUnlessSuper)
                  }
                }
                sb.base[i] = s
              }
            }
          }
        }
      }
    }
    // Rule 2's cuts among the customers not churned, F and M on a core each.
    var ranked: [Int] = []
    for i in 0..<n where says[i].contains(.ranked) { ranked.append(i) }
    let cuts = Cuts()
    if let k = topRank(share: th.superTopShare, count: ranked.count) {
      let (fs, ms, who) = (f, m, ranked)
      DispatchQueue.concurrentPerform(iterations: 2) { j in
        if j == 0 {
          var v = who.map { fs[$0] }
          cuts.f = v.withUnsafeMutableBufferPointer { kthLargest($0, k - 1) }
        } else {
          var v = who.map { ms[$0] }
          cuts.m = v.withUnsafeMutableBufferPointer { kthLargest($0, k - 1) }
        }
      }
    }
    return (0..<n).map { i in
      guard says[i].contains(.atRiskUnlessSuper) else { return false }
      guard says[i].contains(.maySuper), let fc = cuts.f, let mc = cuts.m else { return true }
      return !(f[i] >= fc && m[i] >= mc)
    }
  }

  /// What the rules say of a customer before the cuts are known.
  struct Says: OptionSet, Sendable {
    let rawValue: UInt8
    /// Not churned: among those the cuts rank.
    static let ranked = Says(rawValue: 1)
    /// R within rule 2's limit, so F and M at the cuts make a super user.
    static let maySuper = Says(rawValue: 2)
    /// At risk by rules 3 to 7, should rule 2 not make them a super user.
    static let atRiskUnlessSuper = Says(rawValue: 4)
  }

  /// Each worker sets only its own; both are read after both are done.
  private final class Cuts: @unchecked Sendable {
    var f: Int32?
    var m: Int64?
  }
}
