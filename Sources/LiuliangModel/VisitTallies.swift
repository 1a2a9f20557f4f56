/// What the slots and the discount share count of the whole log, walk-ins included: the visits
/// in each weekday × hour of the last `slot_weeks` weeks, and those in the discount window with
/// and without a promotion. One walk over the log on every core gives both, where each walked
/// ten million visits on one core.
struct VisitTallies: Sendable {
  /// `slots[(weekday - 1) * 24 + hour]`.
  var slots = [Int](repeating: 0, count: 7 * 24)
  var discountVisits = 0
  var promoted = 0

  init() {}

  init(_ visits: VisitLog, today t: Day, _ th: Thresholds, parts: Int? = nil) {
    ModelWork.note()
    let parts = parts ?? max(1, min(cores, visits.count / 100_000))
    var found = [VisitTallies](repeating: VisitTallies(), count: parts)
    found.withUnsafeMutableBufferPointer { out in
      guard let base = out.baseAddress else { return }
      let out = Shared(base: base)
      inParts(visits.count, parts: parts) { p, range in
        var mine = VisitTallies()
        mine.slots.withUnsafeMutableBufferPointer { slots in
          for i in range {
            let v = visits[i]
            if SlotTable.counts(v, today: t, th) { slots[(v.date.weekday - 1) * 24 + v.time.hour] += 1 }
            if CustomerFigures.within(v.date, th.discountWindowDays, of: t) {
              mine.discountVisits += 1
              if v.hasPromotion { mine.promoted += 1 }
            }
          }
        }
        out.base[p] = mine
      }
    }
    for part in found {
      for k in slots.indices { slots[k] += part.slots[k] }
      discountVisits += part.discountVisits
      promoted += part.promoted
    }
  }

  /// `counts[weekday - 1][hour]`, as `SlotTable` keeps them.
  var slotCounts: [[Int]] { (0..<7).map { d in Array(slots[d * 24..<(d + 1) * 24]) } }
}
