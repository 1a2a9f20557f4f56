import LiuliangRender

/// What an empty or new store says in a pane: the first thing to do there, wrapped to the box.
/// Drawn from `line` down (the row under a table's header, say); returns whether it drew.
@discardableResult
func drawFirstSteps(_ s: AppState, _ key: String, _ buf: inout Buffer, in inner: Rect, line: Int = 0) -> Bool
{
  guard inner.width > 0 else { return false }
  var y = inner.y + line
  for l in wrap(s.text[key], width: inner.width) where y < inner.maxY {
    buf.put(l, x: inner.x, y: y, style: .dim, maxWidth: inner.width)
    y += 1
  }
  return true
}

extension AppState {
  /// No customer yet: a new store, or one whose files were emptied.
  var hasNoCustomers: Bool { dataset.customers.isEmpty }
  /// No opening hours yet: the heatmap has nothing to show.
  var hasNoHours: Bool { dataset.shop.hours.values.allSatisfy(\.isEmpty) }
}
