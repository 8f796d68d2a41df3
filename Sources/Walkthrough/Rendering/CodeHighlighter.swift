/// Colours LFE for the terminal: comments, strings, characters, numbers, quoted atoms,
/// special forms and dimmed brackets. Without colour the text comes back unchanged.
public enum CodeHighlighter {
  /// LFE source, coloured line by line.
  public static func highlight(_ code: String, style: TerminalStyle) -> String {
    guard style.color else { return code }
    return lines(code, transcript: false).map { StyledRun.line($0, color: true) }.joined(separator: "\n")
  }

  /// A shell transcript: prompts coloured, the input after them highlighted as LFE (over
  /// as many lines as the form takes), the shell's output left plain.
  public static func highlightTranscript(_ text: String, style: TerminalStyle) -> String {
    guard style.color else { return text }
    return lines(text, transcript: true).map { StyledRun.line($0, color: true) }.joined(separator: "\n")
  }

  /// Whether text reads as a transcript: its first non-blank line starts with a prompt.
  public static func isTranscript(_ text: String) -> Bool {
    let first = text.split(separator: "\n").first { !$0.allSatisfy { $0 == " " || $0 == "\t" } }
    return first.map { promptLength($0) != nil } ?? false
  }

  /// The runs of each line of `text` (split at every newline, so a final newline gives a
  /// last, empty line).
  static func lines(_ text: String, transcript: Bool) -> [[StyledRun]] {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    var scanner = LFEScanner()
    guard transcript else { return lines.map { scanner.scan(line: String($0)) } }
    var result: [[StyledRun]] = []
    var inInput = false
    for line in lines {
      if let length = promptLength(line) {
        scanner = LFEScanner()
        let prompt = line.prefix(length)
        let indent = prompt.prefix { $0 == " " || $0 == "\t" }
        var runs = indent.isEmpty ? [] : [StyledRun(String(indent))]
        runs.append(StyledRun(String(prompt.dropFirst(indent.count)), .prompt))
        runs += scanner.scan(line: String(line.dropFirst(length)))
        result.append(runs)
        inInput = scanner.isIncomplete
      } else if inInput {
        result.append(scanner.scan(line: String(line)))
        inInput = scanner.isIncomplete
      } else {
        result.append(line.isEmpty ? [] : [StyledRun(String(line))])
      }
    }
    return result
  }

  /// The length of the prompt (`lfe> ` or `> `, after any indent) a line starts with.
  static func promptLength(_ line: Substring) -> Int? {
    let indent = line.prefix { $0 == " " || $0 == "\t" }.count
    let rest = line.dropFirst(indent)
    for prompt in ["lfe>", ">"] where rest.hasPrefix(prompt) {
      let after = rest.dropFirst(prompt.count)
      if after.isEmpty { return indent + prompt.count }
      if after.first == " " { return indent + prompt.count + 1 }
    }
    return nil
  }
}
