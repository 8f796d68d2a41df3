import BigInt

/// Compiling expressions: each form's value goes to a destination register; in tail
/// position the form returns (or tail-calls) instead.
extension FunctionBuilder {
  func error(_ message: String, _ f: Form) -> CompileError { CompileError(message, at: f.location) }

  /// A register holding the value of `f`: a variable's own register, or a temporary
  /// (allocated in the caller's scope) that `f` is compiled into.
  func operand(_ f: Form) throws(CompileError) -> Int {
    if let name = f.symbol, let r = variables[name] { return r }
    let r = allocate()
    try compile(f, to: r, tail: false)
    return r
  }

  /// Compiles `f` so its value lands in `dest`; with `tail`, returns it from the function.
  func compile(_ f: Form, to dest: Int, tail: Bool) throws(CompileError) {
    line = Int32(f.location.line)
    // Each nested form costs a few host frames; macros and `cond` can nest code deeper
    // than the reader lets source nest.
    guard StackSpace.hasRoom else {
      if let macro = unit.outermostMacro {
        throw error("macro \(macro): expansions nested too deeply (\(unit.macroDepth) levels)", f)
      }
      throw error("expression nested too deeply", f)
    }
    // Only the form itself may leave its value out, not the forms inside it.
    let unused = valueUnused
    valueUnused = false
    if tail, let name = f.symbol, let r = variables[name] {
      emit(.ret, r)
      return
    }
    switch f.node {
    case .symbol(let name):
      try compileSymbol(name, f, to: dest)
    case .integer(let i):
      loadTerm(.integer(i), into: dest)
    case .float(let d):
      loadTerm(.float(d), into: dest)
    case .string(let s):
      loadTerm(.string(s), into: dest)
    case .binary(let b):
      loadTerm(.binary(Binary(b)), into: dest)
    case .tuple, .map:
      loadTerm(try literal(f), into: dest)
    case .binarySegments(let segs):
      try compileBinary(segs, f, to: dest)
    case .list(let items, let dotted):
      if f.bracketed && !items.isEmpty {
        // [a b . c] builds the list of its evaluated elements.
        try compileListOf(items, tail: dotted, to: dest)
        break
      }
      if dotted != nil { throw error("dotted list is not an expression", f) }
      if items.isEmpty {
        loadTerm(.empty, into: dest)
      } else {
        try compileList(items, f, to: dest, tail: tail, unused: unused)
        return
      }
    }
    if tail { emit(.ret, dest) }
  }

  private func compileSymbol(_ name: String, _ f: Form, to dest: Int) throws(CompileError) {
    if let r = variables[name] {
      if r != dest { emit(.move, dest, r) }
      return
    }
    if let v = unit.shellVariables[name] {
      loadTerm(v, into: dest)
      return
    }
    if unit.isShell {
      emit(.loadConst, dest, constant(.atom(atoms.intern(name))))
      emit(.raiseError, constant(.atom(.unboundSymbol)), dest, Int(ErrorShape.tagged.rawValue))
      return
    }
    throw error("symbol \(name) is unbound", f)
  }

  /// Compiles a list form: a core form, a macro call or a function call.
  private func compileList(
    _ items: [Form], _ f: Form, to dest: Int, tail: Bool, unused: Bool = false
  ) throws(CompileError) {
    guard let head = items[0].symbol else {
      if items[0].head == "lambda" || items[0].head == "match-lambda" {
        // ((lambda (x) ...) arg): call the fun directly.
        return try compileFuncall(items[0], Array(items.dropFirst()), f, to: dest, tail: tail)
      }
      throw error("illegal function call: \(items[0])", f)
    }
    let args = Array(items.dropFirst())
    if let macro = unit.macros[head], localFunctions[LocalKey(name: head, arity: args.count)] == nil {
      let expanded = try expandUserMacro(macro, args, f)
      unit.macroDepth += 1
      if unit.outermostMacro == nil { unit.outermostMacro = head }
      defer {
        unit.macroDepth -= 1
        if unit.macroDepth == 0 { unit.outermostMacro = nil }
      }
      return try compile(expanded, to: dest, tail: tail)
    }
    if !MacroExpander.coreForms.contains(head),
      localFunctions[LocalKey(name: head, arity: args.count)] == nil,
      let expanded = try unit.expander.expandOnce(f)
    {
      return try compile(expanded, to: dest, tail: tail)
    }
    if unit.isShell && Self.malformedForShell(head, args) {
      // LFE's evaluator has no clause for these shapes: a function_clause error raised
      // inside lfe_eval, whose own frames the shell does not show.
      emit(.raiseError, constant(.atom(.functionClause)), 0, Int(ErrorShape.functionClause.rawValue))
      return
    }
    switch head {
    case "quote":
      guard args.count == 1 else { throw error("bad quote", f) }
      loadTerm(try literal(args[0]), into: dest)
    case "progn":
      return try compileBody(args, f, to: dest, tail: tail)
    case "if":
      return try compileIf(args, f, to: dest, tail: tail)
    case MacroExpander.condIf:
      return try compileIf(args, f, to: dest, tail: tail, nonBoolean: 3)
    case "case":
      return try compileCase(args, f, to: dest, tail: tail)
    case "let":
      return try compileLet(args, f, to: dest, tail: tail)
    case "receive":
      return try compileReceive(args, f, to: dest, tail: tail)
    case "lambda", "match-lambda":
      try compileLambda(f, to: dest)
    case "flet", "let-function":
      return try compileLocalFunctions(args, f, recursive: false, to: dest, tail: tail)
    case "fletrec", "letrec-function":
      return try compileLocalFunctions(args, f, recursive: true, to: dest, tail: tail)
    case "funcall":
      guard let fn = args.first else { throw error("funcall needs a function", f) }
      return try compileFuncall(fn, Array(args.dropFirst()), f, to: dest, tail: tail)
    case "call":
      return try compileRemoteCall(args, f, to: dest, tail: tail)
    case "apply":
      return try compileApply(args, f, to: dest, tail: tail)
    case "try":
      try compileTry(args, f, to: dest)
    case "catch":
      try compileCatch(args, f, to: dest)
    case "andalso", "orelse":
      return try compileShortCircuit(head == "andalso", args, f, to: dest, tail: tail)
    case "cons":
      guard args.count == 2 else { throw error("cons takes 2 arguments", f) }
      // A variable is read where it lives: `(cons x acc)` copies nothing first.
      try scoped { () throws(CompileError) in
        let h = try operand(args[0])
        let t = try operand(args[1])
        emit(.makeCons, dest, h, t)
      }
    case "car", "cdr":
      guard args.count == 1 else { throw error("\(head) takes 1 argument", f) }
      return try compileCall(
        module: .erlang, name: head == "car" ? "hd" : "tl", args, f, to: dest, tail: tail)
    case "list":
      try compileListOf(args, tail: nil, to: dest)
    case "tuple":
      if let r = reusableTuple, r.arity == args.count {
        reusableTuple = nil
        try compileTupleUpdate(args, reusing: r, to: dest)
      } else {
        try scoped { () throws(CompileError) in
          let start = allocate(args.count)
          for (i, a) in args.enumerated() { try compile(a, to: start + i, tail: false) }
          emit(.makeTuple, dest, start, args.count)
        }
      }
    case "binary":
      try compileBinary(args, f, to: dest)
    case "map":
      guard args.count % 2 == 0 else { throw error("map needs keys and values in pairs", f) }
      try scoped { () throws(CompileError) in
        let start = allocate(args.count)
        for (i, a) in args.enumerated() { try compile(a, to: start + i, tail: false) }
        emit(.makeMap, dest, start, args.count / 2)
      }
    case "mset", "mupd", "map-set", "map-update":
      guard args.count % 2 == 1 else { throw error("\(head) needs a map and pairs", f) }
      try scoped { () throws(CompileError) in
        let m = allocate()
        try compile(args[0], to: m, tail: false)
        let start = allocate(args.count - 1)
        for (i, a) in args.dropFirst().enumerated() { try compile(a, to: start + i, tail: false) }
        emit(.mapUpdate, m, start, (args.count - 1) / 2)
        emit(.move, dest, m)
      }
    case "map-size", "msiz":
      guard args.count == 1 else { throw error("\(head) takes a map", f) }
      return try compileCall(module: .erlang, name: "map_size", args, f, to: dest, tail: tail)
    case "mref", "map-get":
      guard args.count == 2 else { throw error("\(head) takes a map and a key", f) }
      return try compileCall(
        module: atoms.intern("maps"), name: "get", [args[1], args[0]], f, to: dest, tail: tail)
    case "fun", "function":
      try compileFunRef(args, f, to: dest)
    case "!", "send":
      guard args.count == 2 else { throw error("! takes a destination and a message", f) }
      try scoped { () throws(CompileError) in
        // Variables are sent straight from their own registers: no copies to make.
        let p = try operand(args[0])
        let isVariable = args[1].symbol.map { variables[$0] != nil } ?? false
        let m = try operand(args[1])
        // A send whose value nobody reads stores no result, and a message built just
        // for it moves into the mailbox instead of being copied there.
        let result =
          unused ? (isVariable ? Instruction.sendCopyNoResult : Instruction.sendMoveNoResult) : dest
        emit(.send, result, p, m)
      }
    case "set":
      // Inside an expression the shell treats `set` as an ordinary (unknown) function.
      if unit.isShell { return try compileApplication(head, args, f, to: dest, tail: tail) }
      throw error("set is only allowed in the shell", f)
    case "define-function", "defun":
      // In the shell an unexpanded defun is a call of an undefined function.
      if unit.isShell { return try compileApplication(head, args, f, to: dest, tail: tail) }
      throw error("\(head) is only allowed at the top level", f)
    default:
      return try compileApplication(head, args, f, to: dest, tail: tail)
    }
    if tail { emit(.ret, dest) }
  }

  /// The list of the values of `items` (and `tail` as its last tail), evaluated left to
  /// right as LFE does, then consed up from the end.
  private func compileListOf(_ items: [Form], tail: Form?, to dest: Int) throws(CompileError) {
    try scoped { () throws(CompileError) in
      let values = allocate(items.count)
      for (i, a) in items.enumerated() { try compile(a, to: values + i, tail: false) }
      let acc = allocate()
      if let tail { try compile(tail, to: acc, tail: false) } else { loadTerm(.empty, into: acc) }
      for i in stride(from: items.count - 1, through: 0, by: -1) { emit(.makeCons, acc, values + i, acc) }
      emit(.move, dest, acc)
    }
  }

  /// Core forms of a shape LFE's shell evaluator has no clause for.
  static func malformedForShell(_ head: String, _ args: [Form]) -> Bool {
    switch head {
    case "if": return args.count < 2 || args.count > 3
    case "case", "let": return args.isEmpty
    default: return false
    }
  }

  /// Evaluates forms in order; the last one's value is the result.
  func compileBody(_ forms: [Form], _ f: Form, to dest: Int, tail: Bool) throws(CompileError) {
    if forms.isEmpty {
      loadTerm(.empty, into: dest)
      if tail { emit(.ret, dest) }
      return
    }
    for (i, form) in forms.enumerated() {
      let last = i == forms.count - 1
      if last {
        try compile(form, to: dest, tail: tail)
      } else {
        valueUnused = true
        try scoped { () throws(CompileError) in try compile(form, to: allocate(), tail: false) }
        valueUnused = false
      }
    }
  }

  // MARK: Literals

  /// The value of a quoted form. Built on an explicit work list: a quoted form may nest
  /// as deep as the reader allows, deeper than a small thread's stack takes by recursion.
  func literal(_ f: Form) throws(CompileError) -> Term {
    enum Step {
      case visit(Form)
      /// The last `count` values (and a tail after them) make a list.
      case list(count: Int, hasTail: Bool)
      case tuple(count: Int)
      /// The last `count` values are keys and values, alternately.
      case map(count: Int)
    }
    var steps: [Step] = [.visit(f)]
    var values: [Term] = []
    while let step = steps.popLast() {
      switch step {
      case .visit(let f):
        switch f.node {
        case .symbol(let s): values.append(.atom(atoms.intern(s)))
        case .integer(let i): values.append(.integer(i))
        case .float(let d): values.append(.float(d))
        case .string(let s): values.append(.string(s))
        case .binary(let b): values.append(.binary(Binary(b)))
        case .list(let items, let tail):
          steps.append(.list(count: items.count, hasTail: tail != nil))
          if let tail { steps.append(.visit(tail)) }
          for item in items.reversed() { steps.append(.visit(item)) }
        case .tuple(let items):
          steps.append(.tuple(count: items.count))
          for item in items.reversed() { steps.append(.visit(item)) }
        case .map(let items):
          // A trailing key without a value is left out.
          let n = items.count / 2 * 2
          steps.append(.map(count: n))
          for item in items[..<n].reversed() { steps.append(.visit(item)) }
        case .binarySegments:
          throw error("binary segments cannot be quoted", f)
        }
      case .list(let count, let hasTail):
        var result: Term = hasTail ? values.removeLast() : .empty
        for _ in 0..<count { result = .cons(Cons(values.removeLast(), result)) }
        values.append(result)
      case .tuple(let count):
        let items = Array(values[(values.count - count)...])
        values.removeLast(count)
        values.append(.tuple(items))
      case .map(let count):
        var d: [Term: Term] = [:]
        var i = values.count - count
        while i < values.count {
          d[values[i]] = values[i + 1]
          i += 2
        }
        values.removeLast(count)
        values.append(.map(MapBox(d)))
      }
    }
    return values.last ?? .empty
  }

  // MARK: Conditionals

  private func compileIf(
    _ args: [Form], _ f: Form, to dest: Int, tail: Bool, nonBoolean: Int = 1
  )
    throws(CompileError)
  {
    guard args.count == 2 || args.count == 3 else {
      throw error("if takes a test, a then and an optional else", f)
    }
    let elseLabel = newLabel()
    let end = newLabel()
    try compileTest(args[0], falseLabel: elseLabel, nonBoolean: nonBoolean)
    try compile(args[1], to: dest, tail: tail)
    if !tail {
      emit(.jump)
      refer(end, field: 0)
    }
    place(elseLabel)
    if args.count == 3 {
      try compile(args[2], to: dest, tail: tail)
    } else {
      loadTerm(.false, into: dest)
      if tail { emit(.ret, dest) }
    }
    place(end)
  }

  /// Jumps to `falseLabel` when `test` is false; fuses the common comparisons.
  /// `nonBoolean`: 0 raises badarg, 1 and 3 raise LFE's non-boolean `if` and `cond`
  /// errors, 2 jumps as if false (guards).
  func compileTest(_ test: Form, falseLabel: Int, nonBoolean: Int) throws(CompileError) {
    let expanded = try unit.expander.expand(test)
    if let items = expanded.listElements, items.count == 3, let op = items[0].symbol,
      localFunctions[LocalKey(name: op, arity: 2)] == nil
    {
      if op == "<" || op == ">" {
        try scoped { () throws(CompileError) in
          let a = try operand(items[1])
          if op == "<", case .integer(let k) = items[2].node, let small = Int32(exactly: k) {
            emit(.jumpIfNotLtImm, a, Int(small))
            refer(falseLabel, field: 2)
            return
          }
          let b = try operand(items[2])
          if op == "<" { emit(.jumpIfNotLt, a, b) } else { emit(.jumpIfNotLt, b, a) }
          refer(falseLabel, field: 2)
        }
        return
      }
      if op == "==" || op == "=:=", case .integer(let k) = items[2].node, let small = Int32(exactly: k) {
        try scoped { () throws(CompileError) in
          let a = try operand(items[1])
          if op == "==" {
            emit(.jumpIfNotEqImm, a, Int(small))
            refer(falseLabel, field: 2)
          } else {
            emit(.isEqConst, a, constant(.int(Int(small))))
            refer(falseLabel, field: 2)
          }
        }
        return
      }
    }
    try scoped { () throws(CompileError) in
      let r = allocate()
      try compile(expanded, to: r, tail: false)
      emit(.jumpIfFalse, r, 0, nonBoolean)
      refer(falseLabel, field: 1)
    }
  }

  private func compileShortCircuit(
    _ isAnd: Bool, _ args: [Form], _ f: Form, to dest: Int, tail: Bool
  )
    throws(CompileError)
  {
    if args.isEmpty {
      loadTerm(.bool(isAnd), into: dest)
      if tail { emit(.ret, dest) }
      return
    }
    let end = newLabel()
    for (i, a) in args.enumerated() {
      if i == args.count - 1 {
        try compile(a, to: dest, tail: false)
        break
      }
      let next = newLabel()
      try compile(a, to: dest, tail: false)
      // andalso: false ends the chain; orelse: true ends it.
      if isAnd {
        emit(.jumpIfFalse, dest, 0, 0)
        refer(end, field: 1)
      } else {
        emit(.jumpIfFalse, dest, 0, 0)
        refer(next, field: 1)
        emit(.jump)
        refer(end, field: 0)
      }
      place(next)
    }
    place(end)
    if tail { emit(.ret, dest) }
  }

  // MARK: case, let, receive

  /// One clause's parts: patterns, guard tests (all must hold) and body.
  struct Clause {
    var patterns: [Form]
    var guards: [Form]
    var body: [Form]
    var location: SourceLocation
  }

  /// Splits `(pattern (when g ...) body ...)`.
  func parseClause(_ c: Form, patternCount: Int?) throws(CompileError) -> Clause {
    guard let parts = c.listElements, !parts.isEmpty else { throw error("bad clause", c) }
    var patterns: [Form]
    if let n = patternCount {
      guard let ps = parts[0].listElements, ps.count == n else {
        throw error("clause has the wrong number of patterns", c)
      }
      patterns = ps
    } else {
      patterns = [parts[0]]
    }
    var rest = Array(parts.dropFirst())
    var guards: [Form] = []
    if let g = rest.first, g.head == "when" {
      guards = Array(g.listElements!.dropFirst())
      rest.removeFirst()
    }
    if patternCount == nil, patterns.count == 1 { patterns = [patterns[0]] }
    return Clause(patterns: patterns, guards: guards, body: rest, location: c.location)
  }

  /// Matches clauses against the values in `subjects`; runs the first that matches.
  /// Falls through to the code after it when none does: callers place `noMatch` there.
  ///
  /// `deadSubject` names a subject register that nothing reads once a clause has matched
  /// (a received message, a case's value): when a clause matches it as a tuple and binds
  /// no variable to it whole, the body may rebuild that tuple's cell.
  func compileClauses(
    _ clauses: [Clause], subjects: [Int], to dest: Int, tail: Bool, end: Int, noMatch: Int,
    deadSubject: Int? = nil, beforeBody: (() -> Void)? = nil
  ) throws(CompileError) {
    for clause in clauses {
      let next = newLabel()
      try scoped { () throws(CompileError) in
        var bound: [String: Int] = [:]
        for (p, s) in zip(clause.patterns, subjects) {
          try compilePattern(p, subject: s, fail: next, bound: &bound)
        }
        for (name, r) in bound { variables[name] = r }
        try compileGuards(clause.guards, fail: next)
        beforeBody?()
        let outer = reusableTuple
        if let r = deadSubject, let i = subjects.firstIndex(of: r), !bound.values.contains(r) {
          reusableTuple = ReusableTuple(pattern: clause.patterns[i], register: r, bound: bound, self)
        }
        defer { reusableTuple = outer }
        try compileBody(clause.body, Form(.list([], tail: nil), at: clause.location), to: dest, tail: tail)
        if !tail {
          emit(.jump)
          refer(end, field: 0)
        }
      }
      place(next)
    }
    // No clause matched: fall through to `noMatch`, which every caller places next.
    _ = noMatch
  }

  private func compileCase(_ args: [Form], _ f: Form, to dest: Int, tail: Bool) throws(CompileError) {
    guard let subject = args.first else { throw error("case needs an expression", f) }
    try scoped { () throws(CompileError) in
      let s = allocate()
      try compile(subject, to: s, tail: false)
      var clauses: [Clause] = []
      for c in args.dropFirst() { clauses.append(try parseClause(c, patternCount: nil)) }
      let end = newLabel()
      let noMatch = newLabel()
      try compileClauses(
        clauses, subjects: [s], to: dest, tail: tail, end: end, noMatch: noMatch, deadSubject: s)
      place(noMatch)
      emit(.raiseError, constant(.atom(.caseClause)), s, Int(ErrorShape.tagged.rawValue))
      place(end)
    }
  }

  private func compileLet(_ args: [Form], _ f: Form, to dest: Int, tail: Bool) throws(CompileError) {
    guard let bindings = args.first?.listElements else { throw error("bad let bindings", f) }
    try scoped { () throws(CompileError) in
      var newVars: [String: Int] = [:]
      for b in bindings {
        guard let parts = b.listElements, parts.count == 2 || parts.count == 3 else {
          throw error("bad let binding", b)
        }
        let value = allocate()
        try compile(parts[parts.count - 1], to: value, tail: false)
        let fail = newLabel()
        let ok = newLabel()
        var bound: [String: Int] = [:]
        try compilePattern(parts[0], subject: value, fail: fail, bound: &bound)
        if parts.count == 3, parts[1].head == "when" {
          try compileGuards(Array(parts[1].listElements!.dropFirst()), fail: fail)
        }
        emit(.jump)
        refer(ok, field: 0)
        place(fail)
        emit(.raiseError, constant(.atom(.badmatch)), value, Int(ErrorShape.tagged.rawValue))
        place(ok)
        newVars.merge(bound) { _, b in b }
      }
      for (name, r) in newVars { variables[name] = r }
      try compileBody(Array(args.dropFirst()), f, to: dest, tail: tail)
    }
  }

  private func compileReceive(_ args: [Form], _ f: Form, to dest: Int, tail: Bool) throws(CompileError) {
    var clauses: [Clause] = []
    var after: (timeout: Form, body: [Form])? = nil
    for c in args {
      if c.head == "after" {
        guard let parts = c.listElements, parts.count >= 2 else { throw error("bad after", c) }
        after = (parts[1], Array(parts.dropFirst(2)))
      } else {
        clauses.append(try parseClause(c, patternCount: nil))
      }
    }
    try scoped { () throws(CompileError) in
      // Only a receive with `after` needs a register for its timeout.
      var timeout = 0
      if let after {
        timeout = allocate()
        try compile(after.timeout, to: timeout, tail: false)
      }
      let message = allocate()
      let loop = newLabel()
      let waitLabel = newLabel()
      let next = newLabel()
      let end = newLabel()
      place(loop)
      emit(.peekMessage, message)
      refer(waitLabel, field: 1)
      try compileClauses(
        clauses, subjects: [message], to: dest, tail: tail, end: end, noMatch: next,
        deadSubject: message, beforeBody: { self.emit(.removeMessage, message) })
      place(next)
      emit(.nextMessage, 0, message)
      refer(loop, field: 0)
      place(waitLabel)
      if let after {
        let afterLabel = newLabel()
        emit(.waitTimeout, 0, timeout)
        refer(loop, field: 0)
        refer(afterLabel, field: 2)
        place(afterLabel)
        try compileBody(after.body, f, to: dest, tail: tail)
      } else {
        emit(.wait)
        refer(loop, field: 0)
      }
      place(end)
    }
  }

  // MARK: Guards

  func compileGuards(_ guards: [Form], fail: Int) throws(CompileError) {
    if guards.isEmpty { return }
    if guards.allSatisfy(isSafeGuard) {
      for g in guards { try compileTest(g, falseLabel: fail, nonBoolean: 2) }
      return
    }
    // A guard that raises simply fails, so run guards under a handler. A false test
    // leaves the handler pushed; an exception arrives with it already popped.
    let caught = allocate()
    let falseLabel = newLabel()
    let raised = newLabel()
    let done = newLabel()
    emit(.tryBegin, caught)
    refer(raised, field: 1)
    for g in guards { try compileTest(g, falseLabel: falseLabel, nonBoolean: 2) }
    emit(.tryEnd)
    emit(.jump)
    refer(done, field: 0)
    place(falseLabel)
    emit(.tryEnd)
    place(raised)
    emit(.jump)
    refer(fail, field: 0)
    place(done)
  }

  /// Guards made only of comparisons and type tests of variables and literals cannot raise.
  private func isSafeGuard(_ g: Form) -> Bool {
    switch g.node {
    case .symbol, .integer, .float, .string: return true
    case .list(let items, nil):
      guard let h = items.first?.symbol else { return false }
      if h == "quote" { return true }
      let safe: Set<String> = [
        "<", ">", "=<", ">=", "==", "/=", "=:=", "=/=", "is_atom", "is_integer", "is_float", "is_number",
        "is_list", "is_tuple", "is_pid", "is_binary", "is_map", "is_function", "is_reference", "is_boolean",
      ]
      return safe.contains(h) && items.dropFirst().allSatisfy(isSafeGuard)
    default: return false
    }
  }
}
