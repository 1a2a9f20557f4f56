import LiuliangModel
import LiuliangRender
import LiuliangReport
import LiuliangText

/// Whether the messages worked, on the Churn pane: the win-back rate beside the come-back rate
/// of the at-risk nobody contacted, then the welcome and birthday rates, each with its counts.
/// The figures are the model's (`Analysis.rates`), the same as `report reachout`.
enum ReachOutRatesBox {
  /// Rows it takes: its border and two lines.
  static let height = 4

  static func draw(_ s: AppState, _ buf: inout Buffer, _ rect: Rect) {
    guard rect.height >= 3 else { return }
    let r = s.analysis.rates
    let inner = Block(title: s.text["rates.box_title"]).draw(into: &buf, in: rect)
    let half = inner.width / 2
    let cells: [(String, ContactOutcome, Style)] = [
      (s.text["rates.short.win_back"], r.winBack, .accent),
      (s.text["rates.short.uncontacted"], r.uncontacted, .dim),
      (s.text["rates.short.welcome"], r.welcome, .accent),
      (s.text["rates.short.birthday"], r.birthday, .accent),
    ]
    for (k, c) in cells.enumerated() {
      let y = inner.y + k / 2
      guard y < inner.maxY else { break }
      let x = inner.x + (k % 2) * half
      let width = k % 2 == 0 ? half - 1 : inner.width - half
      let w = buf.put(fit(c.0 + " ", width: width), x: x, y: y, style: c.2, maxWidth: width)
      var figure = Wording.percent(c.1.rate, digits: 0) + " " + "\(c.1.followed)/\(c.1.count)"
      // Where the whole count does not fit (English at 80 columns), the contacts alone.
      if w + CellWidth.of(figure) > width { figure = Wording.percent(c.1.rate, digits: 0) + " /\(c.1.count)" }
      buf.put(fit(figure, width: width - w), x: x + w, y: y, maxWidth: width - w)
    }
  }
}
