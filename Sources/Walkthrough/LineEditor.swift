import CEditLine
import Foundation

/// A prompt with line editing and history (libedit's readline interface), shared by
/// `tutor repl` and `tutor learn`. History persists in ~/.tutor_history-NAME.
public final class LineEditor {
  private let historyPath: String

  public init(historyName: String) {
    let home = ProcessInfo.processInfo.environment["HOME"] ?? NSTemporaryDirectory()
    historyPath = (home as NSString).appendingPathComponent(".tutor_history-\(historyName)")
    using_history()
    _ = read_history(historyPath)
  }

  /// Reads a line with `prompt`; nil at end of input (Ctrl-D).
  public func readLine(prompt: String) -> String? {
    guard let raw = readline(prompt) else { return nil }
    defer { free(raw) }
    let line = String(cString: raw)
    if !line.trimmingCharacters(in: .whitespaces).isEmpty {
      add_history(line)
      _ = write_history(historyPath)
    }
    return line
  }
}
