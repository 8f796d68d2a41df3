/// Splits a transcript block into exchanges.
///
/// An exchange starts at a prompt line; its input runs on while `isComplete` says the
/// form is unfinished; every later line up to the next prompt is expected output. A
/// prompt with nothing after it is where the author stopped: it ends the transcript.
struct TranscriptParser {
  struct Prompt {
    /// Spaces and tabs before the prompt.
    var indent: Int
    var prompt: String
    /// Offset of the input within the line.
    var inputOffset: Int
    var input: String
  }

  /// The prompts a transcript may use, longest first so `lfe>` is not read as text.
  static let prompts = ["lfe>", ">"]

  static func prompt(in line: String) -> Prompt? {
    let indent = line.leadingWhitespaceCount
    let body = line.dropFirst(indent)
    for prompt in prompts where body.hasPrefix(prompt) {
      let after = body.dropFirst(prompt.count)
      guard after.isEmpty || after.first == " " || after.first == "\t" else { continue }
      let spaces = after.leadingWhitespaceCount
      return Prompt(
        indent: indent, prompt: prompt + " ", inputOffset: indent + prompt.count + spaces,
        input: after.dropFirst(spaces).trimmingTrailingWhitespace())
    }
    return nil
  }

  /// Whether a block reads as a transcript: some prompt in it has input after it.
  static func isTranscript(_ lines: [String]) -> Bool {
    lines.contains { prompt(in: $0).map { !$0.input.isEmpty } ?? false }
  }

  /// The file location of a character offset in a given content line.
  let locate: (_ lineIndex: Int, _ offset: Int) -> SourceLocation

  func parse(
    _ lines: [String], firstLine: Int, isComplete: InputCompleteness
  ) -> (exchanges: [Exchange], diagnostics: [Diagnostic]) {
    var exchanges: [Exchange] = []
    var diagnostics: [Diagnostic] = []
    var index = 0
    var reportedStrayLine = false
    while index < lines.count, Self.prompt(in: lines[index]) == nil {
      if !reportedStrayLine && !lines[index].isBlank {
        diagnostics.append(
          .error(
            at: locate(index, lines[index].leadingWhitespaceCount),
            "transcript line before any prompt: each exchange must start with 'lfe> ' or '> '"))
        reportedStrayLine = true
      }
      index += 1
    }
    while index < lines.count, let prompt = Self.prompt(in: lines[index]) {
      guard !prompt.input.isEmpty else {
        if let stray = lines[(index + 1)...].firstIndex(where: { !$0.isBlank }) {
          diagnostics.append(
            .warning(
              at: locate(stray, lines[stray].leadingWhitespaceCount),
              "ignored: text after the empty prompt that ends this transcript"))
        }
        break
      }
      // Output and continuation lines are written under the prompt, so its indent is not theirs.
      func dedent(_ line: String) -> String {
        String(line.dropFirst(min(prompt.indent, line.leadingWhitespaceCount)))
      }
      var input = [NumberedLine(prompt.input, line: firstLine + index)]
      index += 1
      while !isComplete(input.map(\.text).joined(separator: "\n")) {
        guard index < lines.count, Self.prompt(in: lines[index]) == nil else {
          diagnostics.append(
            .warning(
              at: locate(input[0].line - firstLine, prompt.inputOffset),
              "input is not a complete form before the next prompt"))
          break
        }
        input.append(NumberedLine(dedent(lines[index]), line: firstLine + index))
        index += 1
      }
      var expected: [NumberedLine] = []
      while index < lines.count, Self.prompt(in: lines[index]) == nil {
        expected.append(NumberedLine(dedent(lines[index]), line: firstLine + index))
        index += 1
      }
      // Blank lines that only separate exchanges are layout, not output.
      while expected.last?.text.isBlank == true { expected.removeLast() }
      exchanges.append(Exchange(prompt: prompt.prompt, inputLines: input, expected: expected))
    }
    return (exchanges, diagnostics)
  }
}
