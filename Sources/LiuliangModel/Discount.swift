/// How much of the trade comes with a promotion, and who only comes for one.
public struct DiscountDependence: Sendable {
  /// All visits (walk-ins included) in the discount window, and those with a promotion.
  public let visits: Int
  public let promoted: Int
  /// Customers with at least `only_on_discount_min_visits` visits in the window, `only_on_discount_share`
  /// or more of them with a promotion (indexes into `Dataset.customers`).
  public let onlyOnDiscount: [Int]
  public let warning: Bool

  public var share: Double? { visits == 0 ? nil : Double(promoted) / Double(visits) }

  public init(_ ds: Dataset, figures: [CustomerFigures], today t: Day) {
    ModelWork.note()
    let th = ds.shop.thresholds
    var n = 0
    var p = 0
    for v in ds.visits where CustomerFigures.within(v.date, th.discountWindowDays, of: t) {
      n += 1
      if v.hasPromotion { p += 1 }
    }
    visits = n
    promoted = p
    onlyOnDiscount = figures.indices.filter { i in
      let f = figures[i]
      return f.discountVisits >= th.onlyOnDiscountMinVisits
        && Double(f.promotedVisits) >= th.onlyOnDiscountShare * Double(f.discountVisits) - 1e-9
    }
    warning = n > 0 && Double(p) / Double(n) > th.discountWarning
  }
}
