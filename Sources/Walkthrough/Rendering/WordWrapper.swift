/// Fills lines with words up to a width in terminal columns. A word wider than the width
/// gets a line of its own rather than being cut.
enum WordWrapper {
  static func wrap(_ pieces: [InlinePiece], width: Int) -> [[StyledRun]] {
    var lines: [[StyledRun]] = []
    var line: [StyledRun] = []
    var lineWidth = 0
    var word: [StyledRun] = []
    var wordWidth = 0
    // The white space before the word being read, and its style: one space for any run
    // of it in text, the spaces as written in a code span.
    var space = ""
    var spaceStyle = TextStyle.none

    func endWord() {
      guard !word.isEmpty else { return }
      if lineWidth == 0 {
        line = word
        lineWidth = wordWidth
      } else if lineWidth + space.count + wordWidth <= width {
        line.append(StyledRun(space, spaceStyle))
        line += word
        lineWidth += space.count + wordWidth
      } else {
        lines.append(line)
        line = word
        lineWidth = wordWidth
      }
      word = []
      wordWidth = 0
      space = ""
    }

    for piece in pieces {
      switch piece {
      case .lineBreak:
        endWord()
        lines.append(line)
        line = []
        lineWidth = 0
        space = ""
      case .text(let text, let style), .code(let text, let style):
        var keepsSpaces = false
        if case .code = piece { keepsSpaces = true }
        for character in text {
          if character == " " || character == "\t" || character == "\n" {
            endWord()
            if space.isEmpty { spaceStyle = style }
            if keepsSpaces {
              space.append(" ")
            } else if space.isEmpty {
              space = " "
            }
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
