/// Why the reader could not produce a form.
public enum ReadError: Error, Equatable, CustomStringConvertible {
  /// The text ends inside a form; more text could complete it. The location is the start of
  /// the innermost unfinished construct (the open paren, string, comment or quote), which is
  /// what a person needs to find the missing close.
  case incomplete(SourceLocation)
  /// The text can never read as LFE, whatever follows it.
  case syntax(message: String, at: SourceLocation)
  /// A closing bracket where none can stand (nothing open, or another kind open): the
  /// bracket, and the message saying which opener it fails to close. LFE's own shell
  /// says only `illegal ']'`.
  case strayCloser(String, message: String, at: SourceLocation)

  public var location: SourceLocation {
    switch self {
    case .incomplete(let at): return at
    case .syntax(_, let at): return at
    case .strayCloser(_, _, let at): return at
    }
  }

  public var message: String {
    switch self {
    case .incomplete: return "unexpected end of input"
    case .syntax(let message, _): return message
    case .strayCloser(_, let message, _): return message
    }
  }

  public var description: String { "\(location): \(message)" }
}
