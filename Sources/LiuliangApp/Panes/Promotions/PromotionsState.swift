/// What the Promotions pane keeps between keys: the list's cursor and the heatmap's cell.
public struct PromotionsState: Equatable, Sendable {
  public var list = ListCursor()
  /// The heatmap cell under the cursor: weekday 1…7 and hour.
  public var heatWeekday = 1
  public var heatHour = 14
  /// Whether the cursor is in the heatmap (else in the list).
  public var heatFocus = false
}
