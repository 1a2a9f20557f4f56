/// What the Today pane keeps between keys: the reach-out list as a queue and its cursor.
public struct TodayState: Sendable {
  /// The cursor over `queue.entries`.
  public var reach = ListCursor()
  /// The reach-out list as a queue: filter, order, what was sent today, the prepared message.
  public var queue = ReachQueue()
}
