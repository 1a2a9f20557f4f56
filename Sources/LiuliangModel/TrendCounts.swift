extension Trends {
  /// What the segment rules read of a customer, small enough that the two walks over a million
  /// customers do not drag their names and notes through the cache.
  struct Traits {
    var joined: Int32
    var hasJoined: Bool
    var churned: Bool
    var member: Bool
  }

  /// A customer whose super-user test waits for a week's cuts, which are settled only after
  /// the second walk; `atRiskOtherwise` is their segment's answer should they not pass.
  struct Pending {
    var week: Int
    var atRiskOtherwise: Bool
    var frequency: Int64
    var monetary: Int64
  }

  /// What one worker of the second walk found.
  struct Part {
    var counts: [Counts] = []
    /// The F and M values in the bucket of each week's cut, where the buckets do not tell it.
    var frequencies: [[Int64]] = []
    var spends: [[Int64]] = []
    var pending: [Pending] = []
  }

  /// The counts for each of `days`, as `Analysis(ds, today: d, shopWide: false)` has them.
  static func counts(_ ds: Dataset, days: [Day], offsets: [Int32], entries: [VisitIndex.Entry]) -> [Counts] {
    let th = ds.shop.thresholds
    let customers = ds.customers
    let n = customers.count
    let weeks = days.count
    let dates = days.map(\.raw)
    guard n > 0 else { return [Counts](repeating: Counts(), count: weeks) }
    let parts = max(1, min(cores * 4, n / 4096))

    // First walk: each worker counts the F and M of the customers not churned into buckets,
    // per week, and notes what the rules read of every customer.
    var most = 0
    for c in 0..<n { most = max(most, Int(offsets[c + 1] - offsets[c])) }
    let fSize = RankBuckets.bucket(Int64(most)) + 1
    let mSize = RankBuckets.count
    var fCounts = [Int32](repeating: 0, count: parts * weeks * fSize)
    var mCounts = [Int32](repeating: 0, count: parts * weeks * mSize)
    var kept = [Int](repeating: 0, count: parts)
    let traits = [Traits](unsafeUninitializedCapacity: n) { tb, filled in
      let tb = Shared(base: tb.baseAddress!)
      fCounts.withUnsafeMutableBufferPointer { fb in
        mCounts.withUnsafeMutableBufferPointer { mb in
          kept.withUnsafeMutableBufferPointer { kb in
            let fb = Shared(base: fb.baseAddress!)
            let mb = Shared(base: mb.baseAddress!)
            let kb = Shared(base: kb.baseAddress!)
            inParts(n, parts: parts) { p, range in
              let fh = fb.base + p * weeks * fSize
              let mh = mb.base + p * weeks * mSize
              var walk = WeeklyWalk()
              var mine = 0
              entries.withUnsafeBufferPointer { e in
                for i in range {
                  let joined = customers[i].joined
                  let churned = customers[i].churnedOn != nil
                  (tb.base + i).initialize(
                    to: Traits(
                      joined: joined?.raw ?? 0, hasJoined: joined != nil, churned: churned,
                      member: customers[i].tier == .member))
                  if churned { continue }
                  mine += 1
                  walk.walk(e, Int(offsets[i]), Int(offsets[i + 1]), dates: dates, th, medians: false) {
                    w, f in
                    fh[w * fSize + RankBuckets.bucket(Int64(f.frequency))] += 1
                    mh[w * mSize + RankBuckets.bucket(f.monetary)] += 1
                  }
                }
              }
              kb.base[p] = mine
            }
          }
        }
      }
      filled = n
    }
    for p in 1..<parts {
      for k in 0..<weeks * fSize { fCounts[k] += fCounts[p * weeks * fSize + k] }
      for k in 0..<weeks * mSize { mCounts[k] += mCounts[p * weeks * mSize + k] }
    }
    let rank = topRank(share: th.superTopShare, count: kept.reduce(0, +))
    func cuts(_ counts: [Int32], _ size: Int) -> [CutSearch?] {
      counts.withUnsafeBufferPointer { all in
        (0..<weeks).map { w in
          rank.map { CutSearch(UnsafeBufferPointer(rebasing: all[w * size..<(w + 1) * size]), rank: $0) }
        }
      }
    }
    let fCuts = cuts(fCounts, fSize)
    let mCuts = cuts(mCounts, mSize)
    fCounts = []
    mCounts = []

    // Second walk: the counts, with every super-user test the buckets can answer answered, and
    // the values that settle the other cuts gathered.
    var found = [Part](repeating: Part(), count: parts)
    found.withUnsafeMutableBufferPointer { out in
      let out = Shared(base: out.baseAddress!)
      inParts(n, parts: parts) { p, range in
        var counts = [Counts](repeating: Counts(), count: weeks)
        var frequencies = [[Int64]](repeating: [], count: weeks)
        var spends = [[Int64]](repeating: [], count: weeks)
        var pending: [Pending] = []
        var walk = WeeklyWalk()
        entries.withUnsafeBufferPointer { e in
          for i in range {
            let tr = traits[i]
            walk.walk(e, Int(offsets[i]), Int(offsets[i + 1]), dates: dates, th, medians: !tr.churned) {
              w, f in
              let d = Int(dates[w])
              if !tr.hasJoined || Int(tr.joined) <= d { counts[w].pool += 1 }
              if tr.hasJoined, d - Int(tr.joined) >= 0, d - Int(tr.joined) < 7 { counts[w].newFriends += 1 }
              if let r = f.recency, r < th.activeDays { counts[w].active += 1 }
              if f.repurchaseVisits >= 1 { counts[w].base += 1 }
              if f.repurchaseVisits >= 2 { counts[w].again += 1 }
              if tr.churned { return }
              let fv = Int64(f.frequency)
              let mv = f.monetary
              if let c = fCuts[w], c.exact == nil, RankBuckets.bucket(fv) == c.bucket {
                frequencies[w].append(fv)
              }
              if let c = mCuts[w], c.exact == nil, RankBuckets.bucket(mv) == c.bucket { spends[w].append(mv) }
              if tr.member {
                counts[w].superUsers += 1
                return
              }
              // Rule 2's test: true, false, or nil while a cut is not settled.
              var top: Bool? = false
              if let r = f.recency, r <= th.superMaxRecencyDays, let fc = fCuts[w], let mc = mCuts[w] {
                let a = fc.atLeast(fv)
                let b = mc.atLeast(mv)
                top = a == false || b == false ? false : (a == true && b == true ? true : nil)
              }
              if top == true {
                counts[w].superUsers += 1
                return
              }
              var cf = CustomerFigures()
              cf.recency = f.recency
              cf.frequency = f.frequency
              cf.monetary = Money(fen: mv)
              cf.visitDays = f.visitDays
              cf.medianGap = f.medianGap
              let joined = tr.hasJoined ? Day(raw: tr.joined) : nil
              let atRisk =
                Segmentation.notSuper(joined: joined, cf, today: Day(raw: dates[w]), th).segment == .atRisk
              if top == nil {
                pending.append(Pending(week: w, atRiskOtherwise: atRisk, frequency: fv, monetary: mv))
              } else if atRisk {
                counts[w].atRisk += 1
              }
            }
          }
        }
        out.base[p] = Part(counts: counts, frequencies: frequencies, spends: spends, pending: pending)
      }
    }

    var total = [Counts](repeating: Counts(), count: weeks)
    var fCut = [Int64](repeating: 0, count: weeks)
    var mCut = [Int64](repeating: 0, count: weeks)
    for w in 0..<weeks {
      for part in found { total[w].add(part.counts[w]) }
      if let c = fCuts[w] { fCut[w] = c.settle(found.flatMap { $0.frequencies[w] }) }
      if let c = mCuts[w] { mCut[w] = c.settle(found.flatMap { $0.spends[w] }) }
    }
    for part in found {
      for q in part.pending {
        if q.frequency >= fCut[q.week] && q.monetary >= mCut[q.week] {
          total[q.week].superUsers += 1
        } else if q.atRiskOtherwise {
          total[q.week].atRisk += 1
        }
      }
    }
    return total
  }
}
