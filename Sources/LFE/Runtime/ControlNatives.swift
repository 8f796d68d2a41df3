import BigInt

/// `error`, `exit` and `throw`, and the helpers the compiler and shell call.
enum ControlNatives {
  /// Marks an exception raised on purpose, so the shell prints no `in (...)` line for it.
  private static func raised(_ kind: Exception.Kind, _ reason: Term) -> Exception {
    var e = Exception(kind, reason)
    e.deliberate = true
    return e
  }

  static func natives() -> [NativeFunction] {
    [
      NativeFunction("erlang", "error", 1) { ctx, a throws(Exception) in
        throw raised(.error, a[0])
      },
      NativeFunction("erlang", "error", 2) { ctx, a throws(Exception) in
        throw raised(.error, a[0])
      },
      NativeFunction("erlang", "exit", 1) { ctx, a throws(Exception) in
        throw raised(.exit, a[0])
      },
      NativeFunction("erlang", "throw", 1) { ctx, a throws(Exception) in
        throw raised(.throw, a[0])
      },
      NativeFunction("erlang", "raise", 3) { ctx, a throws(Exception) in
        let kind: Exception.Kind
        switch a[0] {
        case .atom(.error): kind = .error
        case .atom(.exit): kind = .exit
        case .atom(.throw): kind = .throw
        default: throw Exception.badarg
        }
        var e = Exception(kind, a[1])
        e.rethrown = true
        throw e
      },
      NativeFunction("erlang", "fun_info", 2) { ctx, a throws(Exception) in
        guard case .fun(let f) = a[0], case .atom(let item) = a[1] else { throw Exception.badarg }
        let value: Term
        switch (ctx.atoms.name(item), f.target) {
        case ("arity", _): value = .int(f.arity)
        case ("module", .local(let code, _)): value = .atom(code.module)
        case ("module", .external(let m, _, _)): value = .atom(m)
        case ("name", .local(let code, _)): value = .atom(code.name)
        case ("name", .external(_, let n, _)): value = .atom(n)
        case ("type", .local): value = .atom(ctx.atom("local"))
        case ("type", .external): value = .atom(ctx.atom("external"))
        case ("env", .local(_, let captured)): value = .list(captured)
        case ("env", .external): value = .empty
        default: value = .atom(.undefined)
        }
        return .tuple([a[1], value])
      },
      NativeFunction("c", "pid", 3) { ctx, a throws(Exception) in
        guard case .int(let n) = a[1], n >= 0, n <= Int(UInt32.max) else { throw Exception.badarg }
        return .pid(Pid(serial: UInt32(n)))
      },
      NativeFunction("lfe_tutor_native", "build_binary", 1) { ctx, a throws(Exception) in
        try buildBinary(a[0], atoms: ctx.atoms)
      },
    ]
  }

  /// Builds a binary from `[{Value, Spec}]` segments: integers (8 bits unless
  /// `(size N)` says otherwise, N a multiple of 8), strings, binaries, floats.
  static func buildBinary(_ segments: Term, atoms: AtomTable) throws(Exception) -> Term {
    guard let segs = segments.listElements else { throw Exception.badarg }
    var bytes: [UInt8] = []
    for seg in segs {
      guard case .tuple(let t) = seg, t.count == 2, let spec = t[1].listElements else {
        throw Exception.badarg
      }
      var size: Int? = nil
      var type = "integer"
      for s in spec {
        if case .atom(let a) = s { type = atoms.name(a) }
        if case .tuple(let st) = s, st.count == 2, case .int(let n) = st[1] { size = n }
      }
      let v = t[0]
      switch (v, type) {
      case (.binary(let b), _):
        bytes += b.bytes
      case (.int, "integer"), (.big, "integer"):
        let bits = size ?? 8
        guard bits % 8 == 0, bits > 0 else { throw Exception.badarg }
        var x = v.bigValue!
        var chunk: [UInt8] = []
        for _ in 0..<(bits / 8) {
          let byte = x & 0xFF
          chunk.append(UInt8(byte))
          x >>= 8
        }
        bytes += chunk.reversed()
      case (.float, _),
        (_, "float") where v.isNumber:
        let f = (try? Arith.operandDouble(v)) ?? 0
        bytes += withUnsafeBytes(of: f.bitPattern.bigEndian) { Array($0) }
      case (.cons, _), (.empty, _):
        guard let chars = v.listElements else { throw Exception.badarg }
        for c in chars {
          guard case .int(let i) = c, i >= 0, i < 256 else { throw Exception.badarg }
          bytes.append(UInt8(i))
        }
      default:
        throw Exception.badarg
      }
    }
    return .binary(Binary(bytes))
  }
}
