import LiuliangModel
import LiuliangRender

/// What happens to the state, from outside: keys, a new size, data read again.
public enum Msg: Sendable {
  case key(Key)
  case resize(width: Int, height: Int)
  /// The last change could not be saved (the store said why): it is taken back. `conflict`
  /// when a file changed on disk, so that the owner may still keep their version.
  case saveFailed(String, conflict: Bool = false)
  /// A planned import, to be shown and confirmed.
  case importPlanned(ImportPreview)
  /// A click or a turn of the wheel (see `mouseUpdate`).
  case mouse(Mouse)
  /// The disk or the folder failed the write (full, gone): the change stays, and these writes,
  /// the failed one first, are kept to be tried again.
  case writeFailed(String, [Effect])
  /// A frame is on the screen: work that waits for it may begin (`AppState.askIndexes`).
  case frameDrawn
  /// A big pool's search index and sort orders, made beside the screen.
  case indexesMade(MadeIndexes)
}

/// What the state asks the outside world to do after an update.
public enum Effect: Equatable, Sendable {
  case quit
  case reload
  case redraw
  /// Write every record kind that differs from the store's copy (atomically, per file).
  case save(Dataset)
  /// The same, over files that someone else changed: the owner chose to keep their version.
  case overwrite(Dataset)
  /// A visit for the log; `extra` fills the log's own columns (an imported order number).
  case appendVisit(Visit, extra: [String: String] = [:])
  case removeLastVisit
  /// Write a new file (an export), never over an existing one.
  case export(path: String, text: String)
  /// Read a file and plan its import into the pool; the plan comes back as `.importPlanned`.
  case planImport(path: String, kind: String)
  /// Stop the program as the shell's Ctrl-Z would; the same screen comes back on `fg`.
  case suspend
  /// Names the history rows that the save after it changes, by the owner's own edit (or undo
  /// of one); it writes nothing.
  case editHistory([HistoryRow])
  /// Put the text on the clipboard (OSC 52, and a clipboard tool when there is one).
  case copy(String)
  /// Write these settings into shop.toml (only the keys that changed), then read the store again.
  case saveShop(Shop)
  /// Make the search index and sort orders beside the screen; they come back as `.indexesMade`.
  case makeIndexes(IndexJob)
}

/// The one place the state changes. Pure: no I/O, no terminal, so every key can be tested.
public func update(_ s: inout AppState, _ msg: Msg) -> [Effect] {
  switch msg {
  case .resize(let w, let h):
    s.width = w
    s.height = h
    s.clampCursors()
    return [.redraw]
  case .saveFailed(let why, let conflict):
    s.pendingOverwrite = conflict ? lastAfter(s) : nil
    s.takeBackLast()
    s.flash(why, error: true)
    return []
  case .writeFailed(let why, let writes):
    s.keepUnsaved(writes, why)
    return []
  case .importPlanned(let p):
    s.overlay = .importPreview(p)
    return []
  case .mouse(let m): return mouseUpdate(&s, m)
  case .frameDrawn: return s.askIndexes()
  case .indexesMade(let m): return s.indexesMade(m)
  case .key(let key):
    if key == .resize { return [] }
    if case .mouse(let m) = key { return mouseUpdate(&s, m) }
    if !s.fits { return smallScreenKey(&s, key) }
    if key == .ctrl("c"), s.overlay != .none, !s.overlay.isForm { return interruptKey(&s) }
    // Suspending leaves every overlay and half-typed field as it is, to come back to.
    if key == .ctrl("z") { return [.suspend] }
    switch s.overlay {
    case .help(let offset): return helpKey(&s, key, offset)
    case .command(let field): return commandKey(&s, key, field)
    case .search(let field): return searchKey(&s, key, field)
    case .form(let form): return formKey(&s, key, form)
    case .picker(let picker): return pickerKey(&s, key, picker)
    case .confirm(let purpose): return confirmKey(&s, key, purpose)
    case .importPreview(let p): return importKey(&s, key, p)
    case .none: break
    }
    s.message = nil
    s.todayPane.queue.prepared = nil
    s.todayPane.queue.showsTemplates = false
    guard let action = Keymap.action(for: key, in: s.pane), let binding = Keymap.binding(for: key, in: s.pane)
    else {
      if key != .escape { s.flash(s.text("msg.unknown_key", key.label), error: true) }
      return []
    }
    if let why = s.unmet(binding) {
      s.flash(why, error: true)
      return []
    }
    return perform(&s, action)
  }
}

func perform(_ s: inout AppState, _ action: Action) -> [Effect] {
  // A pane chosen by the owner starts a new way; Esc no longer leads back past it.
  if action.switchesPane { s.back.removeAll() }
  switch action {
  case .quit: return s.leave(.quit)
  case .help:
    s.overlay = .help(offset: 0)
  case .command:
    s.overlay = .command(TextField())
  case .reload: return s.leave(.reload)
  case .redraw: return [.redraw]
  case .suspend: return [.suspend]
  case .pane(let p): s.pane = p
  case .nextPane: s.pane = s.pane.next
  case .previousPane: s.pane = s.pane.previous
  case .undo: return s.undoLast()
  case .redo: return s.redoLast()
  default:
    if let effects = contactAction(&s, action) { return effects }
    if let effects = s.pane.room.act(&s, action) { return effects }
    // Promotions and Churn take Tab themselves; the other panes have a single box.
    if action == .switchBox || action == .previousBox {
      s.flash(s.text("msg.one_box", Pane.keyRange))
      return []
    }
    s.pane.room.move(&s, action)
  }
  return []
}

func helpKey(_ s: inout AppState, _ key: Key, _ offset: Int) -> [Effect] {
  switch key {
  case .escape, .char("q"), .char("?"), .enter: s.overlay = .none
  case .char("j"), .down, .char("k"), .up, .char("g"), .home, .char("G"), .end, .pageDown, .pageUp:
    let (h, area) = helpOverlay(s)
    let last = h.lastOffset(in: area)
    let page = max(1, h.visibleLines(in: area) - 1)
    let here = min(offset, last)
    let to: Int
    switch key {
    case .char("j"), .down: to = here + 1
    case .char("k"), .up: to = here - 1
    case .pageDown: to = here + page
    case .pageUp: to = here - page
    case .char("G"), .end: to = last
    default: to = 0
    }
    s.overlay = .help(offset: max(0, min(last, to)))
  default: break
  }
  return []
}

func commandKey(_ s: inout AppState, _ key: Key, _ field: TextField) -> [Effect] {
  var f = field
  switch key {
  case .escape:
    s.overlay = .none
    return []
  case .enter:
    s.overlay = .none
    return runCommand(&s, f.text)
  case .backspace where f.text.isEmpty:
    s.overlay = .none
    return []
  default:
    _ = f.handle(key)
    s.overlay = .command(f)
    return []
  }
}

extension AppState {
  /// A one-line message in the status line until the next key.
  public mutating func flash(_ text: String, error: Bool = false) {
    message = text
    messageIsError = error
  }
}

/// The records the last change meant to save.
func lastAfter(_ s: AppState) -> Dataset? {
  if case .data(_, let after, _)? = s.undo.last { return after }
  return nil
}

/// y writes the previewed import (one step for undo, or one per visit appended); n or Esc
/// leaves the store as it is.
func importKey(_ s: inout AppState, _ key: Key, _ p: ImportPreview) -> [Effect] {
  switch key {
  case .char("y"), .char("Y"):
    s.overlay = .none
    if !p.visits.isEmpty {
      return p.visits.enumerated().flatMap { i, v in
        s.appendVisit(
          v, s.text("done.imported_visit", "\(v.date)"),
          extra: i < p.visitExtras.count ? p.visitExtras[i] : [:])
      }
    }
    return s.commitNamed(p.dataset, s.text("done.imported", p.title))
  case .char("n"), .char("N"), .escape, .char("q"):
    s.overlay = .none
    s.flash(s.text["msg.import_cancelled"])
  case .char("j"), .down:
    var q = p
    q.offset += 1
    s.overlay = .importPreview(q)
  case .char("k"), .up:
    var q = p
    q.offset = max(0, q.offset - 1)
    s.overlay = .importPreview(q)
  default: break
  }
  return []
}
