/// The read-eval-print loop over lines, as LFE's shell reads them: a prompt before each
/// line read, lines gathered until they hold a whole form, only the first form of the
/// gathered text evaluated (the rest of its last line is dropped, as LFE does).
public struct Repl {
  public let shell: Shell

  public init(shell: Shell) { self.shell = shell }

  /// Runs until `readLine` returns nil (end of input) or `(exit)` is evaluated.
  /// `readLine` gets the prompt to show; `write` prints what the shell prints.
  public func run(readLine: (String) -> String?, write: (String) -> Void) {
    var buffer = ""
    var line = 0
    var firstLine = 1
    // Blank and comment lines read since the last form: LFE's reader counts them.
    var skippedLines = 0
    while !shell.exitRequested {
      guard let text = readLine(shell.profile.prompt) else { return }
      line += 1
      if buffer.isEmpty { firstLine = line }
      buffer += text + "\n"
      switch Shell.read(buffer, line: firstLine) {
      case .incomplete:
        continue
      case .empty:
        skippedLines += line - firstLine + 1
        buffer = ""
      case .error(let message):
        write(Repl.readErrorText(buffer, skippedLines: skippedLines) ?? "** \(message)\n")
        skippedLines = 0
        buffer = ""
      case .form(let form, _):
        skippedLines = 0
        buffer = ""
        write(shell.evaluate(form))
      }
    }
  }

  /// LFE's shell reports a read error as `LINE: message`, counting lines from the first
  /// line of the text it was reading. A closing bracket that closes nothing is LFE's
  /// parser's `illegal ']'`, on the line where the form began, counting the blank and
  /// comment lines read before it (`skippedLines`) but not the form's own lines: the
  /// shell scans each line of a form from that line again.
  static func readErrorText(_ text: String, skippedLines: Int = 0) -> String? {
    var reader = Reader(text, line: 1)
    do {
      _ = try reader.next()
      return nil
    } catch {
      if case .strayCloser(let closer, _, _) = error {
        return "\(skippedLines + 1): illegal '\(closer)'\n"
      }
      return "\(error.location.line): \(error.message)\n"
    }
  }
}
