import Lessons

/// Turns inline spans into styled pieces. With colour, markup becomes attributes; without
/// it, markers that read well as plain text stand in (`_emphasis_`, `*strong*`,
/// `` `code` ``).
enum InlineFlattener {
  private enum Work {
    case inlines(ArraySlice<Inline>, TextStyle)
    case text(String, TextStyle)
  }

  static func pieces(_ inlines: [Inline], base: TextStyle, terminal: TerminalStyle) -> [InlinePiece] {
    let color = terminal.color
    func styled(_ style: TextStyle, _ extra: TextStyle) -> TextStyle { color ? style.adding(extra) : style }
    var pieces: [InlinePiece] = []
    // What is left to write, last first; a stack rather than recursion into spans.
    var work: [Work] = [.inlines(inlines[...], base)]
    while let item = work.popLast() {
      switch item {
      case .text(let text, let style):
        pieces.append(.text(text, style))
      case .inlines(var rest, let style):
        guard let first = rest.popFirst() else { continue }
        work.append(.inlines(rest, style))
        switch first {
        case .text(let text):
          pieces.append(.text(TerminalText.visible(text), style))
        case .code(let code):
          let code = TerminalText.visible(code)
          pieces.append(.code(color ? code : "`" + code + "`", styled(style, .codeSpan)))
        case .emphasis(let inner):
          wrap(inner, in: color ? nil : "_", style: styled(style, .emphasis), &work, &pieces)
        case .strong(let inner):
          wrap(inner, in: color ? nil : "*", style: styled(style, .strong), &work, &pieces)
        case .link(let destination, let inner):
          let destination = TerminalText.visible(destination)
          let shown = Inline.plainText(inner)
          // An autolink's text is its address: say it once.
          let isAutolink = destination.isEmpty || shown == destination || "mailto:" + shown == destination
          if !isAutolink { work.append(.text(" (" + destination + ")", styled(style, .address))) }
          work.append(.inlines(inner[...], styled(style, .linkText)))
        case .image(let destination, let alt):
          let destination = TerminalText.visible(destination)
          let imageStyle = styled(style, .image)
          if !destination.isEmpty { work.append(.text(" (" + destination + ")", styled(style, .address))) }
          work.append(.text("]", imageStyle))
          work.append(.inlines(alt[...], imageStyle))
          pieces.append(.text("[image: ", imageStyle))
        case .softBreak:
          pieces.append(.text(" ", style))
        case .lineBreak:
          pieces.append(.lineBreak)
        }
      }
    }
    return pieces
  }

  private static func wrap(
    _ inner: [Inline], in marker: String?, style: TextStyle, _ work: inout [Work],
    _ pieces: inout [InlinePiece]
  ) {
    if let marker {
      work.append(.text(marker, style))
      pieces.append(.text(marker, style))
    }
    work.append(.inlines(inner[...], style))
  }
}
