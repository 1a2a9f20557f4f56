/// A pane of the dashboard, named by its room's id; its number key is its place in `rooms`.
public struct Pane: Hashable, Sendable, CaseIterable, CustomStringConvertible {
  /// The panes, in the order of their number keys. A new pane is its folder and one line here.
  static var rooms: [any Room.Type] {
    [TodayRoom.self, CustomersRoom.self, MomentsRoom.self, PromotionsRoom.self, ChurnRoom.self]
  }

  public let id: String

  init(_ id: String) { self.id = id }

  /// The pane of number key n (1 is the first).
  public init?(rawValue n: Int) {
    guard n >= 1, n <= Pane.rooms.count else { return nil }
    self.init(Pane.rooms[n - 1].id)
  }

  public static var allCases: [Pane] { rooms.map { Pane($0.id) } }

  var room: any Room.Type { Pane.rooms.first { $0.id == id }! }

  /// Its number key.
  public var rawValue: Int { (Pane.rooms.firstIndex { $0.id == id } ?? 0) + 1 }

  /// The strings key of the pane's title.
  public var titleKey: String { "pane." + id }
  public var description: String { id }

  /// The number keys of the panes as help and hints name them: "1–5" for five panes.
  public static var keyRange: String { "1–\(min(9, rooms.count))" }

  public var next: Pane { Pane(rawValue: rawValue % Pane.rooms.count + 1)! }
  public var previous: Pane { Pane(rawValue: (rawValue + Pane.rooms.count - 2) % Pane.rooms.count + 1)! }
}

/// The panes the code names; a pane that nothing outside its folder names needs no line here.
extension Pane {
  public static let today = Pane(TodayRoom.id)
  public static let customers = Pane(CustomersRoom.id)
  public static let moments = Pane(MomentsRoom.id)
  public static let promotions = Pane(PromotionsRoom.id)
  public static let churn = Pane(ChurnRoom.id)
}
