/// Output natives: `io:format/1,2,3`, `io:fwrite/1,2,3`, `io:put_chars/1,2`, `io:nl/0,1`,
/// `io:write/1,2`, `io_lib:format/2`, `io_lib:fwrite/2`, `io_lib:write/1,2`,
/// `lfe_io:format/2`, `lfe_io:fwrite/2`, `lfe_io:print/1`, `lfe_io:prettyprint/1`,
/// `lfe_io:format1/2`, `lfe_io:print1/1,2`, `lfe_io:prettyprint1/1,2`.
///
/// Everything is written through `NativeContext.write`; the device argument of the
/// `/3` forms may only be `standard_io` or `user`, which both mean the caller's output.
/// `io_lib` and the `...1` functions return the text as a flat list of characters (OTP
/// returns a deep list, which prints the same).
enum IONatives {
  static func natives() -> [NativeFunction] {
    ioFunctions() + ioLibFunctions() + lfeIOFunctions()
  }

  /// The natives that print: the runtime lets the others run after each of them, as a
  /// print on BEAM waits for the group leader's reply (`Runtime.letOthersRun`).
  static func prints(_ f: NativeFunction) -> Bool {
    switch f.module {
    case "io": return ["format", "fwrite", "put_chars", "nl", "write"].contains(f.name)
    case "lfe_io": return ["format", "fwrite", "print", "prettyprint"].contains(f.name)
    default: return false
    }
  }

  private static func device(_ t: Term, _ ctx: borrowing NativeContext) throws(Exception) {
    guard case .atom(let a) = t, ["standard_io", "user"].contains(ctx.atoms.name(a)) else {
      throw .badarg
    }
  }

  /// What `io:put_chars` accepts: Unicode chardata (code points, UTF-8 binaries, nested).
  private static func chardata(_ t: Term) throws(Exception) -> String {
    guard let s = try TermConversion.string(fromChardata: t) else { throw .badarg }
    return s
  }

  private static func ioFunctions() -> [NativeFunction] {
    var fs: [NativeFunction] = []
    for name in ["format", "fwrite"] {
      fs.append(
        NativeFunction("io", name, 1) { ctx, a throws(Exception) in
          try ctx.write(try Format.format(a[0], .empty, atoms: ctx.atoms))
          return .ok
        })
      fs.append(
        NativeFunction("io", name, 2) { ctx, a throws(Exception) in
          try ctx.write(try Format.format(a[0], a[1], atoms: ctx.atoms))
          return .ok
        })
      fs.append(
        NativeFunction("io", name, 3) { ctx, a throws(Exception) in
          try device(a[0], ctx)
          try ctx.write(try Format.format(a[1], a[2], atoms: ctx.atoms))
          return .ok
        })
    }
    fs += [
      NativeFunction("io", "put_chars", 1) { ctx, a throws(Exception) in
        try ctx.write(try chardata(a[0]))
        return .ok
      },
      NativeFunction("io", "put_chars", 2) { ctx, a throws(Exception) in
        try device(a[0], ctx)
        try ctx.write(try chardata(a[1]))
        return .ok
      },
      NativeFunction("io", "nl", 0) { ctx, _ throws(Exception) in
        try ctx.write("\n")
        return .ok
      },
      NativeFunction("io", "nl", 1) { ctx, a throws(Exception) in
        try device(a[0], ctx)
        try ctx.write("\n")
        return .ok
      },
      NativeFunction("io", "write", 1) { ctx, a throws(Exception) in
        try ctx.write(Printer.erlang(a[0], atoms: ctx.atoms))
        return .ok
      },
      NativeFunction("io", "write", 2) { ctx, a throws(Exception) in
        try device(a[0], ctx)
        try ctx.write(Printer.erlang(a[1], atoms: ctx.atoms))
        return .ok
      },
    ]
    return fs
  }

  private static func ioLibFunctions() -> [NativeFunction] {
    [
      NativeFunction("io_lib", "format", 2) { ctx, a throws(Exception) in
        try Format.formatList(a[0], a[1], atoms: ctx.atoms)
      },
      NativeFunction("io_lib", "fwrite", 2) { ctx, a throws(Exception) in
        try Format.formatList(a[0], a[1], atoms: ctx.atoms)
      },
      NativeFunction("io_lib", "write_atom", 1) { ctx, a throws(Exception) in
        guard case .atom = a[0] else { throw .badarg }
        return Term.string(Printer.erlang(a[0], atoms: ctx.atoms))
      },
      NativeFunction("io_lib", "write", 1) { ctx, a throws(Exception) in
        Term.string(Printer.erlang(a[0], atoms: ctx.atoms))
      },
      NativeFunction("io_lib", "write", 2) { ctx, a throws(Exception) in
        guard case .int(let depth) = a[1] else { throw .badarg }
        return Term.string(Printer.erlang(a[0], atoms: ctx.atoms, depth: depth))
      },
    ]
  }

  private static func lfeIOFunctions() -> [NativeFunction] {
    var fs: [NativeFunction] = []
    for name in ["format", "fwrite"] {
      fs.append(
        NativeFunction("lfe_io", name, 2) { ctx, a throws(Exception) in
          try ctx.write(try Format.lfeFormat(a[0], a[1], atoms: ctx.atoms))
          return .ok
        })
      fs.append(
        NativeFunction("lfe_io", name + "1", 2) { ctx, a throws(Exception) in
          try Format.lfeFormatList(a[0], a[1], atoms: ctx.atoms)
        })
    }
    fs += [
      NativeFunction("lfe_io", "print", 1) { ctx, a throws(Exception) in
        try ctx.write(Printer.lfe(a[0], atoms: ctx.atoms))
        return .ok
      },
      NativeFunction("lfe_io", "prettyprint", 1) { ctx, a throws(Exception) in
        try ctx.write(Printer.lfePretty(a[0], atoms: ctx.atoms))
        return .ok
      },
      NativeFunction("lfe_io", "print1", 1) { ctx, a throws(Exception) in
        Term.string(Printer.lfe(a[0], atoms: ctx.atoms))
      },
      NativeFunction("lfe_io", "print1", 2) { ctx, a throws(Exception) in
        guard case .int(let depth) = a[1] else { throw .badarg }
        return Term.string(Printer.lfe(a[0], atoms: ctx.atoms, depth: depth))
      },
      NativeFunction("lfe_io", "prettyprint1", 1) { ctx, a throws(Exception) in
        Term.string(Printer.lfePretty(a[0], atoms: ctx.atoms))
      },
      NativeFunction("lfe_io", "prettyprint1", 2) { ctx, a throws(Exception) in
        guard case .int(let depth) = a[1] else { throw .badarg }
        return Term.string(Printer.lfePretty(a[0], atoms: ctx.atoms, depth: depth))
      },
    ]
    return fs
  }
}
