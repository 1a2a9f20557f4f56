/// Traffic by weekday × hour over the last `slot_weeks` weeks, with off-peak and peak slots and
/// the promotions active on T that cover them.
public struct SlotTable: Sendable {
  public enum Level: Sendable, Equatable { case closed, offPeak, normal, peak }

  public struct Slot: Sendable, Equatable {
    public var weekday: Int
    public var hour: Int
    public var perWeek: Double
    public var level: Level
    /// Ids of the promotions active on T that cover this slot.
    public var coveredBy: [String]
  }

  /// `slots[weekday - 1][hour]`.
  public let slots: [[Slot]]
  /// Median visits per week over the open slots; nil when the shop is never open.
  public let median: Double?
  public let weeks: Int

  /// Visits counted in each slot, `counts[weekday - 1][hour]`: a logged visit adds one and the
  /// table is made again from them, without another pass over the log.
  let counts: [[Int]]

  public init(_ ds: Dataset, today t: Day) {
    ModelWork.note()
    let tallies = VisitTallies(ds.visits, today: t, ds.shop.thresholds)
    self.init(counts: tallies.slotCounts, ds.shop, ds.promotions, today: t)
  }

  /// Whether visit v is counted in a slot as of t.
  static func counts(_ v: Visit, today t: Day, _ th: Thresholds) -> Bool {
    v.date >= t.adding(1 - th.slotWeeks * 7) && v.date <= t && v.time.hour < 24
  }

  init(counts: [[Int]], _ shop: Shop, _ promotions: [Promotion], today t: Day) {
    let th = shop.thresholds
    weeks = th.slotWeeks
    self.counts = counts
    var open: [Double] = []
    for d in 1...7 {
      for h in 0..<24 where shop.isOpen(weekday: d, hour: h) {
        open.append(Double(counts[d - 1][h]) / Double(th.slotWeeks))
      }
    }
    open.sort()
    let n = open.count
    let med: Double? = n == 0 ? nil : (n % 2 == 1 ? open[n / 2] : (open[n / 2 - 1] + open[n / 2]) / 2)
    median = med
    let active = promotions.filter { $0.isActive(on: t) }
    slots = (1...7).map { d in
      (0..<24).map { h in
        let per = Double(counts[d - 1][h]) / Double(th.slotWeeks)
        var level = Level.closed
        if shop.isOpen(weekday: d, hour: h), let m = med {
          level = per < th.offpeakRatio * m ? .offPeak : (per > th.peakRatio * m ? .peak : .normal)
        }
        let cover = active.filter { p in p.appliesOn(weekday: d) && (p.window?.overlaps(hour: h) ?? false) }
        return Slot(weekday: d, hour: h, perWeek: per, level: level, coveredBy: cover.map(\.id))
      }
    }
  }

  public func slot(weekday: Int, hour: Int) -> Slot { slots[weekday - 1][hour] }

  /// Every off-peak slot, Monday first, by hour.
  public var offPeak: [Slot] { slots.flatMap { $0.filter { $0.level == .offPeak } } }

  /// A day's off-peak hours merged into windows [from, to) with the promotions covering all of it.
  public func offPeakWindows(weekday: Int) -> [(
    from: Int, to: Int, coveredBy: [String], uncoveredHours: [Int]
  )] {
    var out: [(from: Int, to: Int, coveredBy: [String], uncoveredHours: [Int])] = []
    for s in slots[weekday - 1] where s.level == .offPeak {
      if let last = out.last, last.to == s.hour {
        out[out.count - 1].to = s.hour + 1
        out[out.count - 1].coveredBy = last.coveredBy.filter(s.coveredBy.contains)
        if s.coveredBy.isEmpty { out[out.count - 1].uncoveredHours.append(s.hour) }
      } else {
        out.append((s.hour, s.hour + 1, s.coveredBy, s.coveredBy.isEmpty ? [s.hour] : []))
      }
    }
    return out
  }
}
