/// A loaded module: its exported functions by name and arity.
public final class Module {
  public let name: Atom
  /// Exported functions.
  var exports: [FunctionKey: FunctionCode]
  /// All functions, exported or not, for `module_info` and the shell's `m` command.
  var functions: [FunctionKey: FunctionCode]

  init(name: Atom, exports: [FunctionKey: FunctionCode], functions: [FunctionKey: FunctionCode]) {
    self.name = name
    self.exports = exports
    self.functions = functions
  }
}

/// A function's name and arity.
public struct FunctionKey: Hashable, Sendable {
  public let name: Atom
  public let arity: Int
  public init(_ name: Atom, _ arity: Int) {
    self.name = name
    self.arity = arity
  }
}

/// A module, function and arity: the key of a remote call.
struct MFA: Hashable {
  let module: Atom
  let function: Atom
  let arity: Int
}
