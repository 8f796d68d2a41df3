/// One step of a transcript: what the reader types after a prompt, and what the shell
/// printed back, up to the next prompt.
public struct Exchange: Hashable, Sendable {
  /// The prompt as the page writes it: `lfe> ` or `> `. It tells which shell profile the
  /// page was written against.
  public var prompt: String
  /// The input lines, the first without its prompt.
  public var inputLines: [NumberedLine]
  /// Everything after the input up to the next prompt: side-effect output and the printed
  /// value, in the order the page shows them. Empty when the page shows no output, in
  /// which case the input is run but not checked. Blank lines inside are kept; trailing
  /// ones, which only separate exchanges, are not. The output may sit in the next code
  /// block, when this exchange ends its own block and that one opens with output lines.
  public var expected: [NumberedLine]
  /// Indices into `expected` of lines the page writes after a prompt (`lfe> Pong received
  /// ping`): output a process printed once the shell had shown its next prompt. Their
  /// text is without the prompt, which the shell does not print as output.
  public var outputAfterPrompt: [Int]

  public init(
    prompt: String, inputLines: [NumberedLine], expected: [NumberedLine], outputAfterPrompt: [Int] = []
  ) {
    self.prompt = prompt
    self.inputLines = inputLines
    self.expected = expected
    self.outputAfterPrompt = outputAfterPrompt
  }

  /// Whether text written after a prompt reads as typed input rather than output: one
  /// datum, or data that each open with a bracket, quote, `#`, string or number.
  public static func readsAsInput(_ text: String) -> Bool {
    TranscriptParser.readsAsInput(text)
  }

  /// The form to evaluate, lines joined by newlines.
  public var input: String { inputLines.map(\.text).joined(separator: "\n") }

  /// The line of the prompt.
  public var line: Int { inputLines.first?.line ?? 0 }

  /// The last line the input spans.
  public var inputEndLine: Int { inputLines.last?.line ?? line }

  /// The expected output as one text, lines joined by newlines.
  public var expectedText: String { expected.map(\.text).joined(separator: "\n") }
}
