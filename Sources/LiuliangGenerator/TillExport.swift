import LiuliangModel
import LiuliangStore

/// A till's order export made from a store, as 美团收银 or 客如云 write one: an order number,
/// the date and time in one cell, the member's phone (empty for a walk-in), the amount taken,
/// the party and the order type in Chinese. For tests and for timing an import of any size.
public enum TillExport {
  /// `orders` orders over the `days` days up to `today`, a third of them walk-ins, the rest by
  /// customers of the store who have a phone; within opening hours where the shop has any.
  public static func make(_ ds: Dataset, orders: Int, days: Int = 30, seed: UInt64, today: Day) -> [UInt8] {
    var rng = SeededRandom(seed: seed ^ 0x7111_0000)
    let members = ds.customers.indices.filter { !ds.customers[$0].phone.isEmpty }
    let words = Words.shared.till
    let types = words.count > 1 ? words[1] : [""]
    var out: [UInt8] = [0xEF, 0xBB, 0xBF]
    let crlf: [UInt8] = [13, 10]
    CSV.appendRecord(words.first ?? [], lineEnding: crlf, to: &out)
    out.reserveCapacity(orders * 64)
    let first = today.adding(-(max(days, 1) - 1))
    for n in 0..<orders {
      let day = first.adding(rng.below(max(days, 1)))
      let hours = ds.shop.hours[day.weekday] ?? []
      var minute = 11 * 60 + rng.below(10 * 60)
      if let w = hours.isEmpty ? nil : rng.pick(hours) {
        minute = Int(w.from.minutes) + rng.below(max(Int(w.to.minutes) - Int(w.from.minutes), 1))
      }
      let phone = members.isEmpty || rng.chance(1.0 / 3) ? "" : ds.customers[rng.pick(members)].phone
      let party = 1 + rng.below(6)
      let fen = Int64(party) * Int64(3000 + rng.below(9000))
      let digits = String(n)
      let order =
        day.description.filter(\.isNumber) + String(repeating: "0", count: max(0, 8 - digits.count)) + digits
      let time = TimeOfDay(minutes: min(minute, 23 * 60 + 59))
      let record = [
        order + "\t", day.description + " " + time.description + ":00", phone, Money(fen: fen).description,
        String(party), rng.pick(types),
      ]
      CSV.appendRecord(record, lineEnding: crlf, to: &out)
    }
    return out
  }
}
