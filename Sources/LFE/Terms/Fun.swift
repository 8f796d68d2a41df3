/// A function value: compiled code with the values it closed over, or a reference to
/// an exported function (`(fun m f 2)`), resolved when called.
public final class Fun: @unchecked Sendable {
  public enum Target {
    case local(FunctionCode, captured: [Term])
    case external(module: Atom, function: Atom, arity: Int)
  }

  public let target: Target
  /// The arity the fun accepts.
  public let arity: Int

  public init(code: FunctionCode, captured: [Term]) {
    self.target = .local(code, captured: captured)
    self.arity = code.arity
  }

  public init(module: Atom, function: Atom, arity: Int) {
    self.target = .external(module: module, function: function, arity: arity)
    self.arity = arity
  }
}
