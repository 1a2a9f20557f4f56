/// Changes the disk refused (full, folder gone) are not taken back: they stay on screen and in
/// the undo history, queued in order, and go to disk before the next change or on `:retry`.
/// Quitting or reloading with changes queued asks twice, so nothing is dropped by one key.
extension AppState {
  /// The queued writes, oldest first, then `effects`: a later save must not land before an
  /// earlier one, nor a visit before the customer it belongs to.
  mutating func queued(_ effects: [Effect]) -> [Effect] {
    let all = unsaved + effects
    unsaved = []
    warnedUnsaved = false
    return all
  }

  mutating func keepUnsaved(_ writes: [Effect], _ why: String) {
    unsaved = writes
    warnedUnsaved = false
    flash(why + " " + text["msg.unsaved_kept"], error: true)
  }

  mutating func retry() -> [Effect] {
    guard mayEdit() else { return [] }
    guard !unsaved.isEmpty else {
      flash(text["msg.nothing_to_retry"], error: true)
      return []
    }
    flash(text["msg.retrying"])
    return queued([])
  }

  /// Quit or reload: at once when everything is saved, else only when asked a second time.
  mutating func leave(_ effect: Effect) -> [Effect] {
    // A write still under way asks whether to wait for it; the reload waits by itself.
    if effect == .quit, pendingWrites > 0 {
      // Asked already: the too-small screen shows no question, only its sentence.
      if overlay == .confirm(.quitWhileWriting) { return [.quit] }
      overlay = .confirm(.quitWhileWriting)
      if !fits { flash(text["msg.writing_quit"], error: true) }
      return []
    }
    if unsaved.isEmpty || warnedUnsaved {
      if effect == .reload { unsaved = [] }
      return [effect]
    }
    warnedUnsaved = true
    flash(text[effect == .quit ? "msg.unsaved_quit" : "msg.unsaved_reload"], error: true)
    return []
  }
}

extension Effect {
  /// Whether the effect writes to the store.
  public var writes: Bool {
    switch self {
    case .save, .overwrite, .appendVisit, .removeLastVisit: return true
    default: return false
    }
  }
}
