/// One compiled function body: register bytecode built once, run by the VM.
public final class FunctionCode: @unchecked Sendable {
  /// Parameters the function takes (not counting captured values).
  public let arity: Int
  /// The module that defined it; printed in `#Fun<module.index.uniq>`.
  public let module: Atom
  /// Position among the module's funs and a per-runtime unique number, for printing.
  public let index: Int
  public let uniq: Int

  public init(arity: Int, module: Atom, index: Int, uniq: Int) {
    self.arity = arity
    self.module = module
    self.index = index
    self.uniq = uniq
  }
}
