import LiuliangRender
import LiuliangStore
import LiuliangText

/// What the screen shows while a store loads: each file begun with its size and whether it is
/// read, then the figures being worked out; the pane the owner chose meanwhile opens after.
public struct Loading: Sendable, Equatable {
  public private(set) var files: [LoadStep] = []
  /// Every file is read; the figures are being worked out.
  public var computing = false
  public var pane: Pane = .today

  public init() {}

  public mutating func note(_ step: LoadStep) {
    if let k = files.firstIndex(where: { $0.file == step.file }) {
      files[k] = step
    } else {
      files.append(step)
    }
  }

  /// A key while loading: a pane to open once loaded (1–5, Tab, Shift-Tab). True for `q` or
  /// Ctrl-C, which quit at once: nothing is written before the store is loaded.
  public mutating func key(_ key: Key) -> Bool {
    switch key {
    case .char("q"), .ctrl("c"): return true
    case .tab: pane = pane.next
    case .backTab: pane = pane.previous
    case .char(let c): if let n = c.wholeNumberValue, let p = Pane(rawValue: n) { pane = p }
    default: break
    }
    return false
  }
}

/// The tab line with the chosen pane, a box with a bar per file (full once it is read) and the
/// figures' line, and what the keys do meanwhile.
public func drawLoading(_ l: Loading, text: Text, into buf: inout Buffer) {
  buf.clear()
  let width = buf.width
  let height = buf.height
  guard width > 0, height > 0 else { return }
  buf.fill(Rect(x: 0, y: 0, width: width, height: 1), style: .plain)
  var x = buf.put(" " + text["app.name"] + " ", x: 0, y: 0, style: Style.title.reversed) + 1
  for p in Pane.allCases where x < width {
    let label = " \(p.rawValue) " + text[p.titleKey] + " "
    x += buf.put(label, x: x, y: 0, style: p == l.pane ? .selection : .dim, maxWidth: max(0, width - x))
  }
  let rows = l.files.count + 2
  let boxWidth = min(width, 64)
  let box = Rect(
    x: (width - boxWidth) / 2, y: max(1, (height - rows - 2) / 2), width: boxWidth,
    height: min(height - 2, rows + 2))
  let inner = Block(title: text["loading.title"]).draw(into: &buf, in: box)
  let nameWidth = min(16, inner.width / 3)
  let sizeWidth = 9
  let barWidth = max(1, inner.width - nameWidth - sizeWidth - 2)
  for (k, f) in l.files.enumerated() where inner.y + k < inner.maxY {
    let y = inner.y + k
    buf.put(f.file, x: inner.x, y: y, style: f.done ? .plain : .accent, maxWidth: nameWidth)
    buf.put(
      BarChart.bar(f.done ? 1 : 0, of: 1, width: barWidth), x: inner.x + nameWidth + 1, y: y,
      style: f.done ? .good : .dim)
    buf.put(
      megabytes(f.bytes), x: inner.x + inner.width - sizeWidth, y: y, width: sizeWidth, align: .right,
      style: .dim)
  }
  let y = inner.y + l.files.count + 1
  if l.computing && y < inner.maxY {
    buf.put(fit(text["loading.figures"], width: inner.width), x: inner.x, y: y, style: .accent)
  }
  buf.put(fit(text("loading.hint", Pane.keyRange), width: width), x: 0, y: height - 1, style: .dim)
}

func megabytes(_ n: Int64) -> String {
  n < 1_000_000
    ? "\((n + 999) / 1000) kB" : String(n / 1_000_000) + "." + String(n % 1_000_000 / 100_000) + " MB"
}
