import Foundation
import LiuliangApp
import LiuliangModel
import LiuliangRender
import LiuliangReport
import LiuliangStore
import LiuliangText

/// The dashboard's loop without a terminal: keys go through `update`, and the effects are
/// performed against a real Store the way Sources/liuliang/Dashboard.swift performs them.
struct Runner {
  let store: Store
  var state: AppState
  /// Effects by kind, to show which of them touched the disk.
  var counts: [String: Int] = [:]

  init(store: Store, width: Int = 80, height: Int = 24, lang: String = "en") {
    self.store = store
    state = AppState(
      dataset: store.dataset, problems: store.problems, today: Day("2026-11-16")!, folder: "~/shop",
      text: Text(language: lang), width: width, height: height)
  }

  /// True when an effect asked to quit.
  @discardableResult
  mutating func press(_ keys: Key...) -> Bool {
    var quit = false
    for k in keys where run(update(&state, .key(k))) { quit = true }
    return quit
  }

  mutating func type(_ text: String) {
    for ch in text { press(.char(ch)) }
  }

  mutating func command(_ line: String) {
    press(.char(":"))
    type(line)
    press(.enter)
  }

  mutating func run(_ effects: [Effect]) -> Bool {
    var writing = true
    var quit = false
    for (i, e) in effects.enumerated() {
      counts[Runner.name(e), default: 0] += 1
      switch e {
      case .quit: quit = true
      case .redraw, .export, .editHistory, .suspend: break
      case .reload:
        try? store.load()
        state.reloaded(store.dataset, problems: store.problems)
      default:
        if writing { writing = perform(e, then: effects[(i + 1)...].filter(\.writes)) }
      }
    }
    return quit
  }

  mutating func perform(_ effect: Effect, then later: [Effect]) -> Bool {
    state.write(effect, to: store, then: later)
  }

  static func name(_ e: Effect) -> String {
    switch e {
    case .quit: return "quit"
    case .reload: return "reload"
    case .redraw: return "redraw"
    case .save: return "save"
    case .overwrite: return "overwrite"
    case .appendVisit: return "appendVisit"
    case .removeLastVisit: return "removeLastVisit"
    case .export: return "export"
    case .planImport: return "planImport"
    case .editHistory: return "editHistory"
    case .copy: return "copy"
    case .suspend: return "suspend"
    case .saveShop: return "saveShop"
    case .makeIndexes: return "makeIndexes"
    }
  }

  func lines() -> [String] {
    var buf = Buffer(width: state.width, height: state.height)
    view(state, into: &buf)
    return buf.lines()
  }
}
