import LiuliangRender

/// The rectangles of each pane, shared by the view (to draw) and the update (to page by the
/// number of rows actually shown).
public enum Layouts {
  public static let minWidth = 80
  public static let minHeight = 24
  static let tileHeight = 6

  static func body(_ s: AppState) -> Rect { Rect(x: 0, y: 1, width: s.width, height: max(0, s.height - 2)) }

  /// Today: tiles on top, the reach-out list at the left, posts, off-peak and churn at the right.
  static func today(_ s: AppState) -> (tiles: Rect, list: Rect, side: Rect) {
    let (tiles, rest) = body(s).splitTop(tileHeight)
    let (list, side) = rest.splitLeft(rest.width * 11 / 20)
    return (tiles, list, side)
  }

  /// The list's box less its border, the filter bar and the header.
  static func todayListRows(_ s: AppState) -> Int { max(1, today(s).list.height - 4) }

  static func customerRows(_ s: AppState) -> Int { max(1, body(s).height - 3) }

  /// Promotions: the heatmap on top (7 weekdays, hour labels, border), the list below.
  static func promotions(_ s: AppState) -> (heat: Rect, list: Rect, side: Rect) {
    let (top, bottom) = body(s).splitTop(min(11, body(s).height / 2))
    let (list, side) = bottom.splitLeft(bottom.width * 3 / 5)
    return (top, list, side)
  }

  static func promotionRows(_ s: AppState) -> Int { max(1, promotions(s).list.height - 3) }

  /// Churn: reasons at the left and at-risk customers over complaints at the right; below them
  /// a band across the pane with the retention triangle and, beside it, the monthly trend.
  static func churn(_ s: AppState) -> (
    reasons: Rect, trend: Rect, atRisk: Rect, complaints: Rect, retention: Rect
  ) {
    let b = body(s)
    let (top, band) = b.splitBottom(retentionBandHeight(b.height))
    let (left, right) = top.splitLeft(top.width / 2)
    let (atRisk, complaints) = right.splitTop(right.height - right.height * 2 / 5)
    let (retention, trend) = band.splitLeft(min(band.width - 18, retentionWidth(s)))
    return (left, trend, atRisk, complaints, retention)
  }

  /// Borders, the header row and up to 12 cohorts: 8 rows (5 cohorts) at 24 lines, all 12 from
  /// about 38 lines.
  static func retentionBandHeight(_ body: Int) -> Int { min(15, max(8, body * 2 / 5)) }

  /// The triangle's box: the month label, 12 cells of 4, the size, borders.
  static func retentionWidth(_ s: AppState) -> Int {
    let g = RetentionGrid(s)
    return g.labelWidth + 12 * RetentionGrid.cell + 1 + g.sizeWidth + 2
  }

  static func atRiskRows(_ s: AppState) -> Int { max(1, churn(s).atRisk.height - 3) }

  static func complaintRows(_ s: AppState) -> Int { max(1, churn(s).complaints.height - 2) }
}
