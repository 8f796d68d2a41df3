/// A problem found while loading a page or a course.
///
/// Diagnostics are data so that every front end (the `lessons` listing, the checker, CI
/// reporters) can decide where they go; `description` is the one rendering they share.
public struct Diagnostic: Error, Hashable, Sendable, Codable, CustomStringConvertible {
  public enum Severity: String, Hashable, Sendable, Codable {
    /// The page cannot be trusted as written: `tutor` exits 2.
    case error
    /// Worth fixing, but the page still loads and runs.
    case warning
  }

  public var severity: Severity
  public var location: SourceLocation
  public var message: String

  public init(_ severity: Severity, at location: SourceLocation, _ message: String) {
    self.severity = severity
    self.location = location
    self.message = message
  }

  public static func error(at location: SourceLocation, _ message: String) -> Diagnostic {
    Diagnostic(.error, at: location, message)
  }

  public static func warning(at location: SourceLocation, _ message: String) -> Diagnostic {
    Diagnostic(.warning, at: location, message)
  }

  public var isError: Bool { severity == .error }

  /// `path:line:col: error: message`, the shape compilers use, so editors and CI logs
  /// recognise it. This is the only place a diagnostic is turned into text.
  public var description: String { "\(location): \(severity.rawValue): \(message)" }
}

extension Sequence where Element == Diagnostic {
  /// Whether any of these diagnostics makes the page unusable.
  public var containsErrors: Bool { contains { $0.isError } }

  /// One rendered diagnostic a line, each line ending in a newline.
  public var rendered: String { map { "\($0)\n" }.joined() }
}
