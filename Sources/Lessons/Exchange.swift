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
  /// ones, which only separate exchanges, are not.
  public var expected: [NumberedLine]

  public init(prompt: String, inputLines: [NumberedLine], expected: [NumberedLine]) {
    self.prompt = prompt
    self.inputLines = inputLines
    self.expected = expected
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
