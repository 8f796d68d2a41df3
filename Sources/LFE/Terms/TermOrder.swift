import BigInt

/// Erlang's standard term order and its two equalities.
///
/// number < atom < reference < fun < pid < tuple < map < nil < list < binary.
/// Atoms compare by name, so ordering needs the atom table.
extension Term {
  /// The rank of the term's type in the standard order.
  var orderRank: Int {
    switch self {
    case .int, .float, .big: return 0
    case .atom: return 1
    case .ref: return 2
    case .fun: return 3
    case .pid: return 5
    case .tuple: return 6
    case .map: return 7
    case .empty: return 8
    case .cons: return 9
    case .binary: return 10
    }
  }

  /// -1, 0 or 1. With `exact`, an integer and a float of equal value still differ
  /// (integers first), as `=:=` and map keys need.
  public static func compare(_ a: Term, _ b: Term, atoms: AtomTable, exact: Bool = false) -> Int {
    // Small integers and identical atoms need no work list.
    switch (a, b) {
    case (.int(let i), .int(let j)): return i < j ? -1 : (i == j ? 0 : 1)
    case (.atom(let p), .atom(let q)) where p == q: return 0
    default: break
    }
    var stack: [(Term, Term)] = [(a, b)]
    while let (x, y) = stack.popLast() {
      let r = compareShallow(x, y, atoms: atoms, exact: exact, pending: &stack)
      if r != 0 { return r }
    }
    return 0
  }

  /// Compares the heads of `x` and `y`; pushes pairs of children still to compare,
  /// in reverse order so the first pair pops first.
  private static func compareShallow(
    _ x: Term, _ y: Term, atoms: AtomTable, exact: Bool, pending: inout [(Term, Term)]
  ) -> Int {
    let rx = x.orderRank
    let ry = y.orderRank
    if rx != ry { return rx < ry ? -1 : 1 }
    switch (x, y) {
    case (.int(let i), .int(let j)): return i < j ? -1 : (i == j ? 0 : 1)
    case (.float(let f), .float(let g)): return f < g ? -1 : (f == g ? 0 : 1)
    case (.atom(let p), .atom(let q)):
      if p == q { return 0 }
      return atoms.name(p) < atoms.name(q) ? -1 : 1
    case (.ref(let p), .ref(let q)): return p < q ? -1 : (p == q ? 0 : 1)
    case (.pid(let p), .pid(let q)): return p < q ? -1 : (p == q ? 0 : 1)
    case (.fun(let f), .fun(let g)):
      if f === g { return 0 }
      return ObjectIdentifier(f) < ObjectIdentifier(g) ? -1 : 1
    case (.empty, .empty): return 0
    case (.cons(let c), .cons(let d)):
      pending.append((c.tail, d.tail))
      pending.append((c.head, d.head))
      return 0
    case (.tuple(let s), .tuple(let t)):
      if s.count != t.count { return s.count < t.count ? -1 : 1 }
      for i in stride(from: s.count - 1, through: 0, by: -1) { pending.append((s[i], t[i])) }
      return 0
    case (.binary(let s), .binary(let t)):
      return s.bytes.lexicographicallyPrecedes(t.bytes) ? -1 : (s.bytes == t.bytes ? 0 : 1)
    case (.map(let m), .map(let n)):
      if m.entries.count != n.entries.count { return m.entries.count < n.entries.count ? -1 : 1 }
      let mk = m.sortedKeys(atoms: atoms)
      let nk = n.sortedKeys(atoms: atoms)
      for (k, l) in zip(mk, nk) {
        let c = compare(k, l, atoms: atoms, exact: true)
        if c != 0 { return c }
      }
      for k in mk.reversed() { pending.append((m.entries[k]!, n.entries[k]!)) }
      return 0
    default:
      return compareNumbers(x, y, exact: exact)
    }
  }

  private static func compareNumbers(_ x: Term, _ y: Term, exact: Bool) -> Int {
    switch (x, y) {
    case (.float(let f), _):
      let r = compareMixed(y, f)
      if r == 0 && exact { return 1 }
      return -r
    case (_, .float(let g)):
      let r = compareMixed(x, g)
      if r == 0 && exact { return -1 }
      return r
    default:
      let a = x.bigValue!
      let b = y.bigValue!
      return a < b ? -1 : (a == b ? 0 : 1)
    }
  }

  /// Compares an integer term with a float without losing precision.
  private static func compareMixed(_ i: Term, _ f: Double) -> Int {
    let v = i.bigValue!
    if f.isNaN { return -1 }
    let fl = f.rounded(.down)
    if let fb = BigInt(exactly: fl) {
      if v < fb { return -1 }
      if v > fb { return 1 }
      return fl == f ? 0 : -1
    }
    return f > 0 ? -1 : 1
  }

  /// `=:=`: same type and value; needs no atom table.
  public static func exactlyEqual(_ a: Term, _ b: Term) -> Bool {
    // Immediates compare without a work list (patterns test literals all the time).
    switch (a, b) {
    case (.int(let i), .int(let j)): return i == j
    case (.atom(let p), .atom(let q)): return p == q
    case (.empty, .empty): return true
    case (.pid(let p), .pid(let q)): return p == q
    case (.ref(let p), .ref(let q)): return p == q
    case (.float(let f), .float(let g)): return f == g
    case (.int, _), (.atom, _), (.empty, _), (.pid, _), (.ref, _), (.float, _): return false
    case (_, .int), (_, .atom), (_, .empty), (_, .pid), (_, .ref), (_, .float): return false
    default: break
    }
    var stack: [(Term, Term)] = [(a, b)]
    while let (x, y) = stack.popLast() {
      switch (x, y) {
      case (.int(let i), .int(let j)): if i != j { return false }
      case (.float(let f), .float(let g)): if f != g { return false }
      case (.atom(let p), .atom(let q)): if p != q { return false }
      case (.pid(let p), .pid(let q)): if p != q { return false }
      case (.ref(let p), .ref(let q)): if p != q { return false }
      case (.empty, .empty): break
      case (.big(let p), .big(let q)): if p.value != q.value { return false }
      case (.fun(let f), .fun(let g)): if f !== g { return false }
      case (.binary(let s), .binary(let t)): if s.bytes != t.bytes { return false }
      case (.cons(let c), .cons(let d)):
        if c === d { continue }
        stack.append((c.tail, d.tail))
        stack.append((c.head, d.head))
      case (.tuple(let s), .tuple(let t)):
        if s === t { continue }
        if s.count != t.count { return false }
        for i in 0..<s.count { stack.append((s[i], t[i])) }
      case (.map(let m), .map(let n)):
        if m === n { continue }
        if m.entries.count != n.entries.count { return false }
        // Keys that are atoms or numbers are looked up: comparing them recurses nowhere.
        if !m.entries.keys.contains(where: \.isBox) {
          for (k, v) in m.entries {
            guard let w = n.entries[k] else { return false }
            stack.append((v, w))
          }
          continue
        }
        // Other keys pair up by hash and join the work list, rather than being looked
        // up: a lookup compares map keys by calling back here, a host recursion as deep
        // as maps nest inside keys. Only colliding hashes need the lookup.
        var byHash: [Int: [Term]] = [:]
        for k in n.entries.keys { byHash[k.hashValue, default: []].append(k) }
        for (k, v) in m.entries {
          guard let candidates = byHash[k.hashValue] else { return false }
          if candidates.count == 1 {
            let l = candidates[0]
            guard let w = n.entries[l] else { return false }
            stack.append((k, l))
            stack.append((v, w))
          } else {
            guard let w = n.entries[k] else { return false }
            stack.append((v, w))
          }
        }
      default: return false
      }
    }
    return true
  }

  /// `==`: like `=:=` but integers and floats compare by value.
  public static func arithmeticallyEqual(_ a: Term, _ b: Term, atoms: AtomTable) -> Bool {
    compare(a, b, atoms: atoms) == 0
  }
}

extension MapBox {
  /// The keys in term order, as maps print and compare.
  public func sortedKeys(atoms: AtomTable) -> [Term] {
    entries.keys.sorted { Term.compare($0, $1, atoms: atoms, exact: true) < 0 }
  }
}

extension Term: Hashable {
  public static func == (a: Term, b: Term) -> Bool { exactlyEqual(a, b) }

  public func hash(into h: inout Hasher) {
    var stack: [Term] = [self]
    while let t = stack.popLast() {
      switch t {
      case .int(let i): h.combine(0); h.combine(i)
      case .float(let f): h.combine(1); h.combine(f)
      case .atom(let a): h.combine(2); h.combine(a)
      case .empty: h.combine(3)
      case .pid(let p): h.combine(4); h.combine(p)
      case .ref(let r): h.combine(5); h.combine(r)
      case .cons(let c):
        h.combine(6)
        stack.append(c.tail)
        stack.append(c.head)
      case .tuple(let tu):
        h.combine(7); h.combine(tu.count)
        for i in 0..<tu.count { stack.append(tu[i]) }
      case .big(let b): h.combine(8); h.combine(b.value)
      case .binary(let b): h.combine(9); h.combine(b.bytes)
      case .map(let m):
        h.combine(10); h.combine(m.entries.count)
      case .fun(let f): h.combine(11); h.combine(ObjectIdentifier(f))
      }
    }
  }
}
