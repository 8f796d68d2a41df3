/// Splits a transcript block into exchanges.
///
/// An exchange starts at a prompt line whose text reads as typed LFE (`readsAsInput`); its
/// input runs on while `isComplete` says the form is unfinished; every later line up to
/// the next such prompt is expected output. A prompt followed by text that is not typed
/// LFE is output too: a spawned process printed after the shell showed its next prompt,
/// and the page copied that. A prompt with nothing after it is where the author stopped:
/// it ends the transcript.
struct TranscriptParser {
  struct Prompt {
    /// Spaces and tabs before the prompt.
    var indent: Int
    var prompt: String
    /// Offset of the input within the line.
    var inputOffset: Int
    var input: String
  }

  /// What a block holds, ready for the page to take.
  struct Result {
    var exchanges: [Exchange] = []
    /// Output lines before the first prompt, when the block continues the exchange of
    /// the block before; empty otherwise.
    var leading: [NumberedLine] = []
    /// Indices into `leading` of lines written after a prompt.
    var leadingAfterPrompt: [Int] = []
    /// Problems that leave the rest of the block usable: warnings, and errors that fail
    /// the page without stopping it from running.
    var diagnostics: [Diagnostic] = []
    /// Whether the last exchange shows no output and nothing ends the transcript after
    /// it, so a next block that opens with output lines holds its output.
    var awaitsOutput = false
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

  /// The prompt of a line that starts an exchange: a prompt with typed LFE after it.
  static func inputPrompt(in line: String) -> Prompt? {
    guard let prompt = prompt(in: line), !prompt.input.isEmpty, readsAsInput(prompt.input) else {
      return nil
    }
    return prompt
  }

  /// Whether a block reads as a transcript: some prompt in it has typed LFE after it.
  static func isTranscript(_ lines: [String]) -> Bool {
    lines.contains { inputPrompt(in: $0) != nil }
  }

  /// Whether the text after a prompt is LFE a reader typed rather than output printed
  /// after the prompt appeared. It is input when it holds at most one top-level datum
  /// (`x`, `(+ 1 2)`, `(defun f (x)` going on below), or when every top-level datum
  /// opens with a bracket, a quote, `#`, a string, a `|symbol|` or a number
  /// (`(set x 1) (set y 2)`, `1 2`). Several data one of which is a bare word, as in
  /// `Pong received ping` or `Got: (1 2)`, is text, not input.
  static func readsAsInput(_ text: String) -> Bool {
    let scalars = Array(text.unicodeScalars)
    let starts = topLevelDatumStarts(scalars)
    guard starts.count > 1 else { return true }
    return starts.allSatisfy { index in
      let first = scalars[index]
      if "([{'`,#\"|".unicodeScalars.contains(first) { return true }
      if isDigit(first) { return true }
      let next = index + 1 < scalars.count ? scalars[index + 1] : " "
      return (first == "+" || first == "-" || first == ".") && isDigit(next)
    }
  }

  private static func isDigit(_ scalar: Unicode.Scalar) -> Bool { scalar >= "0" && scalar <= "9" }

  private static func isDelimiter(_ scalar: Unicode.Scalar) -> Bool {
    " \t\n\r()[]{}\";".unicodeScalars.contains(scalar)
  }

  /// Where each top-level datum of the text starts; a datum a quote or `#` prefixes
  /// starts at its prefix. Brackets left open at the end still count as one datum.
  static func topLevelDatumStarts(_ scalars: [Unicode.Scalar]) -> [Int] {
    var starts: [Int] = []
    var depth = 0
    var index = 0
    // A prefix (`'`, `#'`, `#(`...) was just read: the next datum belongs to it.
    var prefixed = false
    func skipQuoted(_ terminator: Unicode.Scalar) {
      index += 1
      while index < scalars.count {
        if scalars[index] == "\\" {
          index += 2
          continue
        }
        index += 1
        if scalars[index - 1] == terminator { return }
      }
    }
    func begin() {
      if depth == 0 && !prefixed { starts.append(index) }
      prefixed = false
    }
    while index < scalars.count {
      let scalar = scalars[index]
      let next = index + 1 < scalars.count ? scalars[index + 1] : " "
      switch scalar {
      case " ", "\t", "\n", "\r":
        index += 1
      case ";":
        while index < scalars.count && scalars[index] != "\n" { index += 1 }
      case "#" where next == "|":
        index += 2
        while index < scalars.count
          && !(scalars[index] == "|" && index + 1 < scalars.count && scalars[index + 1] == "#")
        {
          index += 1
        }
        index += 2
      case ")", "]", "}":
        depth = max(0, depth - 1)
        index += 1
      case "(", "[", "{":
        begin()
        depth += 1
        index += 1
      case "\"", "|":
        begin()
        skipQuoted(scalar)
      case "'", "`", ",":
        begin()
        prefixed = true
        index += next == "@" && scalar == "," ? 2 : 1
      case "#" where next == "\\":
        begin()
        index += 3
        while index < scalars.count && !isDelimiter(scalars[index]) { index += 1 }
      case "#":
        // `#(`, `#b(`, `#M(`, `#"bin"`, `#'f/1`, `#x1F`: the dispatch and its letters
        // prefix whatever follows, or are the whole datum.
        begin()
        index += 1
        while index < scalars.count && (scalars[index].properties.isAlphabetic || isDigit(scalars[index])) {
          index += 1
        }
        if index < scalars.count {
          let after = scalars[index]
          prefixed = !isDelimiter(after) || "([{\"".unicodeScalars.contains(after)
        }
      default:
        begin()
        while index < scalars.count && !isDelimiter(scalars[index]) { index += 1 }
      }
    }
    return starts
  }

  /// The file location of a character offset in a given content line.
  let locate: (_ lineIndex: Int, _ offset: Int) -> SourceLocation

  /// Reads the block's lines. When `continuing`, output lines before the first prompt
  /// belong to the last exchange of the block before and come back in `leading`;
  /// otherwise they are an error of this block.
  func parse(
    _ lines: [String], firstLine: Int, isComplete: InputCompleteness, continuing: Bool = false
  ) -> Result {
    var result = Result()
    var index = 0
    var current: Exchange?
    var currentIndent = 0
    var ended = false
    func finish() {
      guard var exchange = current else { return }
      // Blank lines that only separate exchanges are layout, not output.
      while exchange.expected.last?.text.isBlank == true { exchange.expected.removeLast() }
      let count = exchange.expected.count
      exchange.outputAfterPrompt.removeAll { $0 >= count }
      result.exchanges.append(exchange)
      current = nil
    }
    while index < lines.count {
      let line = lines[index]
      let prompt = Self.prompt(in: line)
      if let prompt, prompt.input.isEmpty {
        if let stray = lines[(index + 1)...].firstIndex(where: { !$0.isBlank }) {
          result.diagnostics.append(
            .warning(
              at: locate(stray, lines[stray].leadingWhitespaceCount),
              "ignored: text after the empty prompt that ends this transcript"))
        }
        ended = true
        break
      }
      if let prompt, Self.readsAsInput(prompt.input) {
        finish()
        // Output and continuation lines are written under the prompt, so its indent is not theirs.
        currentIndent = prompt.indent
        var input = [NumberedLine(prompt.input, line: firstLine + index)]
        index += 1
        while !isComplete(input.map(\.text).joined(separator: "\n")) {
          guard index < lines.count, Self.inputPrompt(in: lines[index]) == nil else {
            result.diagnostics.append(
              .warning(
                at: locate(input[0].line - firstLine, prompt.inputOffset),
                "input is not a complete form before the next prompt"))
            break
          }
          input.append(NumberedLine(dedent(lines[index], by: currentIndent), line: firstLine + index))
          index += 1
        }
        current = Exchange(prompt: prompt.prompt, inputLines: input, expected: [])
        continue
      }
      // An output line; after a prompt, the prompt is where the shell stood, not output.
      let text = prompt?.input ?? dedent(line, by: currentIndent)
      let numbered = NumberedLine(text, line: firstLine + index)
      if var exchange = current {
        if prompt != nil { exchange.outputAfterPrompt.append(exchange.expected.count) }
        exchange.expected.append(numbered)
        current = exchange
      } else if result.exchanges.isEmpty {
        if prompt != nil { result.leadingAfterPrompt.append(result.leading.count) }
        result.leading.append(numbered)
      }
      index += 1
    }
    finish()
    result.awaitsOutput = !ended && result.exchanges.last?.expected.isEmpty == true
    while result.leading.first?.text.isBlank == true {
      result.leading.removeFirst()
      result.leadingAfterPrompt = result.leadingAfterPrompt.map { $0 - 1 }.filter { $0 >= 0 }
    }
    while result.leading.last?.text.isBlank == true { result.leading.removeLast() }
    let leadingCount = result.leading.count
    result.leadingAfterPrompt.removeAll { $0 >= leadingCount }
    if !continuing, let stray = result.leading.first {
      let lineIndex = stray.line - firstLine
      let message =
        result.leadingAfterPrompt.first == 0
        ? "output after a prompt, but no input before it to have printed it: the text after the "
          + "prompt does not read as typed LFE, and the block before does not end with an input "
          + "shown without output"
        : "transcript line before any prompt: each exchange must start with 'lfe> ' or '> '"
      result.diagnostics.append(
        .error(at: locate(lineIndex, lines[lineIndex].leadingWhitespaceCount), message))
      result.leading = []
      result.leadingAfterPrompt = []
    }
    return result
  }

  private func dedent(_ line: String, by indent: Int) -> String {
    String(line.dropFirst(min(indent, line.leadingWhitespaceCount)))
  }
}
