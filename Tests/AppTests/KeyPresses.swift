import LiuliangApp
import LiuliangRender
import XCTest

/// Keys into the update function as the runner sends them, for every test of the dashboard.
extension XCTestCase {
  /// Each key in turn; the effects they asked for, in order.
  @discardableResult
  func press(_ s: inout AppState, _ keys: Key...) -> [Effect] {
    var out: [Effect] = []
    for k in keys { out += update(&s, .key(k)) }
    return out
  }

  /// Each character of `text` as a key, as typing it would send them.
  func typed(_ s: inout AppState, _ text: String) { for c in text { _ = update(&s, .key(.char(c))) } }

  /// The form on screen, if one is.
  func form(_ s: AppState) -> Form? {
    if case .form(let f) = s.overlay { return f }
    return nil
  }
}
