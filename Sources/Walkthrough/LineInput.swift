/// What a prompt read.
public enum LineInput: Equatable, Sendable {
  /// A line, without its newline.
  case line(String)
  /// Ctrl-D on an empty line, or the end of the input.
  case endOfInput
  /// Ctrl-C: the line being typed was dropped.
  case interrupted
}
