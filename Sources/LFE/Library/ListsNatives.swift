/// The `lists` functions that take no fun (those that do are written in LFE). Errors
/// follow OTP 25: `function_clause` where the Erlang code has no matching clause,
/// `badarg` where it fails in a BIF.
enum ListsNatives {
  static func natives() -> [NativeFunction] {
    basics() + searching() + building() + sorting() + keyed()
  }

  private static func fn(_ name: String, _ arity: Int, _ body: @escaping NativeBody) -> NativeFunction {
    NativeFunction("lists", name, arity, body)
  }

  static var functionClause: Exception { .error(.atom(.functionClause)) }

  /// `function_clause` in the recursive call that had no clause: Erlang's trace shows
  /// that call's arguments (`(lists:nth 5 '(a b c))` fails in `(lists : nth 2 ())`).
  private static func noClause(_ name: String, _ args: [Term], _ atoms: AtomTable) -> Exception {
    var e = functionClause
    e.stack = [StackEntry(module: .lists, function: atoms.intern(name), arguments: args, arity: args.count)]
    return e
  }

  /// The elements of a proper list, or `function_clause`.
  static func elements(_ t: Term) throws(Exception) -> [Term] {
    guard let es = t.listElements else { throw functionClause }
    return es
  }

  /// A non-negative fixnum, or `function_clause`.
  private static func count(_ t: Term) throws(Exception) -> Int {
    guard case .int(let n) = t, n >= 0 else { throw functionClause }
    return try NativeLibrary.checkedSize(n)
  }

  /// `e` as raised inside the BIF `erlang:name(args)`, where Erlang's trace starts.
  static func inBIF(_ e: Exception, _ name: String, _ args: [Term], _ atoms: AtomTable) -> Exception {
    var e = e
    e.stack = [StackEntry(module: .erlang, function: atoms.intern(name), arguments: args, arity: args.count)]
    return e
  }

  /// `a ++ b` failing as `erlang:'++'/2` does.
  static func append(_ a: Term, _ b: Term, _ atoms: AtomTable) throws(Exception) -> Term {
    do {
      return try append(a, b)
    } catch {
      throw inBIF(error, "++", [a, b], atoms)
    }
  }

  // MARK: Basics

  private static func basics() -> [NativeFunction] {
    [
      fn("reverse", 1) { _, a throws(Exception) in
        guard let r = reversed(a[0], onto: .empty) else { throw functionClause }
        return r
      },
      fn("reverse", 2) { _, a throws(Exception) in
        guard let r = reversed(a[0], onto: a[1]) else { throw .badarg }
        return r
      },
      fn("append", 2) { ctx, a throws(Exception) in try append(a[0], a[1], ctx.atoms) },
      fn("append", 1) { ctx, a throws(Exception) in
        let lists = try elements(a[0])
        guard var result = lists.last else { return .empty }
        // Right to left, as Erlang's `H ++ append(T)` evaluates, so a trace names the same call.
        for l in lists.dropLast().reversed() { result = try append(l, result, ctx.atoms) }
        return result
      },
      fn("subtract", 2) { ctx, a throws(Exception) in
        do throws(Exception) {
          return try subtract(a[0], a[1])
        } catch {
          throw inBIF(error, "--", [a[0], a[1]], ctx.atoms)
        }
      },
      fn("nth", 2) { ctx, a throws(Exception) in
        guard case .int(var n) = a[0], n >= 1 else { throw functionClause }
        var cur = a[1]
        while case .cons(let c) = cur {
          if n == 1 { return c.head }
          n -= 1
          cur = c.tail
        }
        throw noClause("nth", [.int(n), cur], ctx.atoms)
      },
      fn("nthtail", 2) { ctx, a throws(Exception) in
        var n = try count(a[0])
        var cur = a[1]
        while n > 0 {
          guard case .cons(let c) = cur else { throw noClause("nthtail", [.int(n), cur], ctx.atoms) }
          cur = c.tail
          n -= 1
        }
        return cur
      },
      fn("last", 1) { _, a throws(Exception) in
        guard case .cons(var c) = a[0] else { throw functionClause }
        while case .cons(let next) = c.tail { c = next }
        guard case .empty = c.tail else { throw functionClause }
        return c.head
      },
      fn("droplast", 1) { _, a throws(Exception) in
        let es = try elements(a[0])
        if es.isEmpty { throw functionClause }
        return .list(es.dropLast())
      },
      fn("sum", 1) { ctx, a throws(Exception) in
        var total = Term.int(0)
        for e in try elements(a[0]) {
          do throws(Exception) {
            total = try Arith.add(total, e)
          } catch {
            throw inBIF(error, "+", [total, e], ctx.atoms)
          }
        }
        return total
      },
      fn("max", 1) { ctx, a throws(Exception) in try extreme(a[0], ctx.atoms, wantLarger: true) },
      fn("min", 1) { ctx, a throws(Exception) in try extreme(a[0], ctx.atoms, wantLarger: false) },
      fn("flatten", 1) { _, a throws(Exception) in try flatten(a[0], tail: .empty) },
      fn("flatten", 2) { _, a throws(Exception) in
        guard a[1].listElements != nil else { throw functionClause }
        return try flatten(a[0], tail: a[1])
      },
      fn("flatlength", 1) { _, a throws(Exception) in
        .int(try flatten(a[0], tail: .empty).listElements!.count)
      },
    ]
  }

  /// `l` reversed onto `tail`, or nil when `l` is not a proper list.
  static func reversed(_ l: Term, onto tail: Term) -> Term? {
    var result = tail
    var cur = l
    while case .cons(let c) = cur {
      result = .cons(Cons(c.head, result))
      cur = c.tail
    }
    guard case .empty = cur else { return nil }
    return result
  }

  /// `a ++ b`: `a` must be a proper list; `b` may be anything.
  static func append(_ a: Term, _ b: Term) throws(Exception) -> Term {
    guard let es = a.listElements else { throw .badarg }
    if es.isEmpty { return b }
    if case .empty = b { return a }
    return .list(es, tail: b)
  }

  /// `a -- b`: removes the first exactly equal element of `a` for each element of `b`.
  static func subtract(_ a: Term, _ b: Term) throws(Exception) -> Term {
    guard var es = a.listElements, let remove = b.listElements else { throw .badarg }
    if es.isEmpty || remove.isEmpty { return a }
    var pending: [Term: Int] = [:]
    for r in remove { pending[r, default: 0] += 1 }
    es.removeAll { e in
      guard let n = pending[e], n > 0 else { return false }
      pending[e] = n - 1
      return true
    }
    return .list(es)
  }

  private static func extreme(_ l: Term, _ atoms: AtomTable, wantLarger: Bool) throws(Exception) -> Term {
    let es = try elements(l)
    guard var best = es.first else { throw functionClause }
    for e in es.dropFirst() {
      let c = Term.compare(e, best, atoms: atoms)
      if wantLarger ? c > 0 : c < 0 { best = e }
    }
    return best
  }

  /// A deep list flattened onto `tail`; any improper list inside is `function_clause`.
  private static func flatten(_ deep: Term, tail: Term) throws(Exception) -> Term {
    var out: [Term] = []
    var stack: [Term] = [deep]
    while let t = stack.popLast() {
      switch t {
      case .empty: continue
      case .cons(let c):
        guard c.tail.isList else { throw functionClause }
        stack.append(c.tail)
        if c.head.isList {
          stack.append(c.head)
        } else {
          out.append(c.head)
        }
      default: throw functionClause
      }
    }
    return .list(out, tail: tail)
  }

  // MARK: Searching

  private static func searching() -> [NativeFunction] {
    [
      fn("member", 2) { _, a throws(Exception) in
        var cur = a[1]
        while case .cons(let c) = cur {
          if Term.exactlyEqual(c.head, a[0]) { return .true }
          cur = c.tail
        }
        guard case .empty = cur else { throw .badarg }
        return .false
      },
      fn("delete", 2) { _, a throws(Exception) in
        var es = try elements(a[1])
        if let i = es.firstIndex(where: { Term.exactlyEqual($0, a[0]) }) { es.remove(at: i) }
        return .list(es)
      },
      fn("prefix", 2) { _, a throws(Exception) in
        let p = try elements(a[0])
        var cur = a[1]
        for e in p {
          guard case .cons(let c) = cur, Term.exactlyEqual(c.head, e) else { return .false }
          cur = c.tail
        }
        return .true
      },
      fn("suffix", 2) { _, a throws(Exception) in
        let s = try elements(a[0])
        guard let l = a[1].listElements else { throw .badarg }
        guard s.count <= l.count else { return .false }
        return .bool(zip(s, l.suffix(s.count)).allSatisfy { Term.exactlyEqual($0, $1) })
      },
    ]
  }

  // MARK: Building

  private static func building() -> [NativeFunction] {
    [
      fn("seq", 2) { _, a throws(Exception) in
        guard case .int(let from) = a[0], case .int(let to) = a[1], to >= from - 1 else {
          throw functionClause
        }
        return try seq(from, to, 1)
      },
      fn("seq", 3) { _, a throws(Exception) in
        guard case .int(let from) = a[0], case .int(let to) = a[1], case .int(let step) = a[2] else {
          throw functionClause
        }
        if step > 0 && to < from - step { throw .badarg }
        if step < 0 && to > from - step { throw .badarg }
        if step == 0 && from != to { throw .badarg }
        return try seq(from, to, step)
      },
      fn("duplicate", 2) { _, a throws(Exception) in
        .list([Term](repeating: a[1], count: try count(a[0])))
      },
      fn("split", 2) { _, a throws(Exception) in
        guard case .int(let n) = a[0], let es = a[1].listElements, n >= 0, n <= es.count else {
          throw .badarg
        }
        return .tuple([.list(es[..<n]), .list(es[n...])])
      },
      fn("sublist", 2) { _, a throws(Exception) in
        let n = try count(a[1])
        return try sublist(a[0], start: 1, length: n)
      },
      fn("sublist", 3) { _, a throws(Exception) in
        guard case .int(let start) = a[1], start >= 1 else { throw functionClause }
        return try sublist(a[0], start: start, length: try count(a[2]))
      },
      fn("zip", 2) { ctx, a throws(Exception) in
        let (x, y) = (try elements(a[0]), try elements(a[1]))
        guard x.count == y.count else {
          let n = Swift.min(x.count, y.count)
          throw noClause("zip", [.list(x[n...]), .list(y[n...])], ctx.atoms)
        }
        return .list(zip(x, y).map { Term.tuple([$0, $1]) })
      },
      fn("zip3", 3) { ctx, a throws(Exception) in
        let (x, y, z) = (try elements(a[0]), try elements(a[1]), try elements(a[2]))
        guard x.count == y.count, y.count == z.count else {
          let n = Swift.min(x.count, y.count, z.count)
          throw noClause("zip3", [.list(x[n...]), .list(y[n...]), .list(z[n...])], ctx.atoms)
        }
        return .list(x.indices.map { Term.tuple([x[$0], y[$0], z[$0]]) })
      },
      fn("unzip", 1) { _, a throws(Exception) in
        var xs: [Term] = []
        var ys: [Term] = []
        for e in try elements(a[0]) {
          guard case .tuple(let t) = e, t.count == 2 else { throw functionClause }
          xs.append(t[0])
          ys.append(t[1])
        }
        return .tuple([.list(xs), .list(ys)])
      },
      fn("unzip3", 1) { _, a throws(Exception) in
        var cols: [[Term]] = [[], [], []]
        for e in try elements(a[0]) {
          guard case .tuple(let t) = e, t.count == 3 else { throw functionClause }
          for i in 0..<3 { cols[i].append(t[i]) }
        }
        return .tuple(cols.map { Term.list($0) })
      },
      fn("concat", 1) { ctx, a throws(Exception) in
        var out: [Term] = []
        for e in try elements(a[0]) {
          switch e {
          case .atom(let at): out += Term.string(ctx.atoms.name(at)).listElements!
          case .int, .big: out += Term.string(TermConversion.integerText(e)!).listElements!
          case .float(let f):
            out += Term.string(TermConversion.floatScientific(f, precision: 20)).listElements!
          case .empty, .cons: out += try elements(e)
          default: throw functionClause
          }
        }
        return .list(out)
      },
      fn("join", 2) { _, a throws(Exception) in
        let es = try elements(a[1])
        var out: [Term] = []
        for (i, e) in es.enumerated() {
          if i > 0 { out.append(a[0]) }
          out.append(e)
        }
        return .list(out)
      },
      fn("enumerate", 1) { _, a throws(Exception) in try enumerate(1, a[0]) },
      fn("enumerate", 2) { _, a throws(Exception) in
        guard case .int(let i) = a[0] else { throw functionClause }
        return try enumerate(i, a[1])
      },
    ]
  }

  private static func seq(_ from: Int, _ to: Int, _ step: Int) throws(Exception) -> Term {
    if step == 0 { return .list([.int(from)]) }
    let span = to.subtractingReportingOverflow(from)
    if span.overflow || (span.partialValue / step).magnitude >= UInt(NativeLibrary.maxElements) {
      throw Exception.error(.atom(.systemLimit))
    }
    var out: [Term] = []
    out.reserveCapacity(try NativeLibrary.checkedSize(Int((span.partialValue / step).magnitude) + 1))
    var i = from
    while step > 0 ? i <= to : i >= to {
      out.append(.int(i))
      let (next, overflow) = i.addingReportingOverflow(step)
      if overflow { break }
      i = next
    }
    return .list(out)
  }

  /// Up to `length` elements from the 1-based `start`; past the end gives what there is.
  private static func sublist(_ l: Term, start: Int, length: Int) throws(Exception) -> Term {
    var cur = l
    var skip = start - 1
    while skip > 0 {
      switch cur {
      case .cons(let c): cur = c.tail
      case .empty: return .empty
      default: throw functionClause
      }
      skip -= 1
    }
    var out: [Term] = []
    while out.count < length {
      switch cur {
      case .cons(let c):
        out.append(c.head)
        cur = c.tail
      case .empty: return .list(out)
      default: throw functionClause
      }
    }
    return .list(out)
  }

  private static func enumerate(_ first: Int, _ l: Term) throws(Exception) -> Term {
    .list(try elements(l).enumerated().map { Term.tuple([.int(first + $0.offset), $0.element]) })
  }

  // MARK: Sorting

  private static func sorting() -> [NativeFunction] {
    [
      fn("sort", 1) { ctx, a throws(Exception) in .list(stableSort(try elements(a[0]), ctx.atoms)) },
      fn("usort", 1) { ctx, a throws(Exception) in
        let sorted = stableSort(try elements(a[0]), ctx.atoms)
        var out: [Term] = []
        for e in sorted {
          if let last = out.last, Term.compare(last, e, atoms: ctx.atoms) == 0 { continue }
          out.append(e)
        }
        return .list(out)
      },
      fn("umerge", 2) { ctx, a throws(Exception) in
        let (x, y) = (try elements(a[0]), try elements(a[1]))
        var out: [Term] = []
        var i = 0
        var j = 0
        // On equal elements the first list's is kept and the second's dropped.
        while i < x.count && j < y.count {
          let c = Term.compare(x[i], y[j], atoms: ctx.atoms)
          if c <= 0 {
            out.append(x[i])
            if c == 0 { j += 1 }
            i += 1
          } else {
            out.append(y[j])
            j += 1
          }
        }
        return .list(out + x[i...] + y[j...])
      },
      fn("uniq", 1) { _, a throws(Exception) in
        var seen = Set<Term>()
        return .list(try elements(a[0]).filter { seen.insert($0).inserted })
      },
      fn("merge", 2) { ctx, a throws(Exception) in
        let (x, y) = (try elements(a[0]), try elements(a[1]))
        var out: [Term] = []
        out.reserveCapacity(x.count + y.count)
        var i = 0
        var j = 0
        // Equal elements take the first list's first, as lists:merge/2 does.
        while i < x.count && j < y.count {
          if Term.compare(y[j], x[i], atoms: ctx.atoms) < 0 {
            out.append(y[j])
            j += 1
          } else {
            out.append(x[i])
            i += 1
          }
        }
        return .list(out + x[i...] + y[j...])
      },
      fn("keysort", 2) { ctx, a throws(Exception) in
        guard case .int(let n) = a[0], n >= 1 else { throw functionClause }
        // OTP looks at the list with a case: a non-list is case_clause.
        guard let es = a[1].listElements else { throw .error(ctx.atom("case_clause"), a[1]) }
        if es.count < 2 { return a[1] }
        var keys: [Term] = []
        for e in es {
          guard case .tuple(let t) = e, t.count >= n else {
            throw inBIF(.badarg, "element", [.int(n), e], ctx.atoms)
          }
          keys.append(t[n - 1])
        }
        let order = keys.indices.sorted { i, j in
          let c = Term.compare(keys[i], keys[j], atoms: ctx.atoms)
          return c < 0 || (c == 0 && i < j)
        }
        return .list(order.map { es[$0] })
      },
    ]
  }

  /// Term order, equal elements keeping their order.
  static func stableSort(_ es: [Term], _ atoms: AtomTable) -> [Term] {
    let order = es.indices.sorted { i, j in
      let c = Term.compare(es[i], es[j], atoms: atoms)
      return c < 0 || (c == 0 && i < j)
    }
    return order.map { es[$0] }
  }

  // MARK: Tuple lists

  private static func keyed() -> [NativeFunction] {
    [
      fn("keyfind", 3) { ctx, a throws(Exception) in
        guard let (_, t) = try keySearch(a[0], a[1], a[2], ctx.atoms, badarg: true) else { return .false }
        return t
      },
      fn("keymember", 3) { ctx, a throws(Exception) in
        .bool(try keySearch(a[0], a[1], a[2], ctx.atoms, badarg: true) != nil)
      },
      fn("keysearch", 3) { ctx, a throws(Exception) in
        guard let (_, t) = try keySearch(a[0], a[1], a[2], ctx.atoms, badarg: true) else { return .false }
        return .tuple([.atom(ctx.atom("value")), t])
      },
      fn("keydelete", 3) { ctx, a throws(Exception) in
        guard let (i, _) = try keySearch(a[0], a[1], a[2], ctx.atoms, badarg: false) else { return a[2] }
        var es = a[2].listElements!
        es.remove(at: i)
        return .list(es)
      },
      fn("keyreplace", 4) { ctx, a throws(Exception) in
        guard case .tuple = a[3] else { throw functionClause }
        guard let (i, _) = try keySearch(a[0], a[1], a[2], ctx.atoms, badarg: false) else { return a[2] }
        var es = a[2].listElements!
        es[i] = a[3]
        return .list(es)
      },
      fn("keystore", 4) { ctx, a throws(Exception) in
        guard case .tuple = a[3] else { throw functionClause }
        guard let (i, _) = try keySearch(a[0], a[1], a[2], ctx.atoms, badarg: false) else {
          return .list(a[2].listElements! + [a[3]])
        }
        var es = a[2].listElements!
        es[i] = a[3]
        return .list(es)
      },
      fn("keytake", 3) { ctx, a throws(Exception) in
        guard let (i, t) = try keySearch(a[0], a[1], a[2], ctx.atoms, badarg: false) else { return .false }
        var es = a[2].listElements!
        es.remove(at: i)
        return .tuple([.atom(ctx.atom("value")), t, .list(es)])
      },
    ]
  }

  /// The index and tuple of the first element whose `n`th field equals (`==`) `key`.
  /// Bad arguments are `badarg` for the BIFs (`keyfind`) and `function_clause` otherwise.
  private static func keySearch(
    _ key: Term, _ position: Term, _ list: Term, _ atoms: AtomTable, badarg: Bool
  ) throws(Exception) -> (Int, Term)? {
    let failure: Exception = badarg ? .badarg : functionClause
    guard case .int(let n) = position, n >= 1, let es = list.listElements else { throw failure }
    for (i, e) in es.enumerated() {
      if case .tuple(let t) = e, t.count >= n, Arith.equal(t[n - 1], key, atoms: atoms) { return (i, e) }
    }
    return nil
  }
}
