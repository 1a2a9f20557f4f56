import CNcurses
import LiuliangRender

/// Keys in: curses' key codes and characters as the dashboard's keys.
extension Terminal {
  /// The next key, waiting at most `timeoutMs` milliseconds (negative waits forever); nil when
  /// none came or the key has no meaning here.
  public func readKey(timeoutMs: Int) -> Key? {
    guard running else { return nil }
    if !pending.isEmpty { return pending.removeFirst() }
    var isCode: Int32 = 0
    var ch: UInt32 = 0
    if ll_get_key(Int32(clamping: timeoutMs), &isCode, &ch) != 0 { return nil }
    if isCode != 0 {
      if Int32(bitPattern: ch) == ll_key_mouse() { return mouseKey() }
      let key = Terminal.functionKey(Int32(bitPattern: ch))
      // A report from the cursor's first rows ("ESC [ 1 ; 2 R") is a shifted F3 to curses. No
      // function key means anything here, so the first such key is taken for the answer.
      if lateAnswer, case .function(let n) = key, n > 12 {
        lateAnswer = false
        return nil
      }
      return key
    }
    if ch == 27 && lateAnswer { return escapeOrLateAnswer() }
    return Terminal.characterKey(ch)
  }

  // A cursor-position report arriving after the probe gave up ("ESC [ 12 ; 3 R") is dropped;
  // anything else after the Escape is kept for the next reads.
  private func escapeOrLateAnswer() -> Key? {
    var held: [UInt32] = []
    var isCode: Int32 = 0
    var ch: UInt32 = 0
    while held.count < 16, ll_get_key(5, &isCode, &ch) == 0 {
      if isCode != 0 {
        pending.append(contentsOf: held.compactMap(Terminal.characterKey))
        if let k = Terminal.functionKey(Int32(bitPattern: ch)) { pending.append(k) }
        return .escape
      }
      held.append(ch)
      if ch == 0x52 { break }
    }
    let text = String(String.UnicodeScalarView(held.compactMap(Unicode.Scalar.init)))
    if text.wholeMatch(of: /\[[0-9]+;[0-9]+R/) != nil {
      lateAnswer = false
      return nil
    }
    pending.append(contentsOf: held.compactMap(Terminal.characterKey))
    return .escape
  }

  private func mouseKey() -> Key? {
    guard case .mouse(let m)? = Terminal.mouseEvent() else { return nil }
    switch m.kind {
    case .press: buttonDown = true
    case .release where !buttonDown:
      pending.append(.mouse(m))
      return .mouse(Mouse(.press, x: m.x, y: m.y))
    case .release: buttonDown = false
    default: break
    }
    return .mouse(m)
  }

  static func mouseEvent() -> Key? {
    var x: Int32 = 0
    var y: Int32 = 0
    var kind: Int32 = 0
    guard ll_mouse_event(&x, &y, &kind) == 0 else { return nil }
    let kinds: [Int32: Mouse.Kind] = [1: .press, 2: .release, 3: .wheelUp, 4: .wheelDown]
    guard let k = kinds[kind] else { return nil }
    return .mouse(Mouse(k, x: Int(x), y: Int(y)))
  }

  static func functionKey(_ code: Int32) -> Key? {
    switch code {
    case ll_key_up(): return .up
    case ll_key_down(): return .down
    case ll_key_left(): return .left
    case ll_key_right(): return .right
    case ll_key_npage(): return .pageDown
    case ll_key_ppage(): return .pageUp
    case ll_key_home(): return .home
    case ll_key_end(): return .end
    case ll_key_btab(): return .backTab
    case ll_key_dc(): return .delete
    case ll_key_backspace(): return .backspace
    case ll_key_enter(): return .enter
    case ll_key_resize(): return .resize
    case ll_key_f0() + 1...ll_key_f0() + 63: return .function(Int(code - ll_key_f0()))
    default: return nil
    }
  }

  static func characterKey(_ ch: UInt32) -> Key? {
    switch ch {
    case 13, 10: return .enter
    case 9: return .tab
    case 127, 8: return .backspace
    case 27: return .escape
    case 1...26: return .ctrl(Character(Unicode.Scalar(UInt8(ch) + 0x60)))
    case 0..<32: return nil
    default:
      guard let s = Unicode.Scalar(ch) else { return nil }
      return .char(Character(s))
    }
  }
}
