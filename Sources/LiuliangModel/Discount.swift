/// How much of the trade comes with a promotion, and who only comes for one.
public struct DiscountDependence: Sendable {
  /// All visits (walk-ins included) in the discount window, and those with a promotion.
  public internal(set) var visits: Int
  public internal(set) var promoted: Int
  /// Customers with at least `only_on_discount_min_visits` visits in the window, `only_on_discount_share`
  /// or more of them with a promotion (indexes into `Dataset.customers`).
  public internal(set) var onlyOnDiscount: [Int]
  public internal(set) var warning: Bool

  public var share: Double? { visits == 0 ? nil : Double(promoted) / Double(visits) }

  public init(_ ds: Dataset, figures: [CustomerFigures], today t: Day) {
    ModelWork.note()
    self.init(VisitTallies(ds.visits, today: t, ds.shop.thresholds), figures: figures, ds.shop.thresholds)
  }

  /// From the log's counts in the discount window, already walked for the slots as well.
  init(_ tallies: VisitTallies, figures: [CustomerFigures], _ th: Thresholds) {
    let n = tallies.discountVisits
    let p = tallies.promoted
    visits = n
    promoted = p
    onlyOnDiscount = figures.indices.filter { DiscountDependence.onlyOn(figures[$0], th) }
    warning = n > 0 && Double(p) / Double(n) > th.discountWarning
  }
}

extension DiscountDependence {
  /// Whether a customer with figures f comes only on discount.
  static func onlyOn(_ f: CustomerFigures, _ th: Thresholds) -> Bool {
    f.discountVisits >= th.onlyOnDiscountMinVisits
      && Double(f.promotedVisits) >= th.onlyOnDiscountShare * Double(f.discountVisits) - 1e-9
  }
}
