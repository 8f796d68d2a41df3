import BigInt

/// Rewrites LFE's standard macros into the core forms the code generator knows.
///
/// Expansion is one step at a time on the head of a form (`expand` repeats it until
/// the head is core); subforms are expanded when the generator reaches them, so each
/// node is expanded once.
struct MacroExpander {
  /// Core forms and operators the code generator handles itself.
  static let coreForms: Set<String> = [
    "quote", "cons", "car", "cdr", "list", "tuple", "binary", "map", "mref", "mset", "mupd",
    "map-get", "map-set", "map-update",
    "lambda", "match-lambda", "let", "let-function", "letrec-function", "flet", "fletrec", "progn",
    "if", "case", "receive", "catch", "try", "funcall", "call", "fun", "andalso", "orelse",
    "set", "define-function", "apply", "!", "send", "function", " cond-if", "map-size", "msiz",
  ]

  /// The `if` that `cond` expands to: it says `cond` when its test is not a boolean. The
  /// name holds a space, so no program can write it.
  static let condIf = " cond-if"
  /// The rest of a `cond` or a `++` still to expand; hidden names, so a user's own
  /// `cond` or `++` cannot take them over.
  static let condRest = " cond"
  static let appendRest = " ++"

  /// Expands the head of `form` until it is not a macro call. Returns nil when `form` is
  /// not a macro call at all.
  func expandOnce(_ form: Form) throws(CompileError) -> Form? {
    guard case .list(let items, nil) = form.node, let head = items.first?.symbol else { return nil }
    let loc = form.location
    let args = Array(items.dropFirst())
    func sym(_ s: String) -> Form { Form(.symbol(s), at: loc) }
    func list(_ xs: [Form]) -> Form { Form(.list(xs, tail: nil), at: loc) }
    func quote(_ f: Form) -> Form { list([sym("quote"), f]) }

    // (m:f args) calls a function in another module.
    if let colon = head.firstIndex(of: ":"), head.count > 2, colon != head.startIndex,
      head.index(after: colon) != head.endIndex, head != "=:=", !head.hasPrefix("=")
    {
      let m = String(head[..<colon])
      let f = String(head[head.index(after: colon)...])
      return list([sym("call"), quote(sym(m)), quote(sym(f))] + args)
    }

    switch head {
    case ":":
      guard args.count >= 2 else { throw CompileError("bad remote call", at: loc) }
      let m = args[0].symbol.map { quote(sym($0)) } ?? args[0]
      let f = args[1].symbol.map { quote(sym($0)) } ?? args[1]
      return list([sym("call"), m, f] + args.dropFirst(2))
    case "let*":
      guard let bindings = args.first?.listElements else { throw CompileError("bad let*", at: loc) }
      if bindings.count <= 1 { return list([sym("let")] + args) }
      let inner = list([sym("let*"), list(Array(bindings.dropFirst()))] + args.dropFirst())
      return list([sym("let"), list([bindings[0]]), inner])
    case "flet*":
      guard let bindings = args.first?.listElements else { throw CompileError("bad flet*", at: loc) }
      if bindings.count <= 1 { return list([sym("flet")] + args) }
      let inner = list([sym("flet*"), list(Array(bindings.dropFirst()))] + args.dropFirst())
      return list([sym("flet"), list([bindings[0]]), inner])
    case "begin":
      return list([sym("progn")] + args)
    case "cond", MacroExpander.condRest:
      return try expandCond(args, at: loc)
    case "list*":
      guard let last = args.last else { throw CompileError("list* needs arguments", at: loc) }
      if args.count == 1 { return last }
      // `[a b . rest]`: one flat form however many arguments there are.
      var built = Form(.list(Array(args.dropLast()), tail: last), at: loc)
      built.bracketed = true
      return built
    case "++", MacroExpander.appendRest:
      // One `++` call at a time, the rest left as a macro call of its own: expansions
      // never build code nested as deep as the argument list is long.
      guard let first = args.first else { return list([sym("quote"), list([])]) }
      if args.count == 1 { return first }
      let rest = args.count == 2 ? args[1] : list([sym(MacroExpander.appendRest)] + args.dropFirst())
      return list([sym("call"), quote(sym("erlang")), quote(sym("++")), first, rest])
    case "backquote":
      guard args.count == 1 else { throw CompileError("bad backquote", at: loc) }
      return try expandBackquote(args[0], depth: 1)
    case "defun":
      return nil
    case "lc", "list-comp":
      return try expandListComprehension(args, at: loc)
    case "not":
      guard args.count == 1 else { return nil }
      return list([sym("call"), quote(sym("erlang")), quote(sym("not")), args[0]])
    case "and", "or", "xor", " and", " or", " xor":
      let op = head.hasPrefix(" ") ? String(head.dropFirst()) : head
      if args.isEmpty { return quote(sym(op == "and" ? "true" : "false")) }
      if args.count == 1 { return args[0] }
      // Left to right, one call per step: `(and a b c)` is `(and (and a b) c)`.
      let before = args.count == 2 ? args[0] : list([sym(" " + op)] + args.dropLast())
      return list([sym("call"), quote(sym("erlang")), quote(sym(op)), before, args[args.count - 1]])
    case "caar", "cadr", "cdar", "cddr", "caddr", "cdddr", "cadddr", "caadr", "cddar", "cdadr":
      guard args.count == 1 else { return nil }
      let ops = head.dropFirst().dropLast()
      return ops.reversed().reduce(args[0]) { acc, c in list([sym(c == "a" ? "car" : "cdr"), acc]) }
    default:
      return nil
    }
  }

  /// Expands until the head is core or a plain function call.
  func expand(_ form: Form) throws(CompileError) -> Form {
    var f = form
    var steps = 0
    while let g = try expandOnce(f) {
      f = g
      steps += 1
      if steps > 10_000 { throw CompileError("macro expansion does not end", at: form.location) }
    }
    return f
  }

  /// The first clause of a `cond` as an `if` (or `case`) whose else branch is the
  /// rest of the `cond`, left for the next step: a `cond` of any length never becomes
  /// code nested as deep as it is long in one go.
  private func expandCond(_ clauses: [Form], at loc: SourceLocation) throws(CompileError) -> Form {
    func sym(_ s: String) -> Form { Form(.symbol(s), at: loc) }
    func list(_ xs: [Form]) -> Form { Form(.list(xs, tail: nil), at: loc) }
    guard let first = clauses.first else { return list([sym("quote"), sym("false")]) }
    guard let parts = first.listElements, let test = parts.first else {
      throw CompileError("bad cond clause", at: first.location)
    }
    let rest =
      clauses.count == 1
      ? list([sym("quote"), sym("false")]) : list([sym(MacroExpander.condRest)] + clauses.dropFirst())
    if test.symbol == "else" || (test.head == "quote" && test.listElements?.last?.symbol == "true") {
      return parts.count == 1 ? test : list([sym("progn")] + parts.dropFirst())
    }
    // (?= pattern expr) tests match the pattern and bind its variables in the body.
    if test.head == "?=", let t = test.listElements, t.count >= 3 {
      let pattern = t[1]
      let guardForms: [Form] = t.count == 4 ? [t[2]] : []
      let expr = t[t.count - 1]
      let body = list([sym("progn")] + (parts.count > 1 ? Array(parts.dropFirst()) : [expr]))
      return list([
        sym("case"), expr,
        list([pattern] + guardForms + [body]),
        list([sym("_"), rest]),
      ])
    }
    // A clause with no body gives () when its test holds, as in LFE; the test must be
    // a boolean, and LFE names `cond` when it is not.
    let body = list([sym("progn")] + parts.dropFirst())
    return list([sym(MacroExpander.condIf), test, body, rest])
  }

  /// `` `x `` with `,` and `,@` as list, cons and quote forms.
  private func expandBackquote(_ f: Form, depth: Int) throws(CompileError) -> Form {
    let loc = f.location
    guard StackSpace.hasRoom else { throw CompileError("backquote nested too deeply", at: loc) }
    func sym(_ s: String) -> Form { Form(.symbol(s), at: loc) }
    func list(_ xs: [Form]) -> Form { Form(.list(xs, tail: nil), at: loc) }
    switch f.node {
    case .list(let items, let tail):
      if items.count == 2, tail == nil, let h = items[0].symbol {
        if h == "comma" { return items[1] }
        if h == "backquote" {
          return list([
            sym("list"), list([sym("quote"), sym("backquote")]), try expandBackquote(items[1], depth: depth),
          ])
        }
      }
      var items = items
      var tail = tail
      // `(a . ,b)` reads as `(a comma b)`: the unquoted tail.
      if tail == nil, items.count >= 2, items[items.count - 2].symbol == "comma" {
        tail = Form(.list([items[items.count - 2], items[items.count - 1]], tail: nil), at: loc)
        items.removeLast(2)
      }
      // Runs of plain elements become one `list` form each and splices join them with
      // `++`: the code is as flat as the template, however long the list.
      var segments: [Form] = []
      var run: [Form] = []
      func closeRun(tail: Form?) {
        if run.isEmpty, let tail {
          segments.append(tail)
        } else if let tail {
          var built = Form(.list(run, tail: tail), at: loc)
          built.bracketed = true
          segments.append(built)
        } else if !run.isEmpty {
          segments.append(list([sym("list")] + run))
        }
        run = []
      }
      for item in items {
        if item.head == "comma-at", let parts = item.listElements, parts.count == 2 {
          closeRun(tail: nil)
          segments.append(parts[1])
        } else {
          run.append(try expandBackquote(item, depth: depth))
        }
      }
      closeRun(tail: try tail.map { t throws(CompileError) in try expandBackquote(t, depth: depth) })
      if segments.isEmpty { return list([sym("quote"), list([])]) }
      if segments.count == 1 { return segments[0] }
      return list([sym(MacroExpander.appendRest)] + segments)
    case .tuple(let items):
      var parts: [Form] = []
      for i in items { parts.append(try expandBackquote(i, depth: depth)) }
      return list([sym("tuple")] + parts)
    case .symbol:
      return list([sym("quote"), f])
    default:
      return f
    }
  }

  /// `(lc ((<- x xs) (<- y ys) guard ...) body)` as nested calls of lists:flatmap and filters.
  private func expandListComprehension(_ args: [Form], at loc: SourceLocation) throws(CompileError) -> Form {
    func sym(_ s: String) -> Form { Form(.symbol(s), at: loc) }
    func list(_ xs: [Form]) -> Form { Form(.list(xs, tail: nil), at: loc) }
    func quote(_ f: Form) -> Form { list([sym("quote"), f]) }
    guard args.count >= 2, let qualifiers = args[0].listElements else {
      throw CompileError("bad list comprehension", at: loc)
    }
    let body = list([sym("progn")] + args.dropFirst())
    func build(_ qs: ArraySlice<Form>) throws(CompileError) -> Form {
      guard let q = qs.first else { return list([sym("list"), body]) }
      let rest = try build(qs.dropFirst())
      if q.head == "<-", let parts = q.listElements, parts.count >= 3 {
        let pattern = parts[1]
        let guards: [Form] = parts.count == 4 ? [parts[2]] : []
        let source = parts[parts.count - 1]
        let fn = list([
          sym("match-lambda"),
          list([list([pattern])] + guards + [rest]),
          list([list([sym("_")]), quote(list([]))]),
        ])
        return list([sym("call"), quote(sym("lists")), quote(sym("flatmap")), fn, source])
      }
      return list([sym("if"), q, rest, quote(list([]))])
    }
    return try build(qualifiers[...])
  }
}
