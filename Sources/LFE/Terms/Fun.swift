/// A function value: compiled code with the values it closed over, or a reference to
/// an exported function (`(fun m f 2)`), resolved when called.
public final class Fun: @unchecked Sendable {
  public enum Target {
    case local(FunctionCode, captured: [Term])
    case external(module: Atom, function: Atom, arity: Int)
  }

  // `var` only so deinit can take the captured values apart without recursion.
  public private(set) var target: Target
  /// The arity the fun accepts.
  public let arity: Int

  public init(code: FunctionCode, captured: [Term]) {
    self.target = .local(code, captured: captured)
    self.arity = code.arity
  }

  deinit {
    // A chain of closures capturing closures would otherwise free itself recursively.
    guard case .local(let code, var captured) = target, captured.contains(where: { $0.isBox }) else { return }
    target = .local(code, captured: [])
    DropQueue.release(&captured)
  }

  public init(module: Atom, function: Atom, arity: Int) {
    self.target = .external(module: module, function: function, arity: arity)
    self.arity = arity
  }
}
