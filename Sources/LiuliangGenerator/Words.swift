/// The demo's Chinese vocabulary, kept as data files beside the generator.
struct Words {
  let surnames: [String]
  let given: [String]
  let tags: [String]
  let notes: [String]
  let nicknames: [String]
  /// reason id | text
  let complaints: [(String, String)]
  /// category | benefit | meaning | fun | text
  let posts: [(category: String, benefit: Bool, meaning: Bool, fun: Bool, text: String)]

  let promotionNames: [String]
  let shopName: String
  let sources: [String]
  /// A till export's header, then its order types (as often as they occur).
  let till: [[String]]

  static let shared = Words()

  init() {
    func lines(_ name: String) -> [String] {
      guard let text = embeddedText["words/\(name).txt"] else { return [] }
      return text.split(separator: "\n").map(String.init).filter { !$0.isEmpty }
    }
    func spaced(_ name: String) -> [String] {
      lines(name).flatMap { $0.split(separator: " ").map(String.init) }
    }
    surnames = spaced("surnames")
    given = spaced("given")
    tags = spaced("tags")
    nicknames = spaced("nicknames")
    notes = lines("notes")
    promotionNames = lines("promotions")
    shopName = lines("shop").first ?? ""
    sources = lines("sources")
    till = lines("till").map { $0.split(separator: " ").map(String.init) }
    complaints = lines("complaints").map {
      let p = $0.split(separator: "|", maxSplits: 1).map(String.init)
      return (p[0], p.count > 1 ? p[1] : "")
    }
    posts = lines("posts").map {
      let p = $0.split(separator: "|", maxSplits: 4).map(String.init)
      return (p[0], p[1] == "1", p[2] == "1", p[3] == "1", p[4])
    }
  }
}
