import Dispatch

/// How many times a figure was computed from the data in this process. Every computation that
/// walks the records (the analysis, trends, content checks, cohorts, effects, rates, the pane
/// lists) counts one here; reading a figure counts nothing. A test draws every pane over and
/// over and holds this still: a view that computes is a walk over a million customers per frame.
public enum ModelWork {
  nonisolated(unsafe) private static var done = 0
  /// Counts are taken from the workers of `Trends` too, so they pass through one queue.
  private static let queue = DispatchQueue(label: "liuliang.model-work")

  /// Computations so far.
  public static var count: Int { queue.sync { done } }

  static func note() { queue.sync { done += 1 } }
}
