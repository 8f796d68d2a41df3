/// An LFE exception in flight: its class, its reason, and where it was raised.
public struct Exception: Error {
  public enum Kind: Sendable {
    case error, exit, `throw`
  }

  public var kind: Kind
  public var reason: Term
  /// Innermost call first: `(module, function, arguments or arity)`, as `in (...)` lines show.
  public var stack: [StackEntry]
  /// Raised again by `erlang:raise` or a `try` that matched no clause: keep its stack.
  public var rethrown = false
  /// Raised on purpose by `error`, `exit` or `throw`: the stack starts at the caller,
  /// not at the built-in function.
  public var deliberate = false
  /// When one of the runtime's own limits raised it: which, in words, for the shell.
  public var limit: String? = nil

  /// `system_limit` raised by one of the runtime's limits, saying which.
  static func limitReached(_ what: String) -> Exception {
    var e = Exception.error(.atom(.systemLimit))
    e.limit = what
    return e
  }

  public init(_ kind: Kind, _ reason: Term, stack: [StackEntry] = []) {
    self.kind = kind
    self.reason = reason
    self.stack = stack
  }

  public static func error(_ reason: Term) -> Exception { Exception(.error, reason) }
  public static var badarg: Exception { .error(.atom(.badarg)) }
  public static var badarith: Exception { .error(.atom(.badarith)) }
  /// `{Tag, Value}` errors such as `{badmatch, V}` and `{case_clause, V}`.
  public static func error(_ tag: Atom, _ value: Term) -> Exception {
    .error(.tuple([.atom(tag), value]))
  }
}

/// One frame of an exception's stack trace.
public struct StackEntry: Sendable {
  public var module: Atom
  public var function: Atom
  /// The arguments, when known (the innermost call), else nil and `arity` says how many.
  public var arguments: [Term]?
  public var arity: Int
  /// Where in a module's file the function was running, when it came from a file.
  public var file: String? = nil
  public var line: Int? = nil

  public init(
    module: Atom, function: Atom, arguments: [Term]?, arity: Int, file: String? = nil, line: Int? = nil
  ) {
    self.module = module
    self.function = function
    self.arguments = arguments
    self.arity = arity
    self.file = file
    self.line = line
  }
}
