/// What the Churn pane keeps between keys: a cursor in each of its two lists and which one
/// has the focus.
public struct ChurnState: Equatable, Sendable {
  /// At-risk customers by spend (`Analysis.atRiskBySpend`).
  public var atRisk = ListCursor()
  /// The complaint log.
  public var complaints = ListCursor()
  /// Whether the cursor is in the complaint log (else in the at-risk list).
  public var complaintFocus = false
}
