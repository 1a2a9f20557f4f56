/// What the Moments pane keeps between keys: the week it shows and the cell under the cursor.
public struct MomentsState: Equatable, Sendable {
  /// Weeks from T's week.
  public var weekOffset = 0
  /// The selected day, 0 = Monday.
  public var day = 0
  /// The posting slot under the cursor (an index into shop.toml's slots).
  public var slotRow = 0
}
