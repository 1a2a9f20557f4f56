import LiuliangModel
import LiuliangText

/// What a report of the whole shop is made from: the records, their analysis, the words.
public struct ReportInputs {
  let ds: Dataset
  let a: Analysis
  let w: Wording
}

/// A report that needs nothing but the shop's records, their analysis and the words: the
/// commands make each one the same way, from the same three values.
public protocol ShopReport {
  var inputs: ReportInputs { get }
  init(inputs: ReportInputs)
}

extension ShopReport {
  public init(_ ds: Dataset, _ a: Analysis, wording: Wording) {
    self.init(inputs: ReportInputs(ds: ds, a: a, w: wording))
  }

  var ds: Dataset { inputs.ds }
  var a: Analysis { inputs.a }
  var w: Wording { inputs.w }
}
