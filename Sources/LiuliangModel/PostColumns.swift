/// The columns of posts.csv, in the file's order (PRODUCT.md), each with its name and how a
/// post's field is written there; the store reads by them and the post form names its fields
/// by them.
public enum PostColumn: Int, CaseIterable, Sendable {
  case id, date, slot, category, text, media, benefit, meaning, fun, status, likes, comments

  /// The column's name in the file.
  public var name: String { Self.names[rawValue] }

  static let names = [
    "id", "date", "slot", "category", "text", "media", "benefit", "meaning", "fun", "status", "likes",
    "comments",
  ]

  /// The field as the file holds it.
  public func format(_ p: Post) -> String {
    switch self {
    case .id: return p.id
    case .date: return p.date?.description ?? ""
    case .slot: return p.slot?.description ?? ""
    case .category: return p.category.rawValue
    case .text: return p.text
    case .media: return p.media
    case .benefit: return p.benefit ? "1" : "0"
    case .meaning: return p.meaning ? "1" : "0"
    case .fun: return p.fun ? "1" : "0"
    case .status: return p.status.rawValue
    case .likes: return String(p.likes)
    case .comments: return String(p.comments)
    }
  }
}
