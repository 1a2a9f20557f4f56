/// The WeChat message prepared for a reach-out entry: a template per contact kind, with
/// `{name}` `{shop}` `{days}` `{offer}` filled in.
public enum Messages {
  /// The contact kind whose template a reach-out reason uses.
  public static func kind(of r: ReachOut.Reason) -> ContactKind {
    switch r {
    case .atRisk: return .winBack
    case .birthday: return .birthday
    case .welcome: return .welcome
    case .complaint: return .complaint
    }
  }

  /// The order the owner works through the list (indexes into it): open complaints first,
  /// being few and urgent, then the rest as listed.
  public static func queueOrder(_ list: [ReachOut]) -> [Int] {
    list.indices.filter { list[$0].kindID == "complaint" }
      + list.indices.filter { list[$0].kindID != "complaint" }
  }

  /// Fills a template. With an empty offer, the sentence holding `{offer}` is left out whole,
  /// so that no "Come for ." is ever sent.
  public static func fill(_ template: String, name: String, shop: String, days: Int?, offer: String) -> String
  {
    var t = template
    if offer.isEmpty {
      t = sentences(t).filter { !$0.contains("{offer}") }.joined()
    }
    let out =
      t.replacingAll("{name}", name).replacingAll("{shop}", shop)
      .replacingAll("{days}", days.map(String.init) ?? "").replacingAll("{offer}", offer)
    return out.trimmingEdges
  }

  /// The text cut after each 。！？.!? (with the spaces after it) and each line break.
  static func sentences(_ text: String) -> [String] {
    var out: [String] = []
    var current = ""
    var ended = false
    for ch in text {
      if ended && ch != " " {
        out.append(current)
        current = ""
        ended = false
      }
      current.append(ch)
      if "。！？.!?\n".contains(ch) { ended = true }
    }
    if !current.isEmpty { out.append(current) }
    return out
  }

  /// The offer for customer i: the name and discount of a promotion running on T whose
  /// audience includes them, an off-peak one first; empty when there is none.
  public static func offer(for i: Int, _ ds: Dataset, _ a: Analysis) -> String {
    let c = ds.customers[i]
    let running = ds.promotions.filter { $0.isActive(on: a.today) && includes($0.audience, i, c, a) }
    guard let p = running.first(where: { $0.kind == .offpeak }) ?? running.first else { return "" }
    return p.discount.isEmpty ? p.name : p.name + " " + p.discount
  }

  /// The same reading of an audience as `Analysis.audienceSize`.
  static func includes(_ audience: Audience, _ i: Int, _ c: Customer, _ a: Analysis) -> Bool {
    switch audience {
    case .everyone, .friends: return true
    case .vip: return c.tier != .friend
    case .members: return c.tier == .member
    case .segment(let s): return a.segment(i) == s
    case .tag(let t): return c.tags.contains(t)
    }
  }
}

extension String {
  func replacingAll(_ target: String, _ with: String) -> String {
    let t = Array(target)
    let s = Array(self)
    guard !t.isEmpty else { return self }
    var out = ""
    var i = 0
    while i < s.count {
      if i + t.count <= s.count && s[i] == t[0] && Array(s[i..<i + t.count]) == t {
        out += with
        i += t.count
      } else {
        out.append(s[i])
        i += 1
      }
    }
    return out
  }

  var trimmingEdges: String {
    var s = Substring(self)
    while let f = s.first, f == " " || f == "\n" { s.removeFirst() }
    while let l = s.last, l == " " || l == "\n" { s.removeLast() }
    return String(s)
  }
}
