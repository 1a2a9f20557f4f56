import Foundation
import LiuliangModel
import LiuliangRender
import XCTest

@testable import LiuliangApp

/// Help that is longer than the screen scrolls and says so; the key-hint line always keeps
/// `? help`, dropping the last hints first.
final class HelpAndHintTests: XCTestCase {
  func offset(_ s: AppState) -> Int? {
    if case .help(let o) = s.overlay { return o }
    return nil
  }

  func testHelpScrollsByPageAndToEitherEndAndSaysThereIsMore() {
    var s = Demo.state("en", width: 80, height: 24)
    press(&s, .char("2"), .char("?"))
    var screen = Demo.lines(s).joined(separator: "\n")
    XCTAssertTrue(screen.contains(s.text["help.more_below"]), screen)
    press(&s, .pageDown)
    let page = offset(s)!
    XCTAssertGreaterThan(page, 1, "a page is more than a line")
    press(&s, .char("G"))
    let end = offset(s)!
    XCTAssertGreaterThanOrEqual(end, page)
    screen = Demo.lines(s).joined(separator: "\n")
    XCTAssertTrue(screen.contains(s.text["help.more_above"]), screen)
    XCTAssertFalse(screen.contains(s.text["help.more_below"]), screen)
    // Past the end nothing moves, so one k is one line back up.
    press(&s, .char("j"), .char("j"), .char("k"))
    XCTAssertEqual(offset(s), end - 1)
    press(&s, .pageUp, .pageUp, .pageUp, .pageUp, .pageUp, .pageUp)
    XCTAssertEqual(offset(s), 0)
    press(&s, .char("G"), .char("g"))
    XCTAssertEqual(offset(s), 0)
  }

  func testEveryPaneKeepsHelpOnTheStatusLineAt80x24() {
    for lang in ["zh-Hans", "en"] {
      var s = Demo.state(lang, width: 80, height: 24)
      for p in Pane.allCases {
        s.pane = p
        let line = Demo.lines(s).last!
        let help = lang == "en" ? "? help" : "?帮助"
        XCTAssertTrue(line.contains(help), "\(lang) \(p): \(line)")
        XCTAssertFalse(line.contains("…"), "\(lang) \(p): \(line)")
      }
    }
  }

  func testHintsDropFromTheEndButKeepHelp() {
    let line = "/ search  s sort  f filter  a add  ? help"
    XCTAssertEqual(keyHints(line, room: 100), line)
    XCTAssertEqual(keyHints(line, room: 30), "/ search  s sort  ? help")
    XCTAssertEqual(keyHints(line, room: 3), "? help")
    XCTAssertEqual(keyHints("↵客户 ?帮助 q退出", room: 12), "↵客户 ?帮助")
  }

  /// The words that name the pane keys take their range from the pane list (five panes: 1–5),
  /// so a sixth pane needs no sentence changed; no placeholder ever reaches the screen.
  func testPaneKeyRangeComesFromThePaneList() {
    for lang in ["zh-Hans", "en"] {
      var s = Demo.state(lang, width: 100, height: 60)
      press(&s, .char("?"))
      let help = Demo.lines(s).joined(separator: "\n")
      XCTAssertTrue(help.contains(s.text("key.panes", "1–5")), help)
      XCTAssertTrue(help.contains(s.text("key.next_box", "1–5")), help)
      XCTAssertFalse(help.contains("{1}"), help)
      press(&s, .escape, .tab)
      XCTAssertEqual(s.message, s.text("msg.one_box", "1–5"))
      XCTAssertFalse(s.message!.contains("{1}"))
    }
  }

  /// `?` lists every : command with what it does, and every word it lists is one the command
  /// line knows; a pane is also reached by its id or number.
  func testHelpListsTheCommandsAndEachIsKnown() {
    let s = Demo.state("en", width: 120, height: 80)
    let help = Keymap.help(.today, text: { s.text[$0] })
    XCTAssertEqual(help.last?.heading, "Commands (: then the word)")
    XCTAssertTrue(help.last!.entries.contains { $0.keys == ":setup" && $0.text == s.text["cmd.setup"] })
    XCTAssertTrue(help.last!.entries.contains { $0.keys == ":import FILE [KIND]" })
    for name in Command.names {
      var t = Demo.state("en")
      _ = runCommand(&t, name)
      XCTAssertFalse(t.message?.hasPrefix("Unknown command") ?? false, "\(name): \(t.message ?? "")")
    }
    var t = Demo.state("en")
    _ = runCommand(&t, "churn")
    XCTAssertEqual(t.pane, .churn)
    _ = runCommand(&t, "2")
    XCTAssertEqual(t.pane, .customers)
    _ = runCommand(&t, "frob")
    XCTAssertEqual(t.message, s.text("msg.unknown_command", "frob", Command.names.joined(separator: " ")))
    XCTAssertTrue(t.message!.contains("setup"))
  }
}
