import Foundation
import LiuliangRender

#if canImport(Glibc)
  import Glibc
#endif

// The C library's wcwidth, which Glibc's module map leaves out.
@_silgen_name("wcwidth") private func c_wcwidth(_ c: wchar_t) -> Int32

/// A small VT100/xterm screen for tests: it understands what curses sends for
/// TERM=xterm-256color, and it can draw East Asian "Ambiguous" characters two cells wide, as
/// `xterm -cjk_width`, PuTTY's CJK mode or iTerm2's "ambiguous characters are double-width" do,
/// answering cursor-position requests (ESC [6n) from that model, or not at all.
final class TerminalEmulator {
  /// `late` answers as a narrow terminal would, but only after the program stopped waiting.
  enum Answers { case narrow, wide, never, late }

  let width: Int
  let height: Int
  let answers: Answers
  private(set) var cells: [[String]]
  private var x = 0
  private var y = 0
  private var savedCursor = (0, 0)
  private var pendingWrap = false
  private var top = 0
  private var bottom: Int
  private var last = " "
  /// Characters printed at the last column that pushed the cursor to a new line, and lines
  /// scrolled off the top: both mean a row was drawn wider than the program thought.
  private(set) var wraps = 0
  private(set) var scrolls = 0
  /// Bytes to send back to the program (cursor-position reports).
  var replies: [UInt8] = []

  private var state = 0  // 0 text, 1 ESC, 2 CSI, 3 OSC, 4 ESC + one intermediate
  private var params = ""
  private var utf8: [UInt8] = []

  /// `row` is where the cursor starts, as under a shell's prompt part way down the screen.
  init(width: Int, height: Int, answers: Answers, row: Int = 0) {
    self.width = width
    self.height = height
    self.answers = answers
    y = row
    bottom = height - 1
    cells = Array(repeating: Array(repeating: " ", count: width), count: height)
  }

  /// The screen as text, one line per row; the right half of a wide character is left out.
  var lines: [String] { cells.map { $0.joined() } }

  /// What this terminal gives a scalar: the C library's wcwidth, ambiguous characters two
  /// cells when `answers` is `.wide`.
  func cellsOf(_ s: Unicode.Scalar) -> Int {
    let w = Int(c_wcwidth(wchar_t(s.value)))
    if w < 0 { return 1 }
    if w == 1 && answers == .wide && CellWidth.isAmbiguous(s) { return 2 }
    return w
  }

  func feed(_ bytes: [UInt8]) {
    for b in bytes { byte(b) }
  }

  private func byte(_ b: UInt8) {
    switch state {
    case 1: escape(b)
    case 2:
      if (0x30...0x3F).contains(b) || b == 0x20 {
        params.append(Character(Unicode.Scalar(b)))
      } else {
        csi(b)
        state = 0
      }
    case 3:
      if b == 0x07 || b == 0x5C { state = 0 }  // BEL or the backslash of ST ends an OSC
    case 4: state = 0
    default: text(b)
    }
  }

  private func escape(_ b: UInt8) {
    state = 0
    switch b {
    case 0x5B:  // [
      state = 2
      params = ""
    case 0x5D: state = 3  // ]
    case 0x28, 0x29, 0x2A, 0x2B, 0x23: state = 4  // charset designations, DEC tests
    case 0x37: savedCursor = (x, y)  // 7
    case 0x38: (x, y) = savedCursor  // 8
    case 0x4D:  // M: reverse index
      if y == top { scrollDown(1) } else { y = max(0, y - 1) }
    case 0x44: lineFeed()  // D
    case 0x45:  // E
      x = 0
      lineFeed()
    case 0x63: clear(0, 0, width - 1, height - 1)  // c
    default: break
    }
  }

  private func numbers(_ defaultValue: Int) -> [Int] {
    let body = params.hasPrefix("?") || params.hasPrefix(">") ? String(params.dropFirst()) : params
    let parts = body.split(separator: ";", omittingEmptySubsequences: false).map { Int($0) ?? 0 }
    return parts.isEmpty ? [defaultValue] : parts.map { $0 == 0 ? defaultValue : $0 }
  }

  private func csi(_ final: UInt8) {
    let n = numbers(1)
    pendingWrap = false
    switch Character(Unicode.Scalar(final)) {
    case "H", "f":
      y = min(height - 1, max(0, n[0] - 1))
      x = min(width - 1, max(0, (n.count > 1 ? n[1] : 1) - 1))
    case "A": y = max(0, y - n[0])
    case "B": y = min(height - 1, y + n[0])
    case "C": x = min(width - 1, x + n[0])
    case "D": x = max(0, x - n[0])
    case "G": x = min(width - 1, max(0, n[0] - 1))
    case "d": y = min(height - 1, max(0, n[0] - 1))
    case "K":
      switch numbers(0)[0] {
      case 1: clear(0, y, x, y)
      case 2: clear(0, y, width - 1, y)
      default: clear(x, y, width - 1, y)
      }
    case "J":
      switch numbers(0)[0] {
      case 1: clear(0, 0, width - 1, y - 1); clear(0, y, x, y)
      case 2, 3: clear(0, 0, width - 1, height - 1)
      default: clear(x, y, width - 1, y); clear(0, y + 1, width - 1, height - 1)
      }
    case "X": clear(x, y, min(width - 1, x + n[0] - 1), y)
    case "b": for _ in 0..<n[0] { put(last) }
    case "@":
      for _ in 0..<n[0] {
        cells[y].insert(" ", at: x)
        cells[y].removeLast()
      }
    case "P":
      for _ in 0..<min(n[0], width - x) {
        cells[y].remove(at: x)
        cells[y].append(" ")
      }
    case "L": for _ in 0..<n[0] { insertLine(at: y) }
    case "M": for _ in 0..<n[0] { deleteLine(at: y) }
    case "S": for _ in 0..<n[0] { deleteLine(at: top) }
    case "T": scrollDown(n[0])
    case "r":
      top = max(0, n[0] - 1)
      bottom = n.count > 1 ? min(height - 1, n[1] - 1) : height - 1
      (x, y) = (0, 0)
    case "h", "l":
      if params == "?1049" || params == "?47" || params == "?1047" { clear(0, 0, width - 1, height - 1) }
    case "n":
      if numbers(0)[0] == 6 && answers != .never {
        replies += Array("\u{1B}[\(y + 1);\(x + 1)R".utf8)
      }
    default: break
    }
  }

  private func text(_ b: UInt8) {
    if b < 0x20 {
      switch b {
      case 0x1B: state = 1
      case 0x0D:
        x = 0
        pendingWrap = false
      case 0x0A, 0x0B, 0x0C:
        pendingWrap = false
        lineFeed()
      case 0x08:
        x = max(0, x - 1)
        pendingWrap = false
      case 0x09: x = min(width - 1, (x / 8 + 1) * 8)
      default: break
      }
      return
    }
    utf8.append(b)
    let need = utf8[0] < 0x80 ? 1 : utf8[0] < 0xE0 ? 2 : utf8[0] < 0xF0 ? 3 : 4
    if utf8.count < need { return }
    let s = String(decoding: utf8, as: UTF8.self)
    utf8 = []
    put(s)
  }

  private func put(_ s: String) {
    guard let scalar = s.unicodeScalars.first else { return }
    let w = cellsOf(scalar)
    if w == 0 {
      // A combining mark or joiner belongs to the cell before.
      let px = pendingWrap ? x : max(0, x - 1)
      cells[y][px] += s
      return
    }
    last = s
    if pendingWrap || x + w > width {
      wraps += 1
      x = 0
      lineFeed()
      pendingWrap = false
    }
    // Writing over either half of a wide character blanks the other half.
    if cells[y][x].isEmpty && x > 0 { cells[y][x - 1] = " " }
    let end = x + w - 1
    if end + 1 < width && cells[y][end + 1].isEmpty { cells[y][end + 1] = " " }
    cells[y][x] = s
    if w == 2 && x + 1 < width { cells[y][x + 1] = "" }
    if x + w >= width {
      x = width - 1
      pendingWrap = true
    } else {
      x += w
    }
  }

  private func lineFeed() {
    if y == bottom {
      if top == 0 { scrolls += 1 }
      deleteLine(at: top)
    } else {
      y = min(height - 1, y + 1)
    }
  }

  private func insertLine(at row: Int) {
    guard row >= top && row <= bottom else { return }
    cells.remove(at: bottom)
    cells.insert(Array(repeating: " ", count: width), at: row)
  }

  private func deleteLine(at row: Int) {
    guard row >= top && row <= bottom else { return }
    cells.remove(at: row)
    cells.insert(Array(repeating: " ", count: width), at: bottom)
  }

  private func scrollDown(_ n: Int) { for _ in 0..<n { insertLine(at: top) } }

  private func clear(_ x0: Int, _ y0: Int, _ x1: Int, _ y1: Int) {
    guard y0 <= y1 else { return }
    for row in max(0, y0)...min(height - 1, y1) {
      let from = row == y0 ? max(0, x0) : 0
      let to = row == y1 ? min(width - 1, x1) : width - 1
      if from > to { continue }
      for col in from...to { cells[row][col] = " " }
    }
  }
}
