/// Compiling patterns into tests on a subject register. A failed test jumps to `fail`;
/// variables bind to registers recorded in `bound`. In LFE a pattern variable always
/// makes a new binding (it never compares with an outer one), but a variable repeated
/// within one pattern must match the same value each time.
extension FunctionBuilder {
  func compilePattern(_ p: Form, subject: Int, fail: Int, bound: inout [String: Int]) throws(CompileError) {
    guard StackSpace.hasRoom else { throw error("pattern nested too deeply", p) }
    switch p.node {
    case .symbol(let name):
      if name == "_" { return }
      if let r = bound[name] {
        emit(.isEqReg, subject, r)
        refer(fail, field: 2)
      } else {
        // Subject registers are never written again while the clause runs, so the
        // variable can live in the subject's own register.
        bound[name] = subject
      }
    case .integer, .float, .string, .binary, .tuple, .map:
      try testConstant(literal(p), subject: subject, fail: fail)
    case .binarySegments(let segs):
      try matchBinary(segs, subject: subject, fail: fail, bound: &bound)
    case .list(let items, let tail):
      if p.bracketed {
        try matchList(items, tail: tail, subject: subject, fail: fail, bound: &bound)
        return
      }
      if tail != nil {
        // LFE's patterns have no dotted form: such a pattern matches nothing.
        emit(.jump)
        refer(fail, field: 0)
        return
      }
      guard let head = items.first?.symbol else {
        if items.isEmpty {
          emit(.isNil, subject)
          refer(fail, field: 1)
          return
        }
        throw error("illegal pattern \(p)", p)
      }
      let args = Array(items.dropFirst())
      switch head {
      case "quote":
        guard args.count == 1 else { throw error("bad quote in pattern", p) }
        try testConstant(literal(args[0]), subject: subject, fail: fail)
      case "tuple":
        // A tuple tagged by an atom, the usual message: arity and tag in one test.
        var first = 0
        if let tag = args.first.flatMap(quotedAtom), args.count <= Instruction.taggedTupleMaxArity {
          let k = constant(.atom(tag))
          if k < Instruction.taggedTupleMaxConstant {
            emit(.isTaggedTuple, subject, Instruction.taggedTuple(arity: args.count, constant: k))
            refer(fail, field: 2)
            first = 1
          }
        }
        if first == 0 {
          emit(.isTupleOfArity, subject, args.count)
          refer(fail, field: 2)
        }
        for (i, a) in args.enumerated().dropFirst(first) where !isWildcard(a) {
          let r = allocate()
          emit(.getElement, r, i, subject)
          try compilePattern(a, subject: r, fail: fail, bound: &bound)
        }
      case "list":
        try matchList(args, tail: nil, subject: subject, fail: fail, bound: &bound)
      case "cons":
        guard args.count == 2 else { throw error("cons pattern takes 2 parts", p) }
        try matchList([args[0]], tail: args[1], subject: subject, fail: fail, bound: &bound)
      case "list*":
        guard let last = args.last else { throw error("bad list* pattern", p) }
        try matchList(Array(args.dropLast()), tail: last, subject: subject, fail: fail, bound: &bound)
      case "=":
        for a in args { try compilePattern(a, subject: subject, fail: fail, bound: &bound) }
      case "backquote":
        guard args.count == 1 else { throw error("bad backquote pattern", p) }
        let expanded = try unit.expander.expand(p)
        try compilePattern(expanded, subject: subject, fail: fail, bound: &bound)
      case "map":
        emit(.isMap, subject)
        refer(fail, field: 1)
        var i = 0
        while i + 1 < args.count {
          let key = allocate()
          loadTerm(try literal(unquote(args[i])), into: key)
          let r = allocate()
          emit(.mapGet, r, subject, key)
          emit(.data, 0)
          refer(fail, field: 0)
          try compilePattern(args[i + 1], subject: r, fail: fail, bound: &bound)
          i += 2
        }
      case "binary":
        try matchBinary(args, subject: subject, fail: fail, bound: &bound)
      default:
        throw error("illegal pattern \(p)", p)
      }
    }
  }

  /// `(binary seg ...)` as a pattern: each segment read by a native that answers
  /// `#(value next-offset)` or `false`, then its value matched; a size may name a
  /// variable bound earlier in the pattern or outside it.
  private func matchBinary(
    _ segments: [Form], subject: Int, fail: Int, bound: inout [String: Int]
  ) throws(CompileError) {
    let native = atoms.intern("lfe_tutor_native")
    func slot(_ name: String, _ arity: Int) -> Int {
      let f = atoms.intern(name)
      return nativeSlot(
        native, f, arity, unit.runtime.natives[MFA(module: native, function: f, arity: arity)]!)
    }
    emit(.typeTest, subject, Int(TypeTest.binary.rawValue))
    refer(fail, field: 2)
    let offset = allocate()
    loadTerm(.int(0), into: offset)
    for seg in try binarySegments(segments) {
      let window = allocate(4)
      emit(.move, window, subject)
      emit(.move, window + 1, offset)
      switch seg.size?.node {
      case nil:
        loadTerm(BinaryNatives.defaultSize, into: window + 2)
      case .integer(let n)?:
        loadTerm(.integer(n), into: window + 2)
      case .symbol(let name)?:
        if let r = bound[name] ?? variables[name] {
          emit(.move, window + 2, r)
        } else if let v = unit.shellVariables[name] {
          loadTerm(v, into: window + 2)
        } else {
          throw error("unbound symbol \(name) in binary size", seg.size!)
        }
      default:
        throw error("illegal binary size", seg.size!)
      }
      loadTerm(.list(seg.spec), into: window + 3)
      let result = allocate()
      emit(.callNative, result, window, slot("match_segment", 4))
      emit(.isTupleOfArity, result, 2)
      refer(fail, field: 2)
      let value = allocate()
      emit(.getElement, value, 0, result)
      emit(.getElement, offset, 1, result)
      try compilePattern(seg.value, subject: value, fail: fail, bound: &bound)
    }
    let window = allocate(2)
    emit(.move, window, subject)
    emit(.move, window + 1, offset)
    let done = allocate()
    emit(.callNative, done, window, slot("match_end", 2))
    emit(.isEqConst, done, constant(.true))
    refer(fail, field: 2)
  }

  func unquote(_ f: Form) -> Form {
    if f.head == "quote", let parts = f.listElements, parts.count == 2 { return parts[1] }
    return f
  }

  private func isWildcard(_ f: Form) -> Bool { f.symbol == "_" }

  /// The atom of a pattern `'name`.
  private func quotedAtom(_ f: Form) -> Atom? {
    guard f.head == "quote", let parts = f.listElements, parts.count == 2, let name = parts[1].symbol else {
      return nil
    }
    return atoms.intern(name)
  }

  private func testConstant(_ t: Term, subject: Int, fail: Int) throws(CompileError) {
    if case .empty = t {
      emit(.isNil, subject)
      refer(fail, field: 1)
      return
    }
    emit(.isEqConst, subject, constant(t))
    refer(fail, field: 2)
  }

  private func matchList(
    _ elements: [Form], tail: Form?, subject: Int, fail: Int, bound: inout [String: Int]
  )
    throws(CompileError)
  {
    var cur = subject
    for e in elements {
      emit(.isCons, cur)
      refer(fail, field: 1)
      if !isWildcard(e) {
        let h = allocate()
        emit(.getHead, h, cur)
        try compilePattern(e, subject: h, fail: fail, bound: &bound)
      }
      let t = allocate()
      emit(.getTail, t, cur)
      cur = t
    }
    if let tail {
      try compilePattern(tail, subject: cur, fail: fail, bound: &bound)
    } else {
      emit(.isNil, cur)
      refer(fail, field: 1)
    }
  }
}
