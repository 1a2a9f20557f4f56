import LiuliangApp
import LiuliangModel
import LiuliangRender
import XCTest

/// Keys through the pure update function, as a user presses them.
final class UpdateTests: XCTestCase {
  func testNumberKeysAndBracketsSwitchPanes() {
    var s = Demo.state()
    _ = press(&s, .char("2"))
    XCTAssertEqual(s.pane, .customers)
    _ = press(&s, .char("]"), .char("]"))
    XCTAssertEqual(s.pane, .promotions, "] passes over Moments, whose weeks are < >")
    _ = press(&s, .char("]"), .char("]"))
    XCTAssertEqual(s.pane, .today, "] wraps around")
    _ = press(&s, .char("["))
    XCTAssertEqual(s.pane, .churn)
    for n in 1...5 {
      _ = press(&s, .char(Character("\(n)")))
      XCTAssertEqual(s.pane.rawValue, n)
    }
  }

  /// One key, one meaning: Tab moves between a pane's boxes and never leaves the pane; `w` is
  /// "welcomed" wherever it acts.
  func testTabMovesBetweenBoxesAndWIsWelcomedEverywhere() {
    var s = Demo.state()
    _ = press(&s, .char("4"))
    XCTAssertFalse(s.promotionsPane.heatFocus)
    _ = press(&s, .tab)
    XCTAssertEqual(s.pane, .promotions)
    XCTAssertTrue(s.promotionsPane.heatFocus)
    _ = press(&s, .backTab)
    XCTAssertFalse(s.promotionsPane.heatFocus)
    _ = press(&s, .char("5"), .tab)
    XCTAssertEqual(s.pane, .churn)
    XCTAssertTrue(s.churnPane.complaintFocus)
    _ = press(&s, .tab)
    XCTAssertFalse(s.churnPane.complaintFocus)
    for p in ["1", "2", "3"] {
      _ = press(&s, .char(Character(p)), .tab)
      XCTAssertEqual(s.pane.rawValue, Int(p), "Tab stays in pane \(p)")
    }
    for pane in Pane.allCases {
      let w = Keymap.bindings(pane).first { $0.keys.contains(.char("w")) }
      XCTAssertTrue(w == nil || w!.action == .welcomed, "w in \(pane)")
      XCTAssertFalse(Keymap.bindings(pane).contains { $0.action == .switchBox && !$0.keys.contains(.tab) })
    }
    // ? lists it: Tab in the pane's own keys where it switches boxes, and [ ] for the panes.
    let help = Keymap.help(.promotions, text: { s.text[$0] })
    XCTAssertTrue(
      help[0].entries.contains { $0.keys == "Tab Shift-Tab" && $0.text == s.text["key.switch_heat"] })
    XCTAssertTrue(help[1].entries.contains { $0.keys == "]" && $0.text == s.text["key.next_pane"] })
  }

  func testQuitRedrawReload() {
    var s = Demo.state()
    XCTAssertEqual(press(&s, .char("q")), [.quit])
    XCTAssertEqual(press(&s, .ctrl("c")), [.quit])
    XCTAssertEqual(press(&s, .ctrl("l")), [.redraw])
    XCTAssertEqual(press(&s, .char("r")), [.reload])
  }

  func testHelpOpensAndCloses() {
    var s = Demo.state()
    // The Customers pane's help is longer than 80×24 shows, so there is something to scroll.
    _ = press(&s, .char("2"), .char("?"))
    XCTAssertEqual(s.overlay, .help(offset: 0))
    _ = press(&s, .char("j"))
    XCTAssertEqual(s.overlay, .help(offset: 1), "j scrolls the help, it doesn't move the list")
    XCTAssertEqual(s.customersPane.cursor.index, 0)
    XCTAssertEqual(press(&s, .char("q")), [], "q closes help instead of quitting")
    XCTAssertEqual(s.overlay, .none)
  }

  func testCommandLine() {
    var s = Demo.state()
    _ = press(&s, .char(":"), .char("5"), .enter)
    XCTAssertEqual(s.pane, .churn)
    XCTAssertEqual(press(&s, .char(":"), .char("q"), .enter), [.quit])
    _ = press(&s, .char(":"), .char("x"), .escape)
    XCTAssertEqual(s.overlay, .none)
    XCTAssertNil(s.message, "Esc cancels without running")
    _ = press(&s, .char(":"))
    for c in "date 2026-10-01" { _ = press(&s, .char(c)) }
    _ = press(&s, .enter)
    XCTAssertEqual(s.today, Day("2026-10-01"))
    _ = press(&s, .char(":"), .char("z"), .enter)
    XCTAssertEqual(s.messageIsError, true)
  }

  func testListMovesStayInside() {
    var s = Demo.state()
    let n = s.analysis.reachOut.count
    _ = press(&s, .char("k"))
    XCTAssertEqual(s.todayPane.reach.index, 0)
    _ = press(&s, .char("j"), .down)
    XCTAssertEqual(s.todayPane.reach.index, 2)
    _ = press(&s, .char("G"))
    XCTAssertEqual(s.todayPane.reach.index, n - 1)
    _ = press(&s, .char("j"))
    XCTAssertEqual(s.todayPane.reach.index, n - 1)
    _ = press(&s, .home)  // g marks a birthday greeted here
    XCTAssertEqual(s.todayPane.reach.index, 0)
    // A page is the rows shown minus one: at 80×24 the list shows 24 − 2 (tabs, status)
    // − 6 (tiles) − 2 (border) − 1 (filters) − 1 (header) = 12 rows, so a page moves 11.
    _ = press(&s, .pageDown)
    XCTAssertEqual(s.todayPane.reach.index, 11)
    _ = press(&s, .pageUp)
    XCTAssertEqual(s.todayPane.reach.index, 0)
  }

  func testEnterOnTheReachOutListOpensThatCustomer() {
    var s = Demo.state()
    // Open complaints come first, and the first ones name nobody: the first with a customer.
    let k = s.todayPane.queue.entries.firstIndex { s.analysis.reachOut[$0].customer != nil }!
    for _ in 0..<k { _ = press(&s, .char("j")) }
    _ = press(&s, .enter)
    let who = s.analysis.reachOut[s.todayPane.queue.entries[k]].customer
    XCTAssertEqual(s.pane, .customers)
    XCTAssertEqual(s.customersPane.detail, who)
    XCTAssertEqual(s.customersPane.cursor.index, who)
    _ = press(&s, .escape)
    XCTAssertNil(s.customersPane.detail)
    _ = press(&s, .enter)
    XCTAssertEqual(s.customersPane.detail, who)
  }

  func testMomentsWeekAndDayKeys() {
    var s = Demo.state()
    _ = press(&s, .char("3"))
    XCTAssertEqual(s.shownWeek, Day("2026-11-16"))
    XCTAssertEqual(s.selectedDay, Day("2026-11-16"))
    _ = press(&s, .char(">"))
    XCTAssertEqual(s.shownWeek, Day("2026-11-23"))
    _ = press(&s, .char("<"), .pageUp)
    XCTAssertEqual(s.shownWeek, Day("2026-11-09"))
    _ = press(&s, .char("t"), .char("h"))
    XCTAssertEqual(s.selectedDay, Day("2026-11-15"), "h on Monday goes to the Sunday before")
    _ = press(&s, .char("l"), .char("l"))
    XCTAssertEqual(s.selectedDay, Day("2026-11-17"))
  }

  func testUnknownKeySaysSoAndChangesNothing() {
    var s = Demo.state()
    let before = s.pane
    XCTAssertEqual(press(&s, .char("Z")), [])
    XCTAssertEqual(s.pane, before)
    XCTAssertEqual(s.messageIsError, true)
    _ = press(&s, .char("j"))
    XCTAssertNil(s.message, "the next key clears it")
  }

  func testResizeKeepsTheCursorInside() {
    var s = Demo.state(width: 120, height: 40)
    _ = press(&s, .char("G"))
    _ = update(&s, .resize(width: 80, height: 24))
    XCTAssertEqual(s.todayPane.reach.index, s.analysis.reachOut.count - 1)
    XCTAssertLessThanOrEqual(s.todayPane.reach.offset, s.todayPane.reach.index)
    XCTAssertGreaterThan(s.todayPane.reach.offset + 13, s.todayPane.reach.index)
  }

  func testEveryBindingAppearsInHelp() {
    for pane in Pane.allCases {
      let help = Keymap.help(pane) { $0 }
      let shown = help.flatMap(\.entries)
      for b in Keymap.bindings(pane) + Keymap.global {
        let line = shown.first { $0.text == b.help }
        XCTAssertNotNil(line, "\(pane): \(b.help) missing from help")
        for k in b.keys where !(b.help == "key.panes") {
          XCTAssertTrue(
            line?.keys.split(separator: " ").contains(Substring(k.label)) == true, "\(pane): \(k.label)")
        }
      }
    }
  }

  func testEveryHelpKeyDispatchesToItsAction() {
    for pane in Pane.allCases {
      for b in Keymap.bindings(pane) {
        for k in b.keys { XCTAssertEqual(Keymap.action(for: k, in: pane), b.action, "\(pane) \(k.label)") }
      }
    }
  }

  func testPhoneMask() {
    XCTAssertEqual(AppState.mask("13812341234"), "138****1234")
    XCTAssertEqual(AppState.mask("123"), "***")
  }

  func testImportPreviewAsksBeforeWriting() {
    var s = Demo.state()
    XCTAssertEqual(update(&s, .key(.char(":"))), [])
    for c in "import /tmp/friends.csv" { _ = update(&s, .key(.char(c))) }
    XCTAssertEqual(update(&s, .key(.enter)), [.planImport(path: "/tmp/friends.csv", kind: "customers")])
    var planned = s.dataset
    planned.customers.append(Customer(id: "C2001", name: "新朋友"))
    _ = update(&s, .importPlanned(ImportPreview(title: "t", lines: ["a"], dataset: planned, visits: [])))
    XCTAssertEqual(update(&s, .key(.char("n"))), [], "n writes nothing")
    XCTAssertEqual(s.dataset.customers.count, 2000)
    _ = update(&s, .importPlanned(ImportPreview(title: "t", lines: ["a"], dataset: planned, visits: [])))
    XCTAssertEqual(update(&s, .key(.char("y"))), [.save(planned)])
    XCTAssertEqual(s.dataset.customers.count, 2001)
    XCTAssertEqual(update(&s, .key(.char("u"))).count, 1, "one step to undo")
    XCTAssertEqual(s.dataset.customers.count, 2000)
  }

  /// u and Ctrl-R move the last step from one history to the other and name it; with nothing
  /// there, they say so.
  func testUndoAndRedoNameTheStepOrSayThereIsNone() {
    var s = Demo.state("en")
    _ = update(&s, .key(.char("u")))
    XCTAssertEqual(s.message, "Nothing to undo.")
    _ = update(&s, .key(.ctrl("r")))
    XCTAssertEqual(s.message, "Nothing to redo.")
    var planned = s.dataset
    planned.customers.append(Customer(id: "C2001", name: "New friend"))
    _ = update(&s, .importPlanned(ImportPreview(title: "t", lines: ["a"], dataset: planned, visits: [])))
    _ = update(&s, .key(.char("y")))
    _ = update(&s, .key(.char("u")))
    XCTAssertEqual(s.undo.count, 0)
    XCTAssertEqual(s.redo.count, 1)
    let step = s.redo.first?.what ?? "?"
    XCTAssertEqual(s.message, "Undone: " + step)
    XCTAssertEqual(s.dataset.customers.count, 2000)
    _ = update(&s, .key(.ctrl("r")))
    XCTAssertEqual(s.message, "Redone: " + step)
    XCTAssertEqual(s.undo.count, 1)
    XCTAssertEqual(s.redo.count, 0)
    XCTAssertEqual(s.dataset.customers.count, 2001)
    _ = update(&s, .key(.ctrl("r")))
    XCTAssertEqual(s.message, "Nothing to redo.")
  }
}
