/// How much of a split one part asks for.
public enum Constraint: Sendable, Equatable, Hashable {
  /// Exactly this many cells (less only when the whole is too small).
  case fixed(Int)
  /// This share of the whole, in percent.
  case percent(Int)
  /// At least this many cells, then a weight-1 share of what is left.
  case min(Int)
  /// A share of what is left, proportional to the weight.
  case flex(Int)
}

public enum Direction: Sendable, Equatable, Hashable {
  /// Parts stacked top to bottom.
  case vertical
  /// Parts side by side, left to right.
  case horizontal
}

public enum Layout {
  /// Splits `r` along `direction`. Fixed parts are served first, then percentages, then the
  /// remaining space goes to `min` and `flex` parts by weight. Sizes are never negative and
  /// always add up to the rectangle: space nobody asked for goes to the last part.
  public static func split(_ r: Rect, _ direction: Direction, _ constraints: [Constraint]) -> [Rect] {
    let total = direction == .vertical ? r.height : r.width
    let sizes = sizes(total: total, constraints)
    var out: [Rect] = []
    out.reserveCapacity(sizes.count)
    var pos = 0
    for s in sizes {
      switch direction {
      case .vertical:
        out.append(Rect(x: r.x, y: r.y + pos, width: r.width, height: s))
      case .horizontal:
        out.append(Rect(x: r.x + pos, y: r.y, width: s, height: r.height))
      }
      pos += s
    }
    return out
  }

  /// The sizes `split` would give, in cells.
  public static func sizes(total: Int, _ constraints: [Constraint]) -> [Int] {
    let total = max(0, total)
    var sizes = [Int](repeating: 0, count: constraints.count)
    if constraints.isEmpty { return sizes }
    var left = total
    for (i, c) in constraints.enumerated() {
      if case .fixed(let n) = c {
        sizes[i] = Swift.min(Swift.max(0, n), left)
        left -= sizes[i]
      }
    }
    for (i, c) in constraints.enumerated() {
      if case .percent(let p) = c {
        sizes[i] = Swift.min(total * Swift.max(0, p) / 100, left)
        left -= sizes[i]
      }
    }
    var weights = [Int](repeating: 0, count: constraints.count)
    for (i, c) in constraints.enumerated() {
      switch c {
      case .min(let n):
        sizes[i] = Swift.min(Swift.max(0, n), left)
        left -= sizes[i]
        weights[i] = 1
      case .flex(let w):
        weights[i] = Swift.max(0, w)
      default:
        break
      }
    }
    let weightSum = weights.reduce(0, +)
    if left > 0 && weightSum > 0 {
      share(left, by: weights, into: &sizes)
      left = 0
    }
    if left > 0 { sizes[sizes.count - 1] += left }
    return sizes
  }

  /// Adds `extra` cells to `sizes` in proportion to `weights` (parts weighted 0 get none).
  static func share(_ extra: Int, by weights: [Int], into sizes: inout [Int]) {
    let weightSum = weights.reduce(0, +)
    var given = 0
    for i in weights.indices where weights[i] > 0 {
      let share = extra * weights[i] / weightSum
      sizes[i] += share
      given += share
    }
    // Rounding leftovers go one cell each to the first weighted parts.
    var rest = extra - given
    for i in weights.indices where weights[i] > 0 && rest > 0 {
      sizes[i] += 1
      rest -= 1
    }
  }
}
