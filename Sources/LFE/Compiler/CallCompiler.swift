import BigInt

/// Compiling calls, funs, local functions and exceptions.
extension FunctionBuilder {
  /// Operators compiled to their own instructions.
  private static let comparisonOps: [String: Opcode] = [
    "<": .lt, "=<": .le, ">": .gt, ">=": .ge, "==": .eq, "/=": .ne, "=:=": .eqExact, "=/=": .neExact,
  ]

  /// Functions the shell offers by plain name (LFE's shell commands usable in expressions).
  static let shellFunctions: [LocalKey: (String, String)] = [
    LocalKey(name: "flush", arity: 0): ("c", "flush"),
    LocalKey(name: "regs", arity: 0): ("c", "regs"),
    LocalKey(name: "i", arity: 0): ("c", "i"),
    LocalKey(name: "pid", arity: 3): ("c", "pid"),
    LocalKey(name: "q", arity: 0): ("c", "q"),
    LocalKey(name: "exit", arity: 0): ("c", "q"),
  ]

  /// `(name args...)`: a local or top-level function, an operator, or an auto-imported BIF.
  func compileApplication(
    _ name: String, _ args: [Form], _ f: Form, to dest: Int, tail: Bool
  )
    throws(CompileError)
  {
    let n = args.count
    if let local = localFunctions[LocalKey(name: name, arity: n)] {
      return try compileDirectCall(local, args, to: dest, tail: tail)
    }
    let key = FunctionKey(atoms.intern(name), n)
    if let top = unit.topFunctions[key] {
      unit.noteCall(key)
      return try compileDirectCall(LocalFunction(code: top, captureNames: []), args, to: dest, tail: tail)
    }
    if try compileOperator(name, args, f, to: dest) {
      if tail { emit(.ret, dest) }
      return
    }
    if unit.isShell, let target = Self.shellFunctions[LocalKey(name: name, arity: n)] {
      return try compileCall(module: atoms.intern(target.0), name: target.1, args, f, to: dest, tail: tail)
    }
    let mfa = MFA(module: .erlang, function: key.name, arity: n)
    if unit.runtime.natives[mfa] != nil || unit.runtime.processNatives[mfa] != nil {
      return try compileCall(module: .erlang, name: name, args, f, to: dest, tail: tail)
    }
    if unit.isShell {
      // LFE's shell reports this when the form runs, after evaluating the arguments.
      try scoped { () throws(CompileError) in
        for a in args { try compile(a, to: allocate(), tail: false) }
      }
      loadTerm(.tuple([.atom(key.name), .int(n)]), into: dest)
      emit(
        .raiseError, constant(.atom(atoms.intern("undefined_function"))), dest,
        Int(ErrorShape.tagged.rawValue))
      return
    }
    throw error("function \(name)/\(n) undefined", f)
  }

  /// Calls a function known at compile time, passing its captured values after the arguments.
  private func compileDirectCall(
    _ fn: LocalFunction, _ args: [Form], to dest: Int, tail: Bool
  )
    throws(CompileError)
  {
    // A loop that passes its own arguments on unchanged, `(loop state)`, finds them
    // already in place: the tail call needs no moves at all.
    if tail {
      let inPlace =
        args.enumerated().allSatisfy { i, a in a.symbol.flatMap { variables[$0] } == i }
        && fn.captureNames.enumerated().allSatisfy { j, name in variables[name] == args.count + j }
      if inPlace {
        emit(.tailCall, 0, 0, function(fn.code))
        return
      }
    }
    try scoped { () throws(CompileError) in
      let start = allocate(args.count + fn.captureNames.count)
      // In a tail call, an argument that is the variable already in its place, as
      // `f` in `(map f rest (cons y acc))`, is neither copied nor moved: bit i of the
      // tail call's first field marks argument i as one (see `Opcode.tailCall`).
      var inPlace = 0
      for (i, a) in args.enumerated() {
        if tail, i < 32, a.symbol.flatMap({ variables[$0] }) == i {
          inPlace |= 1 << i
          continue
        }
        try compile(a, to: start + i, tail: false)
      }
      for (j, name) in fn.captureNames.enumerated() {
        guard let r = variables[name] else {
          throw CompileError("internal: lost capture \(name)", at: SourceLocation(line: Int(line), column: 0))
        }
        let k = args.count + j
        if tail, k < 32, r == k {
          inPlace |= 1 << k
          continue
        }
        emit(.move, start + k, r)
      }
      let index = function(fn.code)
      if tail {
        emit(.tailCall, inPlace, start, index)
      } else {
        emit(.call, dest, start, index)
      }
    }
  }

  /// Arithmetic and comparison operators with their own instructions. False when `name` is not one.
  private func compileOperator(
    _ name: String, _ args: [Form], _ f: Form, to dest: Int
  ) throws(CompileError) -> Bool {
    switch name {
    case "+", "*":
      if args.isEmpty {
        loadTerm(.int(name == "+" ? 0 : 1), into: dest)
        return true
      }
      if args.count == 1 {
        try compile(args[0], to: dest, tail: false)
        return true
      }
      var args = args
      if name == "*", args.count == 2, !unit.isShell, args[0].isNumberLiteral, !args[1].isNumberLiteral {
        // Erlang's compiler moves a literal factor to the right, which the operands in
        // a badarith error show; evaluating a literal first or last is the same.
        args.swapAt(0, 1)
      }
      try scoped { () throws(CompileError) in
        var acc = try operand(args[0])
        for a in args.dropFirst() {
          if name == "+", case .integer(let k) = a.node, let small = Int32(exactly: k) {
            emit(.addImm, dest, acc, Int(small))
          } else {
            let r = try operand(a)
            emit(name == "+" ? .add : .mul, dest, acc, r)
          }
          acc = dest
        }
      }
      return true
    case "-":
      if args.isEmpty { return false }
      try scoped { () throws(CompileError) in
        let acc = allocate()
        if args.count == 1 {
          // Negation keeps the sign of a float zero, which 0 - x would not.
          try compile(args[0], to: acc, tail: false)
          emit(
            .callNative, acc, acc,
            nativeSlot(
              .erlang, atoms.intern("-"), 1,
              unit.runtime.natives[MFA(module: .erlang, function: atoms.intern("-"), arity: 1)]!))
          emit(.move, dest, acc)
        } else {
          var left = try operand(args[0])
          for a in args.dropFirst() {
            if case .integer(let k) = a.node, let small = Int32(exactly: -k) {
              emit(.addImm, dest, left, Int(small))
            } else {
              let r = try operand(a)
              emit(.sub, dest, left, r)
            }
            left = dest
          }
        }
      }
      return true
    default:
      guard let op = Self.comparisonOps[name], args.count >= 2 else { return false }
      if args.count > 2 && unit.isShell {
        // LFE's shell evaluator folds from the left: (< 1 2 3) is (< (< 1 2) 3), which
        // compares the atom true with 3 (and is false).
        try scoped { () throws(CompileError) in
          let values = allocate(args.count)
          for (i, a) in args.enumerated() { try compile(a, to: values + i, tail: false) }
          emit(op, dest, values, values + 1)
          for i in 2..<args.count { emit(op, dest, dest, values + i) }
        }
        return true
      }
      if args.count > 2 {
        // (< a b c): every neighbouring pair in order, each argument evaluated once.
        try scoped { () throws(CompileError) in
          let values = allocate(args.count)
          for (i, a) in args.enumerated() { try compile(a, to: values + i, tail: false) }
          let done = newLabel()
          for i in 0..<(args.count - 1) {
            emit(op, dest, values + i, values + i + 1)
            if i < args.count - 2 {
              emit(.jumpIfFalse, dest, 0, 0)
              refer(done, field: 1)
            }
          }
          place(done)
        }
        return true
      }
      try scoped { () throws(CompileError) in
        let a = try operand(args[0])
        let b = try operand(args[1])
        emit(op, dest, a, b)
      }
      return true
    }
  }

  /// A call to `module:name`: a native bound now when no LFE module can provide it,
  /// otherwise a remote call resolved when it runs.
  func compileCall(
    module m: Atom, name: String, _ args: [Form], _ f: Form, to dest: Int, tail: Bool
  )
    throws(CompileError)
  {
    let fa = atoms.intern(name)
    let mfa = MFA(module: m, function: fa, arity: args.count)
    if m == .erlang && (name == "apply") && (args.count == 2 || args.count == 3) {
      return try compileApply(args, f, to: dest, tail: tail)
    }
    try scoped { () throws(CompileError) in
      let start = allocate(args.count)
      for (i, a) in args.enumerated() { try compile(a, to: start + i, tail: false) }
      if unit.runtime.modules[m] == nil
        || unit.runtime.modules[m]?.exports[FunctionKey(fa, args.count)] == nil,
        let body = unit.runtime.natives[mfa]
      {
        emit(.callNative, dest, start, nativeSlot(m, fa, args.count, body))
        if tail { emit(.ret, dest) }
        return
      }
      emit(tail ? .tailCallRemote : .callRemote, dest, start, importSlot(m, fa, args.count))
    }
  }

  /// `(call m f args...)`.
  func compileRemoteCall(_ args: [Form], _ f: Form, to dest: Int, tail: Bool) throws(CompileError) {
    guard args.count >= 2 else { throw error("call needs a module and a function", f) }
    let rest = Array(args.dropFirst(2))
    if case .atom(let m)? = try? constantValue(args[0]), case .atom(let fn)? = try? constantValue(args[1]) {
      return try compileCall(module: m, name: atoms.name(fn), rest, f, to: dest, tail: tail)
    }
    try scoped { () throws(CompileError) in
      let start = allocate(2 + rest.count)
      try compile(args[0], to: start, tail: false)
      try compile(args[1], to: start + 1, tail: false)
      for (i, a) in rest.enumerated() { try compile(a, to: start + 2 + i, tail: false) }
      emit(.callDynamic, dest, start, rest.count)
      if tail { emit(.ret, dest) }
    }
  }

  /// The value of a form that is a literal (quoted, or a number or string), else nil.
  private func constantValue(_ f: Form) throws(CompileError) -> Term? {
    switch f.node {
    case .integer, .float, .string: return try literal(f)
    case .list(let items, nil) where items.count == 2 && items[0].symbol == "quote":
      return try literal(items[1])
    default: return nil
    }
  }

  /// `(apply f args)` and `(apply m f args)`.
  func compileApply(_ args: [Form], _ f: Form, to dest: Int, tail: Bool) throws(CompileError) {
    guard args.count == 2 || args.count == 3 else { throw error("apply takes 2 or 3 arguments", f) }
    try scoped { () throws(CompileError) in
      let start = allocate(args.count)
      for (i, a) in args.enumerated() { try compile(a, to: start + i, tail: false) }
      emit(tail ? .tailCallApply : .callApply, dest, start, args.count)
    }
  }

  /// `(funcall f args...)`.
  func compileFuncall(_ fn: Form, _ args: [Form], _ f: Form, to dest: Int, tail: Bool) throws(CompileError) {
    try scoped { () throws(CompileError) in
      // A fun held in a variable is called from where it lives (the call reads it
      // before anything moves).
      let funReg = try operand(fn)
      let start = allocate(args.count)
      for (i, a) in args.enumerated() { try compile(a, to: start + i, tail: false) }
      if unit.isShell {
        // LFE's evaluator picks what to apply with a `case` on the value: anything but a
        // function is a case_clause error, not badfun.
        let isFun = newLabel()
        let notFun = newLabel()
        emit(.typeTest, funReg, Int(TypeTest.function.rawValue))
        refer(notFun, field: 2)
        emit(.jump)
        refer(isFun, field: 0)
        place(notFun)
        emit(.raiseError, constant(.atom(.caseClause)), funReg, Int(ErrorShape.tagged.rawValue))
        place(isFun)
      }
      emit(tail ? .tailCallFun : .callFun, dest, start, funReg)
      emit(.data, args.count)
    }
  }

  // MARK: Funs

  /// `(fun f 2)` and `(fun m f 2)`.
  func compileFunRef(_ args: [Form], _ f: Form, to dest: Int) throws(CompileError) {
    if args.count == 3, let m = args[0].symbol, let fn = args[1].symbol, case .integer(let a) = args[2].node,
      let arity = Int(exactly: a)
    {
      loadTerm(.fun(Fun(module: atoms.intern(m), function: atoms.intern(fn), arity: arity)), into: dest)
      return
    }
    guard args.count == 2, var name = args[0].symbol, case .integer(let a) = args[1].node,
      let arity = Int(exactly: a)
    else { throw error("bad fun reference", f) }
    if name == "car" { name = "hd" }
    if name == "cdr" { name = "tl" }
    let fn: LocalFunction
    if let local = localFunctions[LocalKey(name: name, arity: arity)] {
      fn = local
    } else if let top = unit.topFunctions[FunctionKey(atoms.intern(name), arity)] {
      unit.noteCall(FunctionKey(atoms.intern(name), arity))
      fn = LocalFunction(code: top, captureNames: [])
    } else {
      // An auto-imported BIF or an unknown function: refer to it as erlang's.
      loadTerm(.fun(Fun(module: .erlang, function: atoms.intern(name), arity: arity)), into: dest)
      return
    }
    try scoped { () throws(CompileError) in
      let start = allocate(fn.captureNames.count)
      for (j, c) in fn.captureNames.enumerated() { emit(.move, start + j, variables[c]!) }
      emit(.makeFun, dest, function(fn.code), start)
    }
  }

  /// `(lambda (x ...) body ...)` and `(match-lambda ((pats) body) ...)` as a fun value.
  func compileLambda(_ f: Form, to dest: Int) throws(CompileError) {
    let items = f.listElements!
    let clauses: [Clause]
    let arity: Int
    if items[0].symbol == "lambda" {
      guard items.count >= 2, let params = items[1].listElements, params.allSatisfy({ $0.symbol != nil })
      else {
        throw error("bad lambda form", f)
      }
      arity = params.count
      clauses = [Clause(patterns: params, guards: [], body: Array(items.dropFirst(2)), location: f.location)]
    } else {
      var cs: [Clause] = []
      for c in items.dropFirst() {
        let n = c.listElements?.first?.listElements?.count ?? 0
        cs.append(try parseClause(c, patternCount: n))
      }
      guard let first = cs.first else { throw error("match-lambda needs clauses", f) }
      arity = first.patterns.count
      if cs.contains(where: { $0.patterns.count != arity }) {
        throw error("match-lambda clauses differ in arity", f)
      }
      clauses = cs
    }
    let captured = captures(of: clauses.flatMap { $0.patterns + $0.guards + $0.body })
    let code = unit.newLambda(arity: arity, name: "-lambda/\(arity)-fun-\(unit.runtime.nextFunUniq)-")
    try buildFunction(code, clauses: clauses, captured: captured, functions: localFunctions)
    try scoped { () throws(CompileError) in
      let start = allocate(captured.count)
      for (j, c) in captured.enumerated() { emit(.move, start + j, variables[c]!) }
      emit(.makeFun, dest, function(code), start)
    }
  }

  /// Variables of this scope that `forms` may refer to, directly or through the captures
  /// of a local function they call. Over-approximates: an unused capture costs a register.
  func captures(of forms: [Form]) -> [String] {
    var names = Set<String>()
    for f in forms { collectSymbols(f, into: &names) }
    var result = Set<String>()
    for n in names where variables[n] != nil { result.insert(n) }
    for (key, fn) in localFunctions where names.contains(key.name) {
      for c in fn.captureNames { result.insert(c) }
    }
    return result.sorted()
  }

  private func collectSymbols(_ f: Form, into names: inout Set<String>) {
    switch f.node {
    case .symbol(let s): names.insert(s)
    case .list(let items, let tail):
      if items.first?.symbol == "quote" { return }
      for i in items { collectSymbols(i, into: &names) }
      if let tail { collectSymbols(tail, into: &names) }
    case .tuple(let items), .map(let items), .binarySegments(let items):
      for i in items { collectSymbols(i, into: &names) }
    default: break
    }
  }

  /// Compiles a function whose arguments are in r0 ..< arity and captured values after them.
  func buildFunction(
    _ code: FunctionCode, clauses: [Clause], captured: [String], functions: [LocalKey: LocalFunction]
  ) throws(CompileError) {
    try FunctionBuilder.build(
      code, unit: unit, line: line, clauses: clauses, captured: captured.map { [$0] }, functions: functions)
  }

  /// Builds `code` from its clauses: arguments in r0 ..< arity, then one register per
  /// captured value (known by each of its names), a `function_clause` error when no
  /// clause matches.
  static func build(
    _ code: FunctionCode, unit: CompileUnit, line: Int32, clauses: [Clause], captured: [[String]],
    functions: [LocalKey: LocalFunction]
  ) throws(CompileError) {
    code.captureCount = captured.count
    let b = FunctionBuilder(unit: unit, code: code)
    b.line = line
    _ = b.allocate(code.arity + captured.count)
    for (j, names) in captured.enumerated() {
      for name in names { b.variables[name] = code.arity + j }
    }
    b.localFunctions = functions
    let end = b.newLabel()
    let noMatch = b.newLabel()
    try b.compileClauses(
      clauses, subjects: Array(0..<code.arity), to: b.allocate(), tail: true, end: end, noMatch: noMatch)
    b.place(noMatch)
    b.emit(.raiseError, b.constant(.atom(.functionClause)), 0, Int(ErrorShape.functionClause.rawValue))
    b.place(end)
    b.finish()
  }

  /// Parses a `defun`-style definition body as LFE's `defun` macro does: `(args) body...`
  /// when the first form is a list of symbols, else match clauses `((pats) body) ...`,
  /// after an optional doc string.
  func parseDefinition(_ parts: [Form], _ f: Form) throws(CompileError) -> (arity: Int, clauses: [Clause]) {
    guard let first = parts.first else { throw error("bad function definition", f) }
    if let params = first.listElements, params.allSatisfy({ $0.symbol != nil }) {
      return (
        params.count,
        [Clause(patterns: params, guards: [], body: Array(parts.dropFirst()), location: f.location)]
      )
    }
    let clauseForms = Self.matchClauses(parts)
    guard !clauseForms.isEmpty, clauseForms.allSatisfy({ $0.listElements?.first?.listElements != nil }) else {
      throw error("bad match-lambda form", f)
    }
    var clauses: [Clause] = []
    for c in clauseForms {
      let n = c.listElements?.first?.listElements?.count ?? 0
      clauses.append(try parseClause(c, patternCount: n))
    }
    let arity = clauses[0].patterns.count
    if clauses.contains(where: { $0.patterns.count != arity }) {
      throw error("clauses of a function differ in arity", f)
    }
    return (arity, clauses)
  }

  /// The clauses of a match definition, without its doc string.
  static func matchClauses(_ parts: [Form]) -> [Form] {
    if case .string = parts.first?.node, parts.count > 1 { return Array(parts.dropFirst()) }
    return parts
  }

  /// The arity LFE's shell gives a definition whose match clauses are malformed (the
  /// pattern count of its first clause), or nil when the definition is well formed or
  /// has no first clause to count.
  static func malformedDefinitionArity(_ parts: [Form]) -> Int? {
    guard let first = parts.first else { return nil }
    if let params = first.listElements, params.allSatisfy({ $0.symbol != nil }) { return nil }
    let clauses = matchClauses(parts)
    if clauses.allSatisfy({ $0.listElements?.first?.listElements != nil }) { return nil }
    return clauses.first?.listElements?.first?.listElements?.count
  }

  /// `(flet ((f (x) ...) ...) body)` and `fletrec`: functions lifted to take their
  /// captured variables as extra arguments.
  func compileLocalFunctions(
    _ args: [Form], _ f: Form, recursive: Bool, to dest: Int, tail: Bool
  )
    throws(CompileError)
  {
    guard let defs = args.first?.listElements else { throw error("bad local function definitions", f) }
    try scoped { () throws(CompileError) in
      var parsed: [(name: String, arity: Int, clauses: [Clause], form: Form)] = []
      for d in defs {
        guard let parts = d.listElements, parts.count >= 2, let name = parts[0].symbol else {
          throw error("bad local function", d)
        }
        var rest = Array(parts.dropFirst())
        if rest.count == 1, rest[0].head == "lambda" || rest[0].head == "match-lambda" {
          // (f (lambda (x) ...)) form.
          let inner = rest[0].listElements!
          if inner[0].symbol == "lambda" {
            rest = Array(inner.dropFirst())
          } else {
            rest = Array(inner.dropFirst())
          }
        }
        let (arity, clauses) = try parseDefinition(rest, d)
        parsed.append((name, arity, clauses, d))
      }
      // Capture variables by hidden names so later shadowing cannot change what they see.
      let outerFunctions = localFunctions
      var groupCaptures: [String] = []
      if recursive {
        groupCaptures = captures(
          of: parsed.flatMap { $0.clauses.flatMap { $0.patterns + $0.guards + $0.body } })
      }
      var defined: [(LocalKey, LocalFunction, [Clause], [String])] = []
      for p in parsed {
        let plain =
          recursive ? groupCaptures : captures(of: p.clauses.flatMap { $0.patterns + $0.guards + $0.body })
        var hidden: [String] = []
        for v in plain {
          if v.hasPrefix(" ") {
            hidden.append(v)
          } else {
            let h = unit.uniqueName(v)
            variables[h] = variables[v]
            hidden.append(h)
          }
        }
        let code = unit.newLambda(arity: p.arity, name: p.name)
        defined.append(
          (
            LocalKey(name: p.name, arity: p.arity), LocalFunction(code: code, captureNames: hidden),
            p.clauses, plain
          ))
      }
      var inside = outerFunctions
      if recursive { for d in defined { inside[d.0] = d.1 } }
      for d in defined {
        d.1.code.captureCount = d.3.count
        try buildLifted(d.1.code, clauses: d.2, plain: d.3, hidden: d.1.captureNames, functions: inside)
      }
      for d in defined { localFunctions[d.0] = d.1 }
      try compileBody(Array(args.dropFirst()), f, to: dest, tail: tail)
    }
  }

  private func buildLifted(
    _ code: FunctionCode, clauses: [Clause], plain: [String], hidden: [String],
    functions: [LocalKey: LocalFunction]
  ) throws(CompileError) {
    // Inside, a captured value answers to both its plain and its hidden name.
    let names = zip(plain, hidden).map { [$0, $1] }
    try FunctionBuilder.build(
      code, unit: unit, line: line, clauses: clauses, captured: names, functions: functions)
  }

  // MARK: Exceptions

  /// `(try expr (case ...) (catch ...) (after ...))`.
  func compileTry(_ args: [Form], _ f: Form, to dest: Int) throws(CompileError) {
    guard let expr = args.first else { throw error("try needs an expression", f) }
    var caseClauses: [Clause]? = nil
    var catchClauses: [Clause]? = nil
    var after: [Form]? = nil
    for part in args.dropFirst() {
      guard let items = part.listElements, let h = items.first?.symbol else {
        throw error("bad try section", part)
      }
      var cs: [Clause] = []
      switch h {
      case "case":
        for c in items.dropFirst() { cs.append(try parseClause(c, patternCount: nil)) }
        caseClauses = cs
      case "catch":
        for c in items.dropFirst() { cs.append(try parseClause(c, patternCount: nil)) }
        catchClauses = cs
      case "after":
        after = Array(items.dropFirst())
      default:
        throw error("unknown try section \(h)", part)
      }
    }
    if catchClauses == nil && after == nil { throw error("bad try form", f) }
    try scoped { () throws(CompileError) in
      let outerException = allocate()
      let afterRaised = newLabel()
      let done = newLabel()
      if after != nil {
        emit(.tryBegin, outerException)
        refer(afterRaised, field: 1)
      }
      let exception = allocate()
      let value = allocate()
      let caught = newLabel()
      let end = newLabel()
      emit(.tryBegin, exception)
      refer(caught, field: 1)
      try compile(expr, to: value, tail: false)
      emit(.tryEnd)
      if let caseClauses {
        let noMatch = newLabel()
        try compileClauses(caseClauses, subjects: [value], to: dest, tail: false, end: end, noMatch: noMatch)
        place(noMatch)
        emit(.raiseError, constant(.atom(.tryClause)), value, Int(ErrorShape.tagged.rawValue))
      } else {
        emit(.move, dest, value)
        emit(.jump)
        refer(end, field: 0)
      }
      place(caught)
      if let catchClauses {
        let rethrow = newLabel()
        try compileClauses(
          catchClauses, subjects: [exception], to: dest, tail: false, end: end, noMatch: rethrow)
        place(rethrow)
      }
      reraise(exception)
      place(end)
      if let after {
        emit(.tryEnd)
        try scoped { () throws(CompileError) in try compileBody(after, f, to: allocate(), tail: false) }
        emit(.jump)
        refer(done, field: 0)
        place(afterRaised)
        try scoped { () throws(CompileError) in try compileBody(after, f, to: allocate(), tail: false) }
        reraise(outerException)
      }
      place(done)
    }
  }

  /// Raises again the exception held as `#(class reason stack)` in `r`.
  private func reraise(_ r: Int) {
    let cls = allocate()
    let reason = allocate()
    let stack = allocate()
    emit(.getElement, cls, 0, r)
    emit(.getElement, reason, 1, r)
    emit(.getElement, stack, 2, r)
    emit(.raise, cls, reason, stack)
  }

  /// `(catch expr)`: the value, or what the exception becomes (`#(EXIT ...)` or the thrown value).
  func compileCatch(_ args: [Form], _ f: Form, to dest: Int) throws(CompileError) {
    try scoped { () throws(CompileError) in
      let exception = allocate()
      let caught = newLabel()
      let end = newLabel()
      emit(.tryBegin, exception)
      refer(caught, field: 1)
      try compileBody(args, f, to: dest, tail: false)
      emit(.tryEnd)
      emit(.jump)
      refer(end, field: 0)
      place(caught)
      let start = allocate()
      emit(.move, start, exception)
      emit(
        .callRemote, dest, start, importSlot(atoms.intern(Prelude.support), atoms.intern("catch-value"), 1))
      place(end)
    }
  }

  // MARK: Binaries

  func isSegmentSpec(_ f: Form) -> Bool {
    let specs: Set<String> = [
      "integer", "float", "binary", "bytes", "bitstring", "bits", "utf8", "utf16", "utf32", "signed",
      "unsigned",
      "big", "little", "native",
    ]
    if let s = f.symbol { return specs.contains(s) }
    return f.head == "size" || f.head == "unit"
  }

  /// One segment of `(binary ...)`: its value (expression or pattern), its size form
  /// (nil: the type's default) and its type and flags as the binary natives read them.
  struct BinarySegment {
    var value: Form
    var size: Form?
    var spec: [Term]
  }

  /// The segments of `(binary seg ...)`: each a value or `(value type-or-size ...)`; a
  /// string stands for one segment per character, all with the string's specs.
  func binarySegments(_ segments: [Form]) throws(CompileError) -> [BinarySegment] {
    var out: [BinarySegment] = []
    for seg in segments {
      var valueForm = seg
      var size: Form? = nil
      var spec: [Term] = []
      // A segment is `(value spec ...)` unless it is an expression: a call whose head
      // is a symbol and whose rest are not all specs.
      if let parts = seg.listElements, !parts.isEmpty,
        parts[0].symbol == nil || (parts.count >= 2 && parts.dropFirst().allSatisfy({ isSegmentSpec($0) }))
      {
        valueForm = parts[0]
        for p in parts.dropFirst() {
          if let s = p.symbol {
            spec.append(.atom(atoms.intern(s)))
          } else if let sp = p.listElements, sp.count == 2, let key = sp[0].symbol {
            if key == "size" {
              size = sp[1]
            } else if key == "unit", case .integer(let n) = sp[1].node {
              spec.append(.tuple([.atom(atoms.intern("unit")), .integer(n)]))
            } else {
              throw error("bad binary segment", p)
            }
          } else {
            throw error("bad binary segment", p)
          }
        }
      }
      if case .string(let text) = valueForm.node {
        for c in text.unicodeScalars {
          out.append(
            BinarySegment(
              value: Form(.integer(BigInt(c.value)), at: valueForm.location), size: size, spec: spec))
        }
      } else {
        out.append(BinarySegment(value: valueForm, size: size, spec: spec))
      }
    }
    return out
  }

  /// `(binary seg ...)`: the segments evaluated left to right, then packed by a native.
  func compileBinary(_ segments: [Form], _ f: Form, to dest: Int) throws(CompileError) {
    let segs = try binarySegments(segments)
    try scoped { () throws(CompileError) in
      let triples = allocate(segs.count)
      for (i, seg) in segs.enumerated() {
        try scoped { () throws(CompileError) in
          let parts = allocate(3)
          try compile(seg.value, to: parts, tail: false)
          if let size = seg.size {
            try compile(size, to: parts + 1, tail: false)
          } else {
            loadTerm(BinaryNatives.defaultSize, into: parts + 1)
          }
          loadTerm(.list(seg.spec), into: parts + 2)
          emit(.makeTuple, triples + i, parts, 3)
        }
      }
      let acc = allocate()
      loadTerm(.empty, into: acc)
      for i in stride(from: segs.count - 1, through: 0, by: -1) { emit(.makeCons, acc, triples + i, acc) }
      let native = unit.runtime.natives[
        MFA(module: atoms.intern("lfe_tutor_native"), function: atoms.intern("build_bits"), arity: 1)]!
      emit(
        .callNative, dest, acc,
        nativeSlot(atoms.intern("lfe_tutor_native"), atoms.intern("build_bits"), 1, native))
    }
  }
}
