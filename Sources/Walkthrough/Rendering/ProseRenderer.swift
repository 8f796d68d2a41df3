import Lessons

/// Lays a page's prose out for a terminal: wrapped to the style's width, in colour or
/// not, in plain ASCII when asked.
public enum ProseRenderer {
  /// The blocks as terminal lines, each ending in a newline, a blank line between blocks.
  /// No line is wider than `style.width`, except one holding a single word that is.
  public static func render(_ blocks: [ProseBlock], style: TerminalStyle) -> String {
    var layout = ProseLayout(style: style)
    layout.render(blocks)
    return layout.lines.map { $0 + "\n" }.joined()
  }

  /// Inline text on one line, unwrapped: a heading shown as a step's title, say.
  public static func render(inline inlines: [Inline], style: TerminalStyle) -> String {
    let pieces = InlineFlattener.pieces(inlines, base: .none, terminal: style)
    let runs = pieces.map { piece -> StyledRun in
      switch piece {
      case .text(let text, let style), .code(let text, let style): return StyledRun(text, style)
      case .lineBreak: return StyledRun(" ")
      }
    }
    return StyledRun.line(runs, color: style.color)
  }
}
