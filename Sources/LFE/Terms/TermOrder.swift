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
    var stack: [OrderPair] = [OrderPair(a, b, exact: exact)]
    while let p = stack.popLast() {
      let r = compareShallow(p.x, p.y, atoms: atoms, exact: p.exact, pending: &stack)
      if r != 0 { return r }
    }
    return 0
  }

  /// Two terms still to compare, and whether they compare exactly (map keys always do,
  /// whatever the comparison they sit in).
  private struct OrderPair {
    let x: Term
    let y: Term
    let exact: Bool
    init(_ x: Term, _ y: Term, exact: Bool) {
      self.x = x
      self.y = y
      self.exact = exact
    }
  }

  /// Compares the heads of `x` and `y`; pushes pairs of children still to compare,
  /// in reverse order so the first pair pops first.
  private static func compareShallow(
    _ x: Term, _ y: Term, atoms: AtomTable, exact: Bool, pending: inout [OrderPair]
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
      // A shared part is equal to itself: terms built from shared parts (a DAG) would
      // otherwise take time exponential in their depth.
      if c === d { return 0 }
      pending.append(OrderPair(c.tail, d.tail, exact: exact))
      pending.append(OrderPair(c.head, d.head, exact: exact))
      return 0
    case (.tuple(let s), .tuple(let t)):
      if s === t { return 0 }
      if s.count != t.count { return s.count < t.count ? -1 : 1 }
      for i in stride(from: s.count - 1, through: 0, by: -1) {
        pending.append(OrderPair(s[i], t[i], exact: exact))
      }
      return 0
    case (.binary(let s), .binary(let t)):
      return s.bytes.lexicographicallyPrecedes(t.bytes) ? -1 : (s.bytes == t.bytes ? 0 : 1)
    case (.map(let m), .map(let n)):
      if m === n { return 0 }
      if m.entries.count != n.entries.count { return m.entries.count < n.entries.count ? -1 : 1 }
      // Erlang's order: every key in key order (exactly), then the values in key order.
      let me = m.sortedEntries(atoms: atoms)
      let ne = n.sortedEntries(atoms: atoms)
      for i in stride(from: me.count - 1, through: 0, by: -1) {
        pending.append(OrderPair(me[i].value, ne[i].value, exact: exact))
      }
      for i in stride(from: me.count - 1, through: 0, by: -1) {
        pending.append(OrderPair(me[i].key, ne[i].key, exact: true))
      }
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
        // as maps nest inside keys. Maps hash by content (`contentHash`), so only a true
        // collision of two 64-bit hashes, with a seed chosen at random for each run,
        // needs the lookup.
        var byHash: [Int: [(key: Term, value: Term)]] = [:]
        for e in n.entries { byHash[e.key.hashValue, default: []].append(e) }
        for (k, v) in m.entries {
          guard let candidates = byHash[k.hashValue] else { return false }
          if candidates.count == 1 {
            stack.append((k, candidates[0].key))
            stack.append((v, candidates[0].value))
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
  public func sortedKeys(atoms: AtomTable) -> [Term] { sortedEntries(atoms: atoms).map(\.key) }

  /// The entries in key order.
  ///
  /// Sorting compares keys, and comparing two maps found inside keys sorts those maps
  /// in turn: done naively, a host recursion as deep as maps nest in keys, and re-sorting
  /// shared maps again and again. So a map whose keys hold maps first sorts every map
  /// reachable from its keys, innermost first, on an explicit work list, and keeps each
  /// result: the comparisons of its own sort then only read caches.
  public func sortedEntries(atoms: AtomTable) -> [(key: Term, value: Term)] {
    if let cached = caches?.sorted { return cached }
    if !keysContainMaps { return sortEntries(atoms: atoms) }
    return MapBox.prepareOrder(self, atoms: atoms)
  }

  private func sortEntries(atoms: AtomTable) -> [(key: Term, value: Term)] {
    entries.sorted { Term.compare($0.key, $1.key, atoms: atoms, exact: true) < 0 }
  }

  /// Whether a map sits anywhere inside the keys.
  private var keysContainMaps: Bool {
    entries.keys.contains { $0.isBox && MapBox.containsMap($0) }
  }

  /// The caches, made on first need.
  private var madeCaches: MapCaches {
    if let c = caches { return c }
    let c = MapCaches()
    caches = c
    return c
  }

  private static func containsMap(_ t: Term) -> Bool {
    // A string or a flat tuple, the usual keys, needs no work list (an empty array
    // allocates nothing).
    var stack: [Term] = []
    var next: Term? = t
    while let t = next ?? stack.popLast() {
      next = nil
      switch t {
      case .map: return true
      case .cons:
        var cur = t
        while case .cons(let c) = cur {
          if c.head.isBox { stack.append(c.head) }
          cur = c.tail
        }
        if cur.isBox { next = cur }
      case .tuple(let tu):
        for i in 0..<tu.count where tu[i].isBox { stack.append(tu[i]) }
      default: break
      }
    }
    return false
  }

  /// A step of a walk that fills maps' caches innermost first.
  private enum CacheStep {
    case visit(Term)
    /// Every map this one's cache depends on is done: fill its cache.
    case finish(MapBox)
  }

  /// Pushes the boxes directly inside `t` (a list's elements and tail, a tuple's
  /// elements); maps are the caller's business, everything else holds no map.
  private static func pushParts(_ t: Term, _ stack: inout [CacheStep]) {
    switch t {
    case .cons:
      var cur = t
      while case .cons(let c) = cur {
        if c.head.isBox { stack.append(.visit(c.head)) }
        cur = c.tail
      }
      if cur.isBox { stack.append(.visit(cur)) }
    case .tuple(let tu):
      for i in 0..<tu.count where tu[i].isBox { stack.append(.visit(tu[i])) }
    default: break
    }
  }

  /// Sorts and caches `root` and every map reachable from its keys, innermost first.
  ///
  /// Kept true of every cached map: every map reachable from its keys is cached too. So
  /// the walk skips a cached map's keys, but not its values (comparing two such maps
  /// compares their values).
  private static func prepareOrder(_ root: MapBox, atoms: AtomTable) -> [(key: Term, value: Term)] {
    var seen: Set<ObjectIdentifier> = [ObjectIdentifier(root)]
    var stack: [CacheStep] = [.finish(root)]
    for k in root.entries.keys where k.isBox { stack.append(.visit(k)) }
    while let step = stack.popLast() {
      switch step {
      case .finish(let m):
        if m.caches?.sorted == nil { m.madeCaches.setSorted(m.sortEntries(atoms: atoms)) }
      case .visit(.map(let m)):
        guard seen.insert(ObjectIdentifier(m)).inserted else { continue }
        if m.caches?.sorted == nil {
          stack.append(.finish(m))
          for k in m.entries.keys where k.isBox { stack.append(.visit(k)) }
        }
        for v in m.entries.values where v.isBox { stack.append(.visit(v)) }
      case .visit(let t):
        pushParts(t, &stack)
      }
    }
    return root.caches?.sorted ?? root.sortEntries(atoms: atoms)
  }

  /// A hash of the entries, independent of their order (equal maps may hold them in
  /// different orders), and computed once. Hashing a map nested in this one's keys or
  /// values reads that map's cache, filled beforehand innermost first, so hashing never
  /// recurses through nested maps.
  func contentHash() -> Int {
    if let h = caches?.hash { return h }
    // Usually nothing inside needs hashing first (no maps, or maps already hashed).
    if entries.allSatisfy({ MapBox.hashReady($0.key) && MapBox.hashReady($0.value) }) {
      let h = hashEntries()
      madeCaches.hash = h
      return h
    }
    var seen: Set<ObjectIdentifier> = [ObjectIdentifier(self)]
    var stack: [CacheStep] = [.finish(self)]
    for (k, v) in entries {
      if k.isBox { stack.append(.visit(k)) }
      if v.isBox { stack.append(.visit(v)) }
    }
    while let step = stack.popLast() {
      switch step {
      case .finish(let m):
        if m.caches?.hash == nil { m.madeCaches.hash = m.hashEntries() }
      case .visit(.map(let m)):
        guard m.caches?.hash == nil, seen.insert(ObjectIdentifier(m)).inserted else { continue }
        stack.append(.finish(m))
        for (k, v) in m.entries {
          if k.isBox { stack.append(.visit(k)) }
          if v.isBox { stack.append(.visit(v)) }
        }
      case .visit(let t):
        MapBox.pushParts(t, &stack)
      }
    }
    return caches?.hash ?? 0
  }

  /// Whether hashing `t` needs no map's hash computed first.
  private static func hashReady(_ t: Term) -> Bool {
    switch t {
    case .map(let m): return m.caches?.hash != nil
    case .cons, .tuple: return false
    default: return true
    }
  }

  private func hashEntries() -> Int {
    var sum = 0
    for (k, v) in entries {
      var h = Hasher()
      h.combine(k)
      h.combine(v)
      sum &+= h.finalize()
    }
    return sum
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
        h.combine(10); h.combine(m.entries.count); h.combine(m.contentHash())
      case .fun(let f): h.combine(11); h.combine(ObjectIdentifier(f))
      }
    }
  }
}
