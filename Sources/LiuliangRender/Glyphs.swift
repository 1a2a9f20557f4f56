/// The symbols the render core draws with: box lines, bars, sparklines, heat levels, the cut
/// mark. Set once at start-up, before the first frame, with `CellWidth.ambiguousWide`.
///
/// On a terminal that draws East Asian "Ambiguous" characters two cells wide, text stays as it
/// is and is measured two cells per ambiguous character (CellWidth); but a box line or a bar
/// needs one glyph per cell, and every box-drawing and block glyph is ambiguous. Drawn two
/// cells wide they would halve every bar's resolution and double every border, so that mode
/// draws with glyphs that are one cell on every terminal instead: ASCII lines and Braille
/// dots (East Asian Width "Narrow" or "Neutral", never "Ambiguous").
public struct Glyphs: Sendable, Equatable {
  public var horizontal: Character
  public var vertical: Character
  public var topLeft: Character
  public var topRight: Character
  public var bottomLeft: Character
  public var bottomRight: Character
  /// Sparkline heights, lowest first.
  public var heights: [Character]
  /// A full bar cell and the seven partial ones, one eighth to seven eighths.
  public var full: Character
  public var eighths: [Character]
  /// A bar chart's marker over a filled cell and over an empty one.
  public var markerOnBar: Character
  public var marker: Character
  /// Heatmap levels 0 to 4, and a closed cell.
  public var levels: [Character]
  public var closed: Character
  /// Between the status line's parts.
  public var separator: String
  /// Ends text that was cut.
  public var ellipsis: Character

  public static let standard = Glyphs(
    horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘",
    heights: ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"],
    full: "█", eighths: ["▏", "▎", "▍", "▌", "▋", "▊", "▉"],
    markerOnBar: "┃", marker: "│",
    levels: [" ", "░", "▒", "▓", "█"], closed: "·", separator: " │ ", ellipsis: "…")

  public static let unambiguous = Glyphs(
    horizontal: "-", vertical: "|", topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+",
    heights: ["⡀", "⣀", "⣄", "⣤", "⣦", "⣶", "⣷", "⣿"],
    full: "⣿", eighths: ["⡀", "⡄", "⡆", "⡇", "⣇", "⣧", "⣷"],
    markerOnBar: "|", marker: "|",
    levels: [" ", "░", "⢕", "⣟", "⣿"], closed: ".", separator: " | ", ellipsis: "⋯")

  /// The set in use; `unambiguous` on a terminal that draws ambiguous characters wide.
  nonisolated(unsafe) public static var current = Glyphs.standard

  /// Measures ambiguous characters two cells wide and draws with `unambiguous`, or the
  /// ordinary way; called once at start-up.
  public static func useAmbiguousWide(_ wide: Bool) {
    CellWidth.ambiguousWide = wide
    current = wide ? .unambiguous : .standard
  }
}
