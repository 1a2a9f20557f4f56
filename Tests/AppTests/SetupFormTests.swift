import Foundation
import LiuliangApp
import LiuliangModel
import LiuliangRender
import XCTest

/// `:setup`: shop.toml's name, language, hours and slots in a form; a bad value keeps the form
/// open on its field with one sentence, a good one becomes one write of the settings.
final class SetupFormTests: XCTestCase {
  func openSetup(_ s: inout AppState) {
    _ = press(&s, .char(":"))
    typed(&s, "setup")
    _ = press(&s, .enter)
  }

  func testBadHoursKeepTheFormOpenOnThatFieldWithItsSentence() {
    var s = Demo.state()
    openSetup(&s)
    XCTAssertEqual(form(s)?.purpose, .setup)
    XCTAssertEqual(form(s)?.fields[0].text, s.dataset.shop.name)
    // Fields: name, language, mon … sun, slots. Tuesday's hours end at 25:00, not a time.
    _ = press(&s, .tab, .tab, .tab, .ctrl("u"))
    typed(&s, "10:30-25:00")
    XCTAssertEqual(press(&s, .ctrl("s")), [])
    XCTAssertEqual(form(s)?.focus, 3)
    XCTAssertEqual(form(s)?.problem(3, promotions: []), "form.err.hours")
    let screen = Demo.lines(s).joined()
    XCTAssertTrue(screen.contains("营业时间写成"), screen)
    // Slots that are not times: the form goes to them once Tuesday is fixed.
    _ = press(&s, .ctrl("u"))
    typed(&s, "10:30-14:00")
    _ = press(&s, .backTab, .backTab, .backTab, .backTab, .ctrl("u"))
    XCTAssertEqual(form(s)?.focus, 9)
    typed(&s, "7:30, noon")
    XCTAssertEqual(press(&s, .ctrl("s")), [])
    XCTAssertEqual(form(s)?.focus, 9)
    XCTAssertEqual(form(s)?.problem(9, promotions: []), "form.err.slots")
  }

  func testAGoodFormIsOneWriteOfTheSettings() {
    var s = Demo.state()
    openSetup(&s)
    _ = press(&s, .ctrl("u"))
    typed(&s, "王记面馆")
    // The language is a cycler showing words: → goes from 中文 to English.
    _ = press(&s, .tab, .right)
    XCTAssertEqual(form(s)?.fields[1].text, "en")
    XCTAssertTrue(Demo.lines(s).joined().contains("English"))
    _ = press(&s, .tab, .ctrl("u"))
    typed(&s, "11:00-14:00, 17:00-24:00")
    _ = press(&s, .backTab, .backTab, .backTab, .ctrl("u"))
    typed(&s, "[\"08:00\", \"12:00\"]")
    var shop = s.dataset.shop
    shop.name = "王记面馆"
    shop.language = "en"
    shop.hours[1] = [
      ClosedOpenTime(from: TimeOfDay("11:00")!, to: TimeOfDay("14:00")!),
      ClosedOpenTime(from: TimeOfDay("17:00")!, to: TimeOfDay("24:00", allowEndOfDay: true)!),
    ]
    shop.slots = [TimeOfDay("08:00")!, TimeOfDay("12:00")!]
    XCTAssertEqual(press(&s, .ctrl("s")), [.saveShop(shop)])
    XCTAssertEqual(s.overlay, .none)
  }

  func testUnchangedWritesNothing() {
    var s = Demo.state()
    openSetup(&s)
    XCTAssertEqual(press(&s, .ctrl("s")), [])
    XCTAssertEqual(s.overlay, .none)
    XCTAssertEqual(s.messageIsError, false)
  }
}
