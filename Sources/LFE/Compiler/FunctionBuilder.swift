/// Builds one function's register bytecode: registers, labels, constants and the
/// tables of callees, imports and natives.
///
/// Registers are handed out as a stack: arguments and captured values first, then
/// variables and temporaries as scopes open, released when they close. A call places
/// its arguments at the top of the stack, which becomes the callee's window.
final class FunctionBuilder {
  let unit: CompileUnit
  let code: FunctionCode
  var instructions: [Instruction] = []
  var lines: [Int32] = []
  var constants: [Term] = []
  var functions: [FunctionCode] = []
  private var functionIndex: [ObjectIdentifier: Int] = [:]
  var imports: [Import] = []
  private var importIndex: [MFA: Int] = [:]
  var natives: [NativeEntry] = []
  private var nativeIndex: [MFA: Int] = [:]

  var nextRegister = 0
  var maxRegister = 0
  var variables: [String: Int] = [:]
  var localFunctions: [LocalKey: LocalFunction] = [:]
  var line: Int32 = 0
  /// Set while compiling a body form before the last one: nothing reads its value.
  var valueUnused = false
  /// While a clause body compiles, the tuple its pattern matched in a register nothing
  /// reads again: the first tuple of that size the body builds rewrites its cell.
  var reusableTuple: ReusableTuple? = nil

  private var labelTargets: [Int] = []
  private var fixups: [(instruction: Int, field: Int, label: Int)] = []

  init(unit: CompileUnit, code: FunctionCode) {
    self.unit = unit
    self.code = code
  }

  var atoms: AtomTable { unit.atoms }

  // MARK: Registers

  func allocate() -> Int {
    let r = nextRegister
    nextRegister += 1
    if nextRegister > maxRegister { maxRegister = nextRegister }
    return r
  }

  func allocate(_ n: Int) -> Int {
    let r = nextRegister
    nextRegister += n
    if nextRegister > maxRegister { maxRegister = nextRegister }
    return r
  }

  /// Runs `body` with the register stack and scope restored afterwards.
  func scoped<T>(_ body: () throws(CompileError) -> T) throws(CompileError) -> T {
    let mark = nextRegister
    let vars = variables
    let funs = localFunctions
    defer {
      nextRegister = mark
      variables = vars
      localFunctions = funs
    }
    return try body()
  }

  // MARK: Emission

  @discardableResult
  func emit(_ op: Opcode, _ a: Int = 0, _ b: Int = 0, _ c: Int = 0) -> Int {
    instructions.append(
      Instruction(
        op, Int32(truncatingIfNeeded: a), Int32(truncatingIfNeeded: b), Int32(truncatingIfNeeded: c)))
    lines.append(line)
    return instructions.count - 1
  }

  func newLabel() -> Int {
    labelTargets.append(-1)
    return labelTargets.count - 1
  }

  func place(_ label: Int) { labelTargets[label] = instructions.count }

  /// Records that `field` (0 a, 1 b, 2 c) of the last instruction is `label`'s target.
  func refer(_ label: Int, field: Int, of instruction: Int? = nil) {
    fixups.append((instruction ?? instructions.count - 1, field, label))
  }

  func constant(_ t: Term) -> Int {
    constants.append(t)
    return constants.count - 1
  }

  func function(_ f: FunctionCode) -> Int {
    if let i = functionIndex[ObjectIdentifier(f)] { return i }
    functions.append(f)
    functionIndex[ObjectIdentifier(f)] = functions.count - 1
    return functions.count - 1
  }

  func importSlot(_ m: Atom, _ f: Atom, _ arity: Int) -> Int {
    let key = MFA(module: m, function: f, arity: arity)
    if let i = importIndex[key] { return i }
    imports.append(Import(module: m, function: f, arity: arity))
    importIndex[key] = imports.count - 1
    return imports.count - 1
  }

  func nativeSlot(_ m: Atom, _ f: Atom, _ arity: Int, _ body: @escaping NativeBody) -> Int {
    let key = MFA(module: m, function: f, arity: arity)
    if let i = nativeIndex[key] { return i }
    natives.append(NativeEntry(module: m, function: f, arity: arity, body: body))
    nativeIndex[key] = natives.count - 1
    return natives.count - 1
  }

  func loadTerm(_ t: Term, into r: Int) {
    if case .int(let i) = t, i >= Int(Int32.min), i <= Int(Int32.max) {
      emit(.loadInt, r, i)
    } else {
      emit(.loadConst, r, constant(t))
    }
  }

  /// Resolves labels and hands the code to its `FunctionCode`.
  func finish() {
    for f in fixups {
      let target = Int32(labelTargets[f.label])
      precondition(target >= 0, "label never placed")
      switch f.field {
      case 0: instructions[f.instruction].a = target
      case 1: instructions[f.instruction].b = target
      default: instructions[f.instruction].c = target
      }
    }
    shareClausePrefixes(jumpTargets: Set(fixups.map { labelTargets[$0.label] }))
    code.code = instructions
    code.lines = lines
    code.constants = constants
    code.functions = functions.map { .passUnretained($0) }
    code.imports = imports
    code.natives = natives
    // One spare register: a tail call to a native with no arguments leaves its result
    // at the (empty) argument window, just past the last register in use.
    code.frameSize = max(maxRegister, code.arity + code.captureCount) + 1
    code.finish()
  }
}
