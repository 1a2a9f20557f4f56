import LiuliangModel

extension SortOrders {
  /// The columns a logged visit can change: they read the customer's figures and segment.
  static let figureColumns: [CustomerList.Column] = [.segment, .lastVisit, .visits, .spend]

  /// What the spend keys count from: the least spend, when every spend is within 2³² of it
  /// (as `offsets` makes them), else nil.
  static func base(_ figures: [CustomerFigures]) -> Int64? {
    guard let lo = figures.lazy.map(\.monetary.fen).min(), let hi = figures.lazy.map(\.monetary.fen).max()
    else {
      return nil
    }
    let (span, overflow) = hi.subtractingReportingOverflow(lo)
    return !overflow && span <= Int64(UInt32.max) ? lo : nil
  }

  /// The figure columns again for the customers whose figures or segment changed: each moves by
  /// a binary search and a shift between its old place and its new one. A spend beyond what the
  /// keys can count makes that column again.
  func update(_ changed: [Int], _ ds: Dataset, _ a: Analysis) {
    let segmentRank = Dictionary(uniqueKeysWithValues: Segment.allCases.enumerated().map { ($1, UInt32($0)) })
    for c in Self.figureColumns {
      let col = c.rawValue
      if c == .spend, !changed.allSatisfy({ fits(a.figures[$0].monetary.fen) }) {
        key[col] = Self.key(.spend, ds.customers, a)
        order[col] = Self.stableOrder(key[col])
        spendBase = Self.base(a.figures)
        continue
      }
      for i in changed {
        let f = a.figures[i]
        switch c {
        case .segment: move(i, column: col, to: segmentRank[a.segment(i)]!)
        case .lastVisit:
          move(i, column: col, to: UInt32(bitPattern: f.lastVisit?.raw ?? Int32.min) ^ 0x8000_0000)
        case .visits: move(i, column: col, to: UInt32(clamping: f.frequency))
        default: move(i, column: col, to: UInt32(f.monetary.fen - spendBase!))
        }
      }
    }
    choices[.segment] = Segment.allCases.map { ($0.rawValue, a.segmentCounts[$0] ?? 0) }
    choices[.onlyOnDiscount] = CustomerList.choices(.onlyOnDiscount, ds, a)
  }

  /// Whether a spend has a key counted from `spendBase`.
  private func fits(_ fen: Int64) -> Bool {
    guard let base = spendBase, fen >= base else { return false }
    return fen - base <= Int64(UInt32.max)
  }

  /// Customer i's key in a column becomes `new`; the order keeps ties in index order.
  private func move(_ i: Int, column col: Int, to new: UInt32) {
    let old = key[col][i]
    guard old != new else { return }
    let p = place(i, old, column: col)
    var q = place(i, new, column: col)
    order[col].withUnsafeMutableBufferPointer { o in
      precondition(o[p] == Int32(i), "a customer missing from a sort order")
      if q > p {
        q -= 1
        for x in p..<q { o[x] = o[x + 1] }
      } else {
        var x = p
        while x > q {
          o[x] = o[x - 1]
          x -= 1
        }
      }
      o[q] = Int32(i)
    }
    key[col][i] = new
  }

  /// Where (v, i) is or goes in a column's order.
  private func place(_ i: Int, _ v: UInt32, column col: Int) -> Int {
    key[col].withUnsafeBufferPointer { k in
      order[col].withUnsafeBufferPointer { o in
        var lo = 0
        var hi = o.count
        while lo < hi {
          let mid = (lo + hi) / 2
          let j = o[mid]
          if (k[Int(j)], j) < (v, Int32(i)) { lo = mid + 1 } else { hi = mid }
        }
        return lo
      }
    }
  }
}
