import Foundation
import LiuliangApp
import LiuliangModel
import LiuliangRender
import LiuliangStore
import LiuliangText

/// The demo shop in seeds/, loaded once, as the dashboard shows it on its reference date.
enum Demo {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
  static let today = Day("2026-11-16")!
  nonisolated(unsafe) static let store = try! Store(
    folder: root.appendingPathComponent("seeds").path, mode: .readOnly)

  static func state(_ lang: String = "zh-Hans", width: Int = 80, height: Int = 24) -> AppState {
    AppState(
      dataset: store.dataset, problems: store.problems, today: today, folder: "~/shop",
      text: Text(language: lang),
      width: width, height: height)
  }

  static func lines(_ s: AppState) -> [String] {
    var buf = Buffer(width: s.width, height: s.height)
    view(s, into: &buf)
    return buf.lines()
  }
}

/// Display width by the East Asian Width ranges, written out here independently of the
/// program's own table, so that a wrong table fails these tests.
func referenceWidth(_ s: String) -> Int {
  var w = 0
  for scalar in s.unicodeScalars {
    let v = scalar.value
    switch v {
    case 0x0300...0x036F, 0x200B...0x200F, 0xFE00...0xFE0F: continue
    case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
      0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F300...0x1F64F,
      0x1F900...0x1F9FF, 0x20000...0x3FFFD:
      w += 2
    default: w += 1
    }
  }
  return w
}
