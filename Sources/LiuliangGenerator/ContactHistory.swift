import LiuliangModel

/// What the owner sent over the generated history, so that every reach-out rate has a real
/// figure: a welcome on each `welcomed_on`, most birthdays greeted a day or two ahead, a
/// win-back try in many long gaps between visits, and a follow-up of most complaints.
/// Its own random stream: the rest of the store is the same with or without it.
enum ContactHistory {
  static func make(_ ds: Dataset, first: Day, today t: Day, seed: UInt64) -> [Contact] {
    var rng = SeededRandom(seed: seed ^ 0x0C0A_7AC7)
    var days = [[Day]](repeating: [], count: ds.customers.count)
    for v in ds.visits where v.customer >= 0 && v.date <= t {
      let c = Int(v.customer)
      if days[c].last != v.date { days[c].append(v.date) }
    }
    var out: [Contact] = []
    let yesterday = t.adding(-1)
    // No try in the last 30 days: the demo's reach-out list stays the one its screens show.
    let lastTry = t.adding(-ds.shop.thresholds.winBackDays)
    for (i, c) in ds.customers.enumerated() {
      if let w = c.welcomedOn, w >= first, w <= yesterday {
        out.append(Contact(customer: c.id, date: w, kind: .welcome))
      }
      if c.churnedOn == nil, let b = c.birthday, rng.chance(0.6) {
        // This year's birthday, or last year's when this year's is still ahead.
        for year in [t.year, t.year - 1] {
          guard
            let d = Day(
              year: year, month: b.month, day: min(b.civil.day, Day.daysIn(month: b.month, year: year)))
          else { continue }
          let sent = d.adding(-rng.below(3))
          if sent >= first && sent <= yesterday {
            out.append(Contact(customer: c.id, date: sent, kind: .birthday))
            break
          }
        }
      }
      // A gap of over 40 days after a visit: tried some 35–45 days after it, about half the time.
      let visits = days[i]
      for (k, d) in visits.enumerated() {
        let next = k + 1 < visits.count ? visits[k + 1] : t
        guard next - d > 40, rng.chance(0.5) else { continue }
        let tried = d.adding(35 + rng.below(10))
        if tried < next && tried <= lastTry {
          out.append(Contact(customer: c.id, date: tried, kind: .winBack))
        }
      }
    }
    for cm in ds.complaints where cm.resolved && !cm.customer.isEmpty && rng.chance(0.8) {
      let d = cm.date.adding(1 + rng.below(3))
      if d <= yesterday { out.append(Contact(customer: cm.customer, date: d, kind: .complaint)) }
    }
    // The log is written as the days went by.
    return out.enumerated().sorted { ($0.element.date, $0.offset) < ($1.element.date, $1.offset) }.map(
      \.element)
  }
}
