import LiuliangModel

/// Puts the model's ids and figures into the user's language. Files keep ids; screens and text
/// output show these words.
public struct Wording: Sendable {
  public let text: Text

  public init(_ text: Text) { self.text = text }

  public func segment(_ s: Segment) -> String { text["segment." + s.rawValue] }
  public func tier(_ t: Tier) -> String { text["tier." + t.rawValue] }
  public func reason(_ r: Reason) -> String { text["reason." + r.rawValue] }
  public func channel(_ c: Channel) -> String { text["channel." + c.rawValue] }
  public func category(_ c: PostCategory) -> String { text["category." + c.rawValue] }
  public func status(_ s: PostStatus) -> String { text["status." + s.rawValue] }
  public func kind(_ k: PromotionKind) -> String { text["kind." + k.rawValue] }
  public func weekday(_ d: Int) -> String { text["weekday.\(d)"] }

  public func audience(_ a: Audience) -> String {
    switch a {
    case .everyone: return text["audience.everyone"]
    case .friends: return text["audience.friends"]
    case .vip: return text["audience.vip"]
    case .members: return text["audience.members"]
    case .segment(let s): return text("audience.segment", segment(s))
    case .tag(let t): return text("audience.tag", t)
    }
  }

  /// The segment rule that fired, in words.
  public func why(_ w: SegmentWhy) -> String {
    switch w {
    case .churned(let on, let r): return text("why.churned", on, reason(r))
    case .member: return text["why.member"]
    case .topCustomer(let r, let f, let fc, let m, let mc): return text("why.top", r, f, fc, m, mc)
    case .joined(let d): return text("why.joined", d)
    case .overdue(let r, let g): return text("why.overdue", r, Wording.number(g, digits: 1))
    case .singleVisit(let r): return text("why.single", r)
    case .asleep(let r): return text("why.asleep", r)
    case .neverVisited: return text["why.never"]
    case .frequent(let f): return text("why.frequent", f)
    case .ordinary(let f): return text("why.ordinary", f)
    }
  }

  public func reach(_ r: ReachOut, _ ds: Dataset) -> String {
    switch r.reason {
    case .atRisk(let w): return text("reach.at_risk", why(w))
    case .birthday(let d): return d == 0 ? text["reach.birthday"] : text("reach.birthday_in", d)
    case .welcome(let d): return text("reach.welcome", d)
    case .complaint(let k):
      let c = ds.complaints[k]
      return text("reach.complaint", c.date, c.text.isEmpty ? reason(c.reason) : c.text)
    }
  }

  public func problem(_ p: Problem) -> String { p.place + ": " + problemText(p.kind) }

  public func problemText(_ k: ProblemKind) -> String {
    let a = k.arguments
    switch a.count {
    case 0: return text[k.key]
    case 1: return text(k.key, a[0])
    case 2: return text(k.key, a[0], a[1])
    default: return text(k.key, a[0], a[1], a[2])
    }
  }

  /// One sentence for a store that can't be opened or written.
  public func error(_ e: StoreError) -> String {
    switch e {
    case .folderMissing(let f): return text("error.folder_missing", f)
    case .notAFolder(let f): return text("error.not_a_folder", f)
    case .cannotRead(let f, let n): return text("error.cannot_read", f, systemError(n))
    case .cannotWrite(let f, let n): return text("error.cannot_write", f, systemError(n))
    case .changedOnDisk(let f): return text("error.changed_on_disk", f)
    case .readOnly(let r): return readOnly(r)
    case .unwritableFile(let f): return text("error.unwritable_file", f)
    case .notAFile(let f): return text("error.not_a_file", f)
    case .insideStore(let p, let f): return text("error.inside_store", p, f)
    case .fileExists(let p): return text("error.file_exists", p)
    case .server(let p): return server(p)
    }
  }

  public func readOnly(_ r: ReadOnlyReason) -> String {
    switch r {
    case .locked(let pid?): return text("error.read_only_locked", pid)
    case .locked(nil): return text["error.read_only_locked_nopid"]
    case .folderNotWritable(let n): return text("error.read_only_folder", systemError(n))
    case .requested: return text["error.read_only_requested"]
    case .notAFile(let f): return text("error.read_only_not_a_file", f)
    case .wholeChain: return text["chain.err.whole_chain"]
    }
  }

  /// `46.2%`; "–" when there is no share to show.
  public static func percent(_ v: Double?, digits: Int = 1) -> String {
    guard let v else { return "–" }
    return number(v * 100, digits: digits) + "%"
  }

  /// A fixed number of decimals, without Foundation's locale-dependent formatting.
  public static func number(_ v: Double, digits: Int) -> String {
    if digits == 0 { return String(Int(v.rounded())) }
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    let scaled = Int((abs(v) * scale).rounded())
    let whole = scaled / Int(scale)
    var frac = String(scaled % Int(scale))
    while frac.count < digits { frac = "0" + frac }
    return (v < 0 && scaled != 0 ? "-" : "") + "\(whole).\(frac)"
  }
}
