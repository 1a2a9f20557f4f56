/// New ids in the store's own pattern: after C0001 … C0763 comes C0764; a store with no such
/// ids gets the kind's letter and four digits.
public struct IDMaker {
  public var prefix: String
  public var width: Int
  public var next: Int
  public var taken: Set<String>

  public init(_ ids: [String], defaultPrefix: String, defaultWidth: Int) {
    var best: [String: (count: Int, max: Int, width: Int)] = [:]
    for id in ids {
      guard let firstDigit = id.firstIndex(where: \.isASCIIDigit) else { continue }
      let p = String(id[..<firstDigit])
      let digits = id[firstDigit...]
      guard p.allSatisfy({ $0.isASCII && $0.isLetter }), digits.allSatisfy(\.isASCIIDigit),
        let n = Int(digits)
      else { continue }
      let b = best[p] ?? (0, 0, 0)
      best[p] = (b.count + 1, max(b.max, n), max(b.width, digits.count))
    }
    let pick = best.max { ($0.value.count, $1.key) < ($1.value.count, $0.key) }
    prefix = pick?.key ?? defaultPrefix
    width = pick?.value.width ?? defaultWidth
    next = (pick?.value.max ?? 0) + 1
    taken = Set(ids)
  }

  public mutating func make() -> String {
    while true {
      let digits = String(next)
      let id = prefix + String(repeating: "0", count: max(0, width - digits.count)) + digits
      next += 1
      if taken.insert(id).inserted { return id }
    }
  }
}

extension Character {
  public var isASCIIDigit: Bool { isASCII && isNumber }
}
