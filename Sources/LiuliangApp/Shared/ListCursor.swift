/// The selected row and the first visible row of a scrolling list, kept consistent.
public struct ListCursor: Equatable, Sendable {
  public private(set) var index = 0
  public private(set) var offset = 0
  public private(set) var count = 0

  public init(count: Int = 0) { self.count = max(0, count) }

  /// Moves by `delta` rows, clamped to the list.
  public mutating func move(by delta: Int, visible: Int) {
    guard count > 0 else { return }
    index = min(max(index + delta, 0), count - 1)
    scrollIntoView(visible: visible)
  }

  public mutating func jump(to row: Int, visible: Int) {
    guard count > 0 else { return }
    index = min(max(row, 0), count - 1)
    scrollIntoView(visible: visible)
  }

  /// A new length (after a filter, a reload or a delete) keeps the cursor inside.
  public mutating func setCount(_ n: Int, visible: Int) {
    count = max(0, n)
    index = count == 0 ? 0 : min(index, count - 1)
    scrollIntoView(visible: visible)
  }

  public mutating func scrollIntoView(visible: Int) {
    let v = max(1, visible)
    if index < offset { offset = index }
    if index >= offset + v { offset = index - v + 1 }
    offset = max(0, min(offset, max(0, count - v)))
  }
}
