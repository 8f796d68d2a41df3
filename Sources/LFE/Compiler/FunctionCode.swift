/// One compiled function body: register bytecode built once, run by the VM.
///
/// Every function of a module is created before any is compiled, so calls between them
/// (mutual recursion included) can name each other directly; the code is filled in after.
/// The runtime keeps every `FunctionCode` alive for its whole life, which lets frames
/// refer to their function without reference counting.
public final class FunctionCode: @unchecked Sendable {
  /// Parameters the function takes (not counting captured values).
  public let arity: Int
  /// Values closed over, placed in the registers after the arguments.
  public internal(set) var captureCount: Int = 0
  /// The module that defined it; printed in `#Fun<module.index.uniq>`.
  public let module: Atom
  /// The function's name for stack traces (a lambda gets a made-up one).
  public let name: Atom
  /// Position among the module's funs and a per-runtime unique number, for printing.
  public let index: Int
  public let uniq: Int

  public internal(set) var code: [Instruction] = []
  public internal(set) var constants: [Term] = []
  /// Functions this one calls or makes funs of, uncounted: the runtime keeps them all,
  /// and a function that calls itself would otherwise never be freed.
  var functions: [Unmanaged<FunctionCode>] = []
  /// Remote calls: module, function, arity.
  var imports: [Import] = []
  /// Natives called directly.
  var natives: [NativeEntry] = []
  /// Registers the function needs: arguments, captures, locals and temporaries.
  public internal(set) var frameSize: Int = 0
  /// Source line of each instruction, for errors.
  var lines: [Int32] = []
  /// The file it was compiled from (a module's), for stack traces.
  var file: String? = nil
  /// The line of the `defun` it belongs to: the line LFE's stack traces give for it.
  var definitionLine: Int? = nil

  /// The code and constants as raw pointers for the VM, made once by `finish()`.
  private(set) var codeBase: UnsafeMutablePointer<Instruction>? = nil
  private(set) var constantBase: UnsafeMutablePointer<Term>? = nil
  private(set) var functionBase: UnsafeMutablePointer<Unmanaged<FunctionCode>>? = nil
  /// Remote call sites with their resolution cache.
  var importSlots: UnsafeMutablePointer<ImportSlot>? = nil

  /// Freezes the compiled code into the buffers the VM reads.
  func finish() {
    let c = UnsafeMutablePointer<Instruction>.allocate(capacity: max(code.count, 1))
    c.initialize(from: code, count: code.count)
    codeBase = c
    let k = UnsafeMutablePointer<Term>.allocate(capacity: max(constants.count, 1))
    k.initialize(from: constants, count: constants.count)
    constantBase = k
    let f = UnsafeMutablePointer<Unmanaged<FunctionCode>>.allocate(capacity: max(functions.count, 1))
    f.initialize(from: functions, count: functions.count)
    functionBase = f
    let s = UnsafeMutablePointer<ImportSlot>.allocate(capacity: max(imports.count, 1))
    for (i, imp) in imports.enumerated() { (s + i).initialize(to: ImportSlot(imp)) }
    importSlots = s
  }

  deinit {
    // A function lives as long as its runtime; its buffers go with it.
    if let codeBase { codeBase.deallocate() }
    if let functionBase { functionBase.deallocate() }
    if let importSlots {
      importSlots.deinitialize(count: imports.count)
      importSlots.deallocate()
    }
    if let constantBase {
      constantBase.deinitialize(count: constants.count)
      constantBase.deallocate()
    }
  }

  public init(arity: Int, module: Atom, name: Atom, index: Int, uniq: Int) {
    self.arity = arity
    self.module = module
    self.name = name
    self.index = index
    self.uniq = uniq
  }
}

/// A remote function reference resolved when called.
struct Import {
  let module: Atom
  let function: Atom
  let arity: Int
}

/// A native function bound at compile time.
struct NativeEntry {
  let module: Atom
  let function: Atom
  let arity: Int
  let body: NativeBody
}

/// A remote call site: what it names, and what that resolved to at the code generation
/// when it was last looked up (loading a module starts a new generation).
struct ImportSlot {
  let module: Atom
  let function: Atom
  let arity: Int
  var generation: Int = -1
  var target: ImportTarget = .unresolved

  init(_ i: Import) {
    module = i.module
    function = i.function
    arity = i.arity
  }
}

enum ImportTarget {
  case unresolved
  case code(Unmanaged<FunctionCode>)
  case native(NativeBody)
  case processNative(ProcessNativeBody)
  case undefined
}
