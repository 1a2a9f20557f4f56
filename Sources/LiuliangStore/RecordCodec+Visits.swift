import LiuliangModel

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The visit log's rows: read through the general reader or straight from their bytes.
extension RecordCodec {
  /// A visit, with the customer and promotion ids resolved to indexes by the caller's tables.
  static func visit(_ r: RowReader, customer: (String) -> Int32?, promotion: (String) -> Int32?)
    throws(ProblemKind) -> (Visit, unknown: ProblemKind?)
  {
    typealias C = VisitColumn
    var unknown: ProblemKind?
    var who = Visit.walkIn
    if !r.isEmpty(C.customer.rawValue) {
      let id = r.text(C.customer.rawValue)
      if let i = customer(id) {
        who = i
      } else {
        who = Visit.unknownCustomer
        unknown = .unknownCustomer(id)
      }
    }
    let date = try r.requiredDay(C.date.rawValue)
    guard let time = try r.time(C.time.rawValue) else { throw .missingValue(field: C.time.name) }
    var amount = Money.zero
    let a = C.amount.rawValue
    if !r.isEmpty(a) {
      let t = r.text(a)
      guard let m = Money(yuan: t), m.fen >= 0 else { throw .badValue(field: C.amount.name, value: t) }
      guard m <= Visit.maxAmount else {
        throw .visitLimit(field: C.amount.name, value: t, limit: Visit.maxAmount.description)
      }
      amount = m
    }
    let p = C.party.rawValue
    let party = r.isEmpty(p) ? 1 : try r.count(p)
    guard Visit.holds(party: party) else {
      throw .visitLimit(field: C.party.name, value: r.text(p), limit: String(Visit.maxParty))
    }
    var promo = Visit.noPromotion
    if !r.isEmpty(C.promotion.rawValue) {
      let id = r.text(C.promotion.rawValue)
      if let i = promotion(id) {
        guard Visit.holds(promotion: i) else { throw .promotionLimit(id: id, number: Int(i) + 1) }
        promo = i
      } else {
        promo = Visit.unknownPromotion
        if unknown == nil { unknown = .unknownPromotion(id) }
      }
    }
    let channel = try r.value(C.channel.rawValue, Channel.self, empty: .dineIn)
    return (
      Visit(
        customer: who, date: date, time: time, amount: amount, party: Int16(party), promotion: promo,
        channel: channel), unknown
    )
  }

  /// The channel these bytes name. The first byte picks the one candidate and its whole name
  /// must match; a channel not listed here just takes the general path. (Walking
  /// `Channel.allCases` would make both cores fight over that array's reference count.)
  static func channel(_ b: UnsafeBufferPointer<UInt8>) -> Channel? {
    let c: Channel
    switch b.first {
    case UInt8(ascii: "d"): c = .dineIn
    case UInt8(ascii: "t"): c = .takeaway
    case UInt8(ascii: "g"): c = .groupBuy
    case UInt8(ascii: "m"): c = .momentsOrder
    default: return nil
    }
    let name = c.rawValue.utf8
    guard name.count == b.count else { return nil }
    let same = name.withContiguousStorageIfAvailable { memcmp($0.baseAddress!, b.baseAddress!, b.count) == 0 }
    return same == true ? c : nil
  }

  /// A visit read straight from the row's bytes, for rows like the generator and the dashboard
  /// write; nil for anything else (quotes, an unknown id, a value to complain about), which
  /// `visit(_:customers:promotions:)` then reads — so both give the same visit or problem.
  static func plainVisit(
    _ field: (Int) -> UnsafeBufferPointer<UInt8>?, customers: ByteIDIndex.View, promotions: ByteIDIndex.View
  ) -> Visit? {
    typealias C = VisitColumn
    guard let cb = field(C.customer.rawValue), let db = field(C.date.rawValue),
      let tb = field(C.time.rawValue),
      let ab = field(C.amount.rawValue), let pb = field(C.party.rawValue),
      let xb = field(C.promotion.rawValue),
      let chb = field(C.channel.rawValue)
    else { return nil }
    var who = Visit.walkIn
    if cb.count > 0 {
      guard let i = customers.lookup(cb) else { return nil }
      who = i
    }
    guard let date = Day(utf8: db), let time = TimeOfDay(utf8: tb) else { return nil }
    var amount = Money.zero
    if ab.count > 0 {
      guard let m = Money(yuanUTF8: ab), m.fen >= 0, m <= Visit.maxAmount else { return nil }
      amount = m
    }
    var party = 1
    if pb.count > 0 {
      // Four digits are always within `Visit.maxParty`.
      guard pb.count <= 4 else { return nil }
      party = 0
      for b in pb {
        guard b >= 0x30, b <= 0x39 else { return nil }
        party = party * 10 + Int(b - 0x30)
      }
    }
    var promo = Visit.noPromotion
    if xb.count > 0 {
      guard let i = promotions.lookup(xb), Visit.holds(promotion: i) else { return nil }
      promo = i
    }
    var channel = Channel.dineIn
    if chb.count > 0 {
      guard let c = RecordCodec.channel(chb) else { return nil }
      channel = c
    }
    return Visit(
      customer: who, date: date, time: time, amount: amount, party: Int16(party), promotion: promo,
      channel: channel)
  }

  static func fields(_ v: Visit, customerID: String, promotionID: String) -> [String] {
    VisitColumn.allCases.map { $0.format(v, customerID: customerID, promotionID: promotionID) }
  }

  /// The row of `fields(_:customerID:promotionID:)` after its customer field, as bytes, with
  /// its line ending: the same bytes `CSV.appendRecord` makes of those fields.
  static func appendFields(_ v: Visit, promotionID: [UInt8], to out: inout [UInt8]) {
    out.append(CSV.comma)
    let c = v.date.civil
    appendDigits(c.year, 4, &out)
    out.append(UInt8(ascii: "-"))
    appendDigits(c.month, 2, &out)
    out.append(UInt8(ascii: "-"))
    appendDigits(c.day, 2, &out)
    out.append(CSV.comma)
    appendDigits(Int(v.time.minutes) / 60, 2, &out)
    out.append(UInt8(ascii: ":"))
    appendDigits(Int(v.time.minutes) % 60, 2, &out)
    out.append(CSV.comma)
    let fen = v.amount.fen
    if fen < 0 { out.append(UInt8(ascii: "-")) }
    let a = fen.magnitude
    appendDigits(Int(a / 100), 1, &out)
    if a % 100 != 0 {
      out.append(UInt8(ascii: "."))
      appendDigits(Int(a % 100), 2, &out)
    }
    out.append(CSV.comma)
    appendDigits(Int(v.party), 1, &out)
    out.append(CSV.comma)
    out.append(contentsOf: promotionID)
    out.append(CSV.comma)
    out.append(contentsOf: v.channel.rawValue.utf8)
    out.append(CSV.lf)
  }

  /// Decimal digits of a non-negative value, zero-padded to `width`.
  static func appendDigits(_ value: Int, _ width: Int, _ out: inout [UInt8]) {
    var digits:
      (
        UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
        UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8
      ) =
        (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
    var n = 0
    var v = value
    withUnsafeMutableBytes(of: &digits) { d in
      repeat {
        d[n] = UInt8(truncatingIfNeeded: 0x30 + v % 10)
        v /= 10
        n += 1
      } while v > 0 || n < width
      while n > 0 {
        n -= 1
        out.append(d[n])
      }
    }
  }
}
