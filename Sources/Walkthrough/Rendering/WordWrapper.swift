/// Fills lines with words up to a width in terminal columns. A word wider than the width
/// gets a line of its own rather than being cut.
enum WordWrapper {
  static func wrap(_ pieces: [InlinePiece], width: Int) -> [[StyledRun]] {
    var lines: [[StyledRun]] = []
    var line: [StyledRun] = []
    var lineWidth = 0
    var word: [StyledRun] = []
    var wordWidth = 0
    // The style of the white space before the word being read, if there was any.
    var space: TextStyle?

    func endWord() {
      guard !word.isEmpty else { return }
      if lineWidth == 0 {
        line = word
        lineWidth = wordWidth
      } else if lineWidth + 1 + wordWidth <= width {
        line.append(StyledRun(" ", space ?? .none))
        line += word
        lineWidth += 1 + wordWidth
      } else {
        lines.append(line)
        line = word
        lineWidth = wordWidth
      }
      word = []
      wordWidth = 0
      space = nil
    }

    for piece in pieces {
      switch piece {
      case .lineBreak:
        endWord()
        lines.append(line)
        line = []
        lineWidth = 0
        space = nil
      case .text(let text, let style):
        for character in text {
          if character == " " || character == "\t" || character == "\n" {
            endWord()
            if space == nil { space = style }
            continue
          }
          if let last = word.indices.last, word[last].style == style {
            word[last].text.append(character)
          } else {
            word.append(StyledRun(String(character), style))
          }
          wordWidth += DisplayWidth.of(character)
        }
      }
    }
    endWord()
    if !line.isEmpty || lines.isEmpty { lines.append(line) }
    return lines
  }
}
