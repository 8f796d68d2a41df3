import BigInt

/// Macros defined with `defmacro`, in the shell or in a module.
///
/// A macro compiles to a function of one argument, the list of its call's argument forms
/// as data. Expanding a call runs that function to completion in a process of its own
/// and reads the code it returns back as a form.
extension FunctionBuilder {
  /// Compiles `(defmacro name ...)`'s parts (after the name) into a function of the
  /// argument list: `(a b) body...` binds each argument, `args body...` binds the whole
  /// list, and `((pats...) body...) ...` clauses match it.
  static func compileMacro(
    unit: CompileUnit, name: String, parts: [Form], form: Form
  ) throws(CompileError)
    -> FunctionCode
  {
    let loc = form.location
    func list(_ xs: [Form]) -> Form { Form(.list(xs, tail: nil), at: loc) }
    func sym(_ s: String) -> Form { Form(.symbol(s), at: loc) }
    /// The pattern matching an argument list shaped like `args`.
    func argumentPattern(_ args: Form) -> Form {
      if case .list(let items, let tail?) = args.node { return list([sym("list*")] + items + [tail]) }
      return list([sym("list")] + (args.listElements ?? []))
    }
    guard let first = parts.first else { throw CompileError("bad macro definition", at: loc) }
    var clauses: [Form] = []
    if first.symbol != nil {
      clauses = [list([list([first])] + parts.dropFirst())]
    } else if case .list(let items, _) = first.node, items.allSatisfy({ $0.symbol != nil }) {
      clauses = [list([list([argumentPattern(first)])] + parts.dropFirst())]
    } else {
      for c in matchClauses(parts) {
        guard let cparts = c.listElements, let pats = cparts.first, pats.listElements != nil else {
          throw CompileError("bad macro definition", at: c.location)
        }
        clauses.append(list([list([argumentPattern(pats)])] + cparts.dropFirst()))
      }
    }
    let code = unit.newLambda(arity: 1, name: name)
    try compileTopLevel(unit: unit, code: code, body: clauses, form: form)
    return code
  }

  /// The form a call of the user macro `code` expands to.
  func expandUserMacro(_ code: FunctionCode, _ args: [Form], _ f: Form) throws(CompileError) -> Form {
    let limits = unit.runtime.limits
    let name = f.head ?? ""
    unit.macroExpansions += 1
    if unit.macroExpansions > limits.macroExpansions {
      throw error("macro \(name): more than \(limits.macroExpansions) macro expansions", f)
    }
    if unit.macroDepth >= limits.macroExpansionDepth || !StackSpace.hasRoom {
      throw error("macro \(name): expansions nested too deeply (\(unit.macroDepth) levels)", f)
    }
    var data: [Term] = []
    for a in args { data.append(try literal(a)) }
    let result: Term
    switch MacroRunner.run(code, argument: .list(data), runtime: unit.runtime) {
    case .success(let t): result = t
    case .failure(let e):
      let text = ErrorFormatter(atoms: atoms, pidStyle: .tagged).describe(e.reason)
      throw error("error expanding \(f): \(text)", f)
    }
    var tooDeep = false
    var outOfStack = false
    guard
      let expanded = Self.form(
        of: result, at: f.location, atoms: atoms, tooDeep: &tooDeep, outOfStack: &outOfStack)
    else {
      if outOfStack {
        throw error("macro \(name): expansions nested too deeply (\(unit.macroDepth) levels)", f)
      }
      if tooDeep {
        throw error("macro \(name) expanded to code nested more than \(Reader.maxNesting) deep", f)
      }
      throw error("macro \(name) expanded to a value that is not code", f)
    }
    return expanded
  }

  /// A value read back as code: atoms as symbols, lists of characters as strings. Nil
  /// when it is not code, or (with `tooDeep` set) nests deeper than the host stack allows.
  /// Code nested deeper than source may be is refused as well: a form is freed by
  /// recursion, so none may be deeper than the host stack can take.
  static func form(
    of t: Term, at loc: SourceLocation, atoms: AtomTable, tooDeep: inout Bool, outOfStack: inout Bool,
    depth: Int = 0
  ) -> Form? {
    guard depth < Reader.maxNesting else {
      tooDeep = true
      return nil
    }
    guard StackSpace.hasRoom else {
      outOfStack = true
      return nil
    }
    func form(of t: Term, at loc: SourceLocation, atoms: AtomTable) -> Form? {
      Self.form(of: t, at: loc, atoms: atoms, tooDeep: &tooDeep, outOfStack: &outOfStack, depth: depth + 1)
    }
    switch t {
    case .int(let i): return Form(.integer(BigInt(i)), at: loc)
    case .big(let b): return Form(.integer(b.value), at: loc)
    case .float(let d): return Form(.float(d), at: loc)
    case .atom(let a): return Form(.symbol(atoms.name(a)), at: loc)
    case .binary(let b): return Form(.binary(b.bytes), at: loc)
    case .empty: return Form(.list([], tail: nil), at: loc)
    case .cons:
      var items: [Term] = []
      var cur = t
      while case .cons(let c) = cur {
        items.append(c.head)
        cur = c.tail
      }
      if case .empty = cur {
        var scalars = String.UnicodeScalarView()
        let text = items.allSatisfy { item in
          guard case .int(let i) = item, let u = Unicode.Scalar(UInt32(clamping: max(i, 0))), i >= 0 else {
            return false
          }
          scalars.append(u)
          return true
        }
        if text { return Form(.string(String(scalars)), at: loc) }
      }
      var forms: [Form] = []
      for item in items {
        guard let f = form(of: item, at: loc, atoms: atoms) else { return nil }
        forms.append(f)
      }
      if case .empty = cur { return Form(.list(forms, tail: nil), at: loc) }
      guard let tail = form(of: cur, at: loc, atoms: atoms) else { return nil }
      return Form(.list(forms, tail: tail), at: loc)
    case .tuple(let tu):
      var forms: [Form] = []
      for item in tu.elements {
        guard let f = form(of: item, at: loc, atoms: atoms) else { return nil }
        forms.append(f)
      }
      return Form(.tuple(forms), at: loc)
    case .map(let m):
      var forms: [Form] = []
      for (k, v) in m.entries.sorted(by: { Term.compare($0.key, $1.key, atoms: atoms) < 0 }) {
        guard let kf = form(of: k, at: loc, atoms: atoms), let vf = form(of: v, at: loc, atoms: atoms) else {
          return nil
        }
        forms += [kf, vf]
      }
      return Form(.map(forms), at: loc)
    case .pid, .ref, .fun:
      return nil
    }
  }
}

/// Runs a macro's function to completion between shell forms or while a module compiles,
/// when no process is running: it spawns a process and runs the scheduler until that
/// process ends (other processes may take their turns meanwhile, as they would while
/// LFE's shell expands a macro).
enum MacroRunner {
  static func run(_ code: FunctionCode, argument: Term, runtime: Runtime) -> Result<Term, Exception> {
    let p: Process
    do {
      p = try runtime.spawn(
        code, arguments: [argument], initialCall: (runtime.atoms.intern("lfe_macro"), code.name, 1))
    } catch {
      return .failure(error)
    }
    // As an evaluator it ends without a crash report and parks when it returns.
    p.isEvaluator = true
    // Outside a shell step (a module compiled before any shell runs, as `tutor run`
    // does) the scheduler has no reductions to give: the expansion gets a step's worth.
    if runtime.stepBudget <= 0 { runtime.stepBudget = runtime.limits.reductionsPerStep }
    var outcome: Result<Term, Exception>? = nil
    let saved = runtime.exitObserver
    runtime.exitObserver = { q in
      guard q === p else { return }
      if let e = q.exception {
        outcome = .failure(e)
      } else if q.status == .exited {
        outcome = .failure(Exception(.exit, q.exitReason))
      } else {
        outcome = .success(q.result)
      }
      runtime.stop()
    }
    while outcome == nil {
      if runtime.run() != .stopped, outcome == nil { break }
    }
    runtime.exitObserver = nil
    if p.status != .exited { runtime.exitProcess(p, reason: .atom(.normal)) }
    runtime.exitObserver = saved
    return outcome ?? .failure(Exception.error(.atom(runtime.atoms.intern("macro_did_not_return"))))
  }
}

extension Form {
  var isNumberLiteral: Bool {
    switch node {
    case .integer, .float: return true
    default: return false
    }
  }
}
