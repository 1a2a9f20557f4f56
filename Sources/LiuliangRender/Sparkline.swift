/// A one-row chart of a series with the eight block heights ▁…█.
public struct Sparkline: Sendable {
  public static var bars: [Character] { Glyphs.current.heights }

  public var values: [Double]
  public var style: Style

  public init(values: [Double], style: Style = .plain) {
    self.values = values
    self.style = style
  }

  /// The bars of the last `width` values (all of them when `width` is nil), scaled from the
  /// smallest to the largest value of the whole series, so cutting the start does not change
  /// the height of the rest. A flat series shows middle bars; an empty one shows nothing.
  public func text(width: Int? = nil) -> String {
    var vs = values
    if let w = width { vs = Array(vs.suffix(max(0, w))) }
    if vs.isEmpty { return "" }
    let finite = values.filter { $0.isFinite }
    let lo = finite.min() ?? 0
    let hi = finite.max() ?? 0
    var out = ""
    for v in vs {
      if !(hi > lo) || !v.isFinite {
        out.append(Sparkline.bars[3])
        continue
      }
      let t = (v - lo) / (hi - lo)
      let i = Int((t * 7).rounded())
      out.append(Sparkline.bars[min(7, max(0, i))])
    }
    return out
  }

  /// Draws on the first row of `rect`, newest value at the right end of the series.
  public func draw(into buf: inout Buffer, in rect: Rect) {
    if rect.isEmpty { return }
    buf.put(text(width: rect.width), x: rect.x, y: rect.y, style: style, maxWidth: rect.width)
  }
}
