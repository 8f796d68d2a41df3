/// A tuple a clause's pattern matched, held in a register that nothing reads once the
/// clause's body begins (a received message, a `case` value), and what the pattern
/// knows of its elements. A body that builds a tuple of the same size, as a server
/// loop answering `#(request ...)` with `#(reply ...)` does, can rewrite that cell in
/// place, and need not write the elements it keeps: the pattern's own variables in
/// their own places, and the constants it tested for.
struct ReusableTuple {
  let register: Int
  let arity: Int
  /// Per element: the register of the variable the pattern bound to it.
  let variableRegisters: [Int?]
  /// Per element: the atom or integer the pattern required there.
  let constants: [Term?]

  /// The bit mask of `updateTuple` has room for this many elements.
  static let maxArity = 31

  /// Nil unless `pattern` matches only tuples (of at most `maxArity` elements).
  init?(pattern: Form, register: Int, bound: [String: Int], _ builder: FunctionBuilder) {
    guard let elements = ReusableTuple.elements(of: pattern), elements.count <= ReusableTuple.maxArity
    else { return nil }
    self.register = register
    arity = elements.count
    variableRegisters = elements.map { e in e.symbol.flatMap { $0 == "_" ? nil : bound[$0] } }
    constants = elements.map { builder.immediateConstant($0) }
  }

  /// The element patterns of a tuple pattern, seen through `(= ...)`.
  private static func elements(of p: Form) -> [Form]? {
    guard case .list(let items, nil) = p.node, !p.bracketed, let head = items.first?.symbol else {
      return nil
    }
    switch head {
    case "tuple": return Array(items.dropFirst())
    case "=": return items.dropFirst().lazy.compactMap { elements(of: $0) }.first
    default: return nil
    }
  }

  /// Whether `expression`, built into element `i`, is what the matched tuple already
  /// holds there.
  func holds(_ expression: Form, at i: Int, _ builder: FunctionBuilder) -> Bool {
    if let name = expression.symbol, let r = variableRegisters[i] {
      return builder.variables[name] == r
    }
    if let k = constants[i], let t = builder.immediateConstant(expression) {
      return Term.exactlyEqual(k, t)
    }
    return false
  }
}

extension FunctionBuilder {
  /// The value of a quoted atom or an integer literal, the constants a pattern usually
  /// tests an element for.
  func immediateConstant(_ f: Form) -> Term? {
    switch f.node {
    case .integer: return try? literal(f)
    case .list:
      guard f.head == "quote", let parts = f.listElements, parts.count == 2, let name = parts[1].symbol else {
        return nil
      }
      return .atom(atoms.intern(name))
    default: return nil
    }
  }

  /// `(tuple ...)` built over the cell of `reused`: only the elements that differ from
  /// what it holds are evaluated and written.
  func compileTupleUpdate(_ args: [Form], reusing reused: ReusableTuple, to dest: Int) throws(CompileError) {
    let changed = args.indices.filter { !reused.holds(args[$0], at: $0, self) }
    try scoped { () throws(CompileError) in
      let start = allocate(changed.count)
      for (k, i) in changed.enumerated() { try compile(args[i], to: start + k, tail: false) }
      emit(.updateTuple, dest, start, reused.register)
      emit(.data, changed.reduce(0) { $0 | 1 << $1 })
    }
  }
}
