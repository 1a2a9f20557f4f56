import LiuliangRender

/// Whether a key may act now, decided from its binding's needs before anything else.
extension AppState {
  /// The terminal shows the panes (else only the too-small message).
  public var fits: Bool { width >= Layouts.minWidth && height >= Layouts.minHeight }

  /// Why `b` cannot act now, in words, or nil when it can.
  public func unmet(_ b: Binding) -> String? {
    if b.needs.contains(.screen) && !fits { return text["msg.too_small"] }
    if b.needs.contains(.writable), let r = readOnly { return r }
    if b.action == .delete, pane == .customers, let r = cannotDelete { return r }
    return nil
  }
}

/// A key while the too-small message shows: only the bindings that need no screen (redraw,
/// quit) act, whatever covers the pane; every other key does nothing, since nothing it would
/// act on is on screen.
func smallScreenKey(_ s: inout AppState, _ key: Key) -> [Effect] {
  guard let b = Keymap.global.first(where: { $0.keys.contains(key) }), s.unmet(b) == nil else { return [] }
  return perform(&s, b.action)
}

/// Ctrl-C quits from anywhere; a form with edits asks first (see formKey).
func interruptKey(_ s: inout AppState) -> [Effect] {
  // A second Ctrl-C at the question about a pending write quits without waiting for it.
  if s.overlay == .confirm(.quitWhileWriting) {
    s.overlay = .none
    return [.quit]
  }
  s.overlay = .none
  return s.leave(.quit)
}

extension Overlay {
  var isForm: Bool {
    if case .form = self { return true }
    return false
  }
}
