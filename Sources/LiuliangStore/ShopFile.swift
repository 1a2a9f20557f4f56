import LiuliangModel

/// shop.toml, read with the store's own TOML reader: every key optional, a bad value reported
/// and its default used, a line that is not TOML reported and skipped.
public enum ShopFile {
  public static let name = "shop.toml"

  /// `[store] url`: the chain's database this folder's shop keeps its records in, if any.
  public static func storeURL(_ text: String) -> String? {
    TOML.parse(text).0["store"]?.table?["url"]?.string
  }

  public static func parse(_ text: String) -> (Shop, [Problem]) {
    var shop = Shop()
    let (table, errors) = TOML.parse(text)
    var problems = errors.map {
      Problem(file: name, line: $0.line, kind: .badTOML($0.reason, subject: $0.subject))
    }
    func problem(_ t: TOMLTable, _ key: String) {
      problems.append(
        Problem(file: name, line: t.line(of: key), kind: .badSetting(key: key, value: "\(t[key]!)")))
    }
    if let v = table["name"] {
      if let s = v.string { shop.name = s } else { problem(table, "name") }
    }
    if let v = table["language"] {
      if let s = v.string, ["zh-Hans", "en"].contains(s) {
        shop.language = s
      } else {
        problem(table, "language")
      }
    }
    if let v = table["mouse"] {
      if case .bool(let b) = v { shop.mouse = b } else { problem(table, "mouse") }
    }
    if let v = table["slots"] {
      let slots = v.array?.map { $0.string.flatMap { TimeOfDay($0) } }
      if let slots, !slots.contains(where: { $0 == nil }) {
        shop.slots = slots.compactMap { $0 }.sorted()
      } else {
        problem(table, "slots")
      }
    }
    if let hours = table["hours"]?.table {
      for (d, key) in Shop.weekdayKeys.enumerated() {
        guard let v = hours[key] else { continue }
        if let s = v.string, let h = Shop.parseHours(s) {
          shop.hours[d + 1] = h
        } else {
          problem(hours, key)
        }
      }
    }
    if let t = table["thresholds"]?.table {
      for key in t.keys {
        guard let number = t[key]?.number, shop.thresholds.set(key, number) else {
          problem(t, key)
          continue
        }
      }
    }
    problems.sort { $0.line < $1.line }
    return (shop, problems)
  }

  /// A shop.toml for a new store, in the shape PRODUCT.md shows.
  public static func text(_ shop: Shop) -> String {
    func quoted(_ s: String) -> String {
      "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        + "\""
    }
    var out = "name = \(quoted(shop.name))\n"
    if !shop.language.isEmpty { out += "language = \(quoted(shop.language))\n" }
    out += "slots = [" + shop.slots.map { quoted($0.description) }.joined(separator: ", ") + "]\n\n[hours]\n"
    for (d, key) in Shop.weekdayKeys.enumerated() {
      out += "\(key) = \(quoted(hoursText(shop.hours[d + 1] ?? [])))\n"
    }
    return out
  }
}

extension String {
  fileprivate func replacingOccurrences(of a: String, with b: String) -> String {
    split(separator: a, omittingEmptySubsequences: false).joined(separator: b)
  }
}

extension Thresholds {
  /// Sets a shop.toml threshold by its key; false for an unknown key or a value out of range.
  public mutating func set(_ key: String, _ v: Double) -> Bool {
    let whole = v >= 0 && v == v.rounded() && v < 1e9 ? Int(v) : nil
    func days(_ p: WritableKeyPath<Thresholds, Int>) -> Bool {
      guard let w = whole else { return false }
      self[keyPath: p] = w
      return true
    }
    func share(_ p: WritableKeyPath<Thresholds, Double>, max: Double = 1) -> Bool {
      guard v >= 0, v <= max else { return false }
      self[keyPath: p] = v
      return true
    }
    switch key {
    case "active_days": return days(\.activeDays)
    case "repurchase_window_days": return days(\.repurchaseWindowDays)
    case "repurchase_target": return share(\.repurchaseTarget)
    case "new_days": return days(\.newDays)
    case "rfm_window_days": return days(\.rfmWindowDays)
    case "super_top_share": return share(\.superTopShare)
    case "super_max_recency_days": return days(\.superMaxRecencyDays)
    case "at_risk_gap_factor": return share(\.atRiskGapFactor, max: 1000)
    case "at_risk_min_days": return days(\.atRiskMinDays)
    case "at_risk_single_visit_days": return days(\.atRiskSingleVisitDays)
    case "at_risk_max_days": return days(\.atRiskMaxDays)
    case "sleeping_days": return days(\.sleepingDays)
    case "loyal_visits": return days(\.loyalVisits)
    case "slot_weeks": return whole.map { $0 > 0 } == true && days(\.slotWeeks)
    case "offpeak_ratio": return share(\.offpeakRatio, max: 1000)
    case "peak_ratio": return share(\.peakRatio, max: 1000)
    case "discount_window_days": return days(\.discountWindowDays)
    case "discount_warning": return share(\.discountWarning)
    case "only_on_discount_min_visits": return days(\.onlyOnDiscountMinVisits)
    case "only_on_discount_share": return share(\.onlyOnDiscountShare)
    case "birthday_days": return days(\.birthdayDays)
    case "max_posts_per_day": return days(\.maxPostsPerDay)
    case "max_promo_share": return share(\.maxPromoShare)
    case "churn_window_days": return days(\.churnWindowDays)
    case "silent_per_complaint": return days(\.silentPerComplaint)
    default: return false
    }
  }
}
