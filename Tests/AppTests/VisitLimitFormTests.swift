import Foundation
import LiuliangApp
import LiuliangModel
import LiuliangRender
import LiuliangText
import XCTest

/// The visit form saves only what a visit keeps: an amount up to 21474836.47 yuan (2^31 − 1
/// fen) and one of the first 16,384 promotions; anything past is refused before it is saved.
final class VisitLimitFormTests: XCTestCase {
  func testAnAmountPastWhatAVisitKeepsIsRefusedAndTheLimitSaved() {
    for lang in ["zh-Hans", "en"] {
      var s = Demo.state(lang)
      let before = s.dataset.visits.count
      _ = press(&s, .char("2"), .char("v"))
      typed(&s, "21474836.48")
      XCTAssertEqual(press(&s, .ctrl("s")), [], lang)
      XCTAssertEqual(s.dataset.visits.count, before, lang)
      XCTAssertEqual(form(s)?.focus, 0, lang)
      let screen = Demo.lines(s).joined(separator: "\n")
      let words = Text(language: lang)["form.err.money_limit"]
      XCTAssertTrue(screen.contains(String(words.prefix(12))), screen)
      _ = press(&s, .backspace)
      typed(&s, "7")
      XCTAssertEqual(form(s)?.fields[0].text, "21474836.47", lang)
      XCTAssertEqual(press(&s, .ctrl("s")).count, 1, lang)
      XCTAssertEqual(s.dataset.visits.count, before + 1, lang)
      XCTAssertEqual(s.dataset.visits.last?.amount, Money(fen: 2_147_483_647), lang)
    }
  }

  /// With 16,385 promotions running, the last is not offered: typing its name finds nothing.
  func testAPromotionPastWhatAVisitCanNameIsNotOffered() {
    var ds = Demo.store.dataset
    let first = ds.promotions.count
    for k in first..<Visit.promotionLimit - 1 {
      ds.promotions.append(Promotion(id: "X\(k)", name: "常规\(k)", kind: .offpeak))
    }
    ds.promotions.append(Promotion(id: "LAST", name: "可以选", kind: .offpeak))
    ds.promotions.append(Promotion(id: "PAST", name: "选不到", kind: .offpeak))
    XCTAssertEqual(ds.promotions.count, Visit.promotionLimit + 1)
    var s = AppState(
      dataset: ds, problems: [], today: Demo.today, folder: "~/shop", text: Text(language: "zh-Hans"),
      width: 80,
      height: 24)
    _ = press(&s, .char("2"), .char("v"))
    typed(&s, "30")
    _ = press(&s, .tab, .tab)
    typed(&s, "可以选")
    XCTAssertEqual(form(s)?.fields[2].text, "LAST")
    _ = press(&s, .ctrl("u"))
    typed(&s, "选不到")
    XCTAssertNotEqual(form(s)?.fields[2].text, "PAST")
  }
}
