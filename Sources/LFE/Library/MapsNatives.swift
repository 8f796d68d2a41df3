/// The `maps` functions that take no fun. A non-map argument is `{badmap, M}` and a
/// missing key `{badkey, K}`, as in Erlang; keys come out in term order, which is the
/// order Erlang lists a small map in.
enum MapsNatives {
  static func natives() -> [NativeFunction] {
    [
      fn("new", 0) { _, _ in .map(MapBox([:])) },
      fn("size", 1) { ctx, a throws(Exception) in .int(try map(a[0], ctx.atoms).count) },
      fn("is_key", 2) { ctx, a throws(Exception) in .bool(try map(a[1], ctx.atoms)[a[0]] != nil) },
      fn("get", 2) { ctx, a throws(Exception) in
        guard let v = try map(a[1], ctx.atoms)[a[0]] else { throw .error(ctx.atom("badkey"), a[0]) }
        return v
      },
      fn("get", 3) { ctx, a throws(Exception) in try map(a[1], ctx.atoms)[a[0]] ?? a[2] },
      fn("find", 2) { ctx, a throws(Exception) in
        guard let v = try map(a[1], ctx.atoms)[a[0]] else { return .atom(.error) }
        return .tuple([.ok, v])
      },
      fn("put", 3) { ctx, a throws(Exception) in
        var m = try map(a[2], ctx.atoms)
        m[a[0]] = a[1]
        return .map(MapBox(m))
      },
      fn("update", 3) { ctx, a throws(Exception) in
        var m = try map(a[2], ctx.atoms)
        guard m[a[0]] != nil else { throw .error(ctx.atom("badkey"), a[0]) }
        m[a[0]] = a[1]
        return .map(MapBox(m))
      },
      fn("remove", 2) { ctx, a throws(Exception) in
        var m = try map(a[1], ctx.atoms)
        guard m.removeValue(forKey: a[0]) != nil else { return a[1] }
        return .map(MapBox(m))
      },
      fn("take", 2) { ctx, a throws(Exception) in
        var m = try map(a[1], ctx.atoms)
        guard let v = m.removeValue(forKey: a[0]) else { return .atom(.error) }
        return .tuple([v, .map(MapBox(m))])
      },
      fn("keys", 1) { ctx, a throws(Exception) in .list(try sortedKeys(a[0], ctx.atoms)) },
      fn("values", 1) { ctx, a throws(Exception) in
        let m = try map(a[0], ctx.atoms)
        return .list(try sortedKeys(a[0], ctx.atoms).map { m[$0]! })
      },
      fn("to_list", 1) { ctx, a throws(Exception) in
        let m = try map(a[0], ctx.atoms)
        return .list(try sortedKeys(a[0], ctx.atoms).map { Term.tuple([$0, m[$0]!]) })
      },
      fn("from_list", 1) { _, a throws(Exception) in
        var m: [Term: Term] = [:]
        for e in try TermConversion.listArg(a[0]) {
          guard case .tuple(let t) = e, t.count == 2 else { throw .badarg }
          m[t[0]] = t[1]
        }
        return .map(MapBox(m))
      },
      fn("from_keys", 2) { _, a throws(Exception) in
        var m: [Term: Term] = [:]
        for k in try TermConversion.listArg(a[0]) { m[k] = a[1] }
        return .map(MapBox(m))
      },
      fn("merge", 2) { ctx, a throws(Exception) in
        let (x, y) = (try map(a[0], ctx.atoms), try map(a[1], ctx.atoms))
        return .map(MapBox(x.merging(y) { _, new in new }))
      },
      fn("without", 2) { ctx, a throws(Exception) in
        var m = try map(a[1], ctx.atoms)
        for k in try TermConversion.listArg(a[0]) { m.removeValue(forKey: k) }
        return .map(MapBox(m))
      },
      fn("with", 2) { ctx, a throws(Exception) in
        let m = try map(a[1], ctx.atoms)
        var out: [Term: Term] = [:]
        for k in try TermConversion.listArg(a[0]) { out[k] = m[k] }
        return .map(MapBox(out))
      },
    ]
  }

  private static func fn(_ name: String, _ arity: Int, _ body: @escaping NativeBody) -> NativeFunction {
    NativeFunction("maps", name, arity, body)
  }

  /// The entries of a map argument, or `{badmap, M}`.
  static func map(_ t: Term, _ atoms: AtomTable) throws(Exception) -> [Term: Term] {
    guard case .map(let m) = t else { throw .error(atoms.intern("badmap"), t) }
    return m.entries
  }

  private static func sortedKeys(_ t: Term, _ atoms: AtomTable) throws(Exception) -> [Term] {
    guard case .map(let m) = t else { throw .error(atoms.intern("badmap"), t) }
    return m.sortedKeys(atoms: atoms)
  }
}
