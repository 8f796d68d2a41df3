/// What every function compiled together shares: the runtime (for atoms and natives),
/// the module they belong to, and the functions callable by plain name.
final class CompileUnit {
  let runtime: Runtime
  let module: Atom
  /// Top-level functions of the module (or the shell's defuns), callable as `(f ...)`.
  var topFunctions: [FunctionKey: FunctionCode]
  /// The shell's variables: a shell form sees them as constants.
  var shellVariables: [String: Term]
  /// In a module, an unbound symbol or undefined function is a compile error; in the
  /// shell it is an error raised when the form runs, as LFE's shell does.
  let isShell: Bool
  let expander = MacroExpander()
  /// Macros defined with `defmacro`, by name: each a function of the argument forms.
  var macros: [String: FunctionCode] = [:]
  var errors: [CompileError] = []
  /// Top-level functions each function calls, for the unused-function lint.
  var calls: [FunctionKey: Set<FunctionKey>] = [:]
  var currentTop: FunctionKey? = nil
  /// The module's file name, for stack traces; nil in the shell.
  var file: String? = nil
  /// The line of the `defun` being compiled.
  var definitionLine: Int? = nil
  /// User macro calls expanded so far, and how many enclose the form being compiled.
  var macroExpansions = 0
  var macroDepth = 0
  /// The macro call whose expansion holds the form being compiled, if any.
  var outermostMacro: String? = nil
  private var funCounter = 0
  private var uniqueNames = 0

  init(
    runtime: Runtime, module: Atom, topFunctions: [FunctionKey: FunctionCode], isShell: Bool,
    shellVariables: [String: Term] = [:]
  ) {
    self.runtime = runtime
    self.module = module
    self.topFunctions = topFunctions
    self.isShell = isShell
    self.shellVariables = shellVariables
  }

  var atoms: AtomTable { runtime.atoms }

  /// A new function object for a lambda or local function of this unit.
  func newLambda(arity: Int, name: String) -> FunctionCode {
    funCounter += 1
    let code = FunctionCode(
      arity: arity, module: module, name: atoms.intern(name), index: funCounter - 1,
      uniq: runtime.makeFunUniq())
    code.file = file
    code.definitionLine = definitionLine
    runtime.keep(code)
    return code
  }

  /// A name no LFE source can write, for hidden bindings.
  func uniqueName(_ base: String) -> String {
    uniqueNames += 1
    return " \(base)\(uniqueNames)"
  }

  func noteCall(_ key: FunctionKey) {
    if let from = currentTop { calls[from, default: []].insert(key) }
  }
}

/// A function known by name in a scope: a top-level function, or a local (`flet`)
/// function lifted to take the values it closes over as extra arguments.
struct LocalFunction {
  let code: FunctionCode
  /// Hidden variable names holding the captured values, passed after the arguments.
  let captureNames: [String]
}

struct LocalKey: Hashable {
  let name: String
  let arity: Int
}
