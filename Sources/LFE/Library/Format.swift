import BigInt

/// The `io_lib:format` engine (and its LFE twin, `lfe_io:format`).
///
/// - `Format.format(_:_:atoms:)`: Erlang's `io_lib:format/2`, as behind `io:format`:
///   `~p ~P ~w ~W` print Erlang syntax, `~s ~c ~b ~B ~x ~X ~+ ~# ~e ~f ~g ~n ~~ ~i`, with
///   field width, precision, pad character (`~F.P.Pc`, `*` from the arguments), left
///   adjustment (`~-F`) and the `t` (Unicode) and `l` (no strings) modifiers.
/// - `Format.lfeFormat(_:_:atoms:)`: `lfe_io:format/2`: the same directives, but `~p` and
///   `~w` print LFE syntax, there are no modifiers, and `~+`/`~#` use LFE's `#x` prefixes.
///
/// Any mismatch (an unknown directive such as `~a`, an argument of the wrong type, too
/// few or too many arguments) throws `Exception.badarg`, as Erlang does.
public enum Format {
  public static func format(_ format: Term, _ args: Term, atoms: AtomTable) throws(Exception) -> String {
    var engine = try FormatEngine(format, args, atoms: atoms, dialect: .erlang)
    return try engine.run()
  }

  public static func lfeFormat(_ format: Term, _ args: Term, atoms: AtomTable) throws(Exception) -> String {
    var engine = try FormatEngine(format, args, atoms: atoms, dialect: .lfe)
    return try engine.run()
  }

  /// `io_lib:format/2`'s value: a deep list whose shape shows through when it is printed
  /// unflattened. Literal characters and the directives OTP calls "small" (`~c ~n ~~ ~e
  /// ~f ~g ~b ~x ~+ ~# ~i`, `~s` of an atom) are characters in the list; every other
  /// directive's text is one element, padded as `[pad | text]` or `[text | pad]`.
  public static func formatList(_ format: Term, _ args: Term, atoms: AtomTable) throws(Exception) -> Term {
    var engine = try FormatEngine(format, args, atoms: atoms, dialect: .erlang)
    engine.collecting = true
    _ = try engine.run()
    return .list(engine.pieces)
  }

  /// `lfe_io:format1/2`'s value: literal characters in the list, each directive's text
  /// one element (`[pad, text]` when padded).
  public static func lfeFormatList(_ format: Term, _ args: Term, atoms: AtomTable) throws(Exception) -> Term {
    var engine = try FormatEngine(format, args, atoms: atoms, dialect: .lfe)
    engine.collecting = true
    _ = try engine.run()
    return .list(engine.pieces)
  }
}

private struct FormatEngine {
  enum Dialect { case erlang, lfe }

  let atoms: AtomTable
  let dialect: Dialect
  let chars: [UInt32]
  var pos = 0
  var args: ArraySlice<Term>
  var out = ""
  /// The column the output has reached, counting tabs to multiples of 8, for `~p`.
  var column = 0
  /// Whether `pieces` is built: the deep list `io_lib:format` returns.
  var collecting = false
  var pieces: [Term] = []
  /// The shape a directive chose for its element of `pieces`, when not its plain text.
  private var shaped: Term? = nil

  init(_ format: Term, _ args: Term, atoms: AtomTable, dialect: Dialect) throws(Exception) {
    self.atoms = atoms
    self.dialect = dialect
    switch format {
    case .binary(let b): chars = b.bytes.map(UInt32.init)
    case .atom(let a) where dialect == .erlang: chars = atoms.name(a).unicodeScalars.map(\.value)
    case .empty, .cons:
      guard let elements = format.listElements else { throw .badarg }
      var cs: [UInt32] = []
      for e in elements {
        guard case .int(let i) = e, i >= 0, i <= 0x10FFFF else { throw .badarg }
        cs.append(UInt32(i))
      }
      chars = cs
    default: throw .badarg
    }
    guard let list = args.listElements else { throw .badarg }
    self.args = list[...]
  }

  /// One directive: `~F.P.PadModsC`.
  struct Spec {
    var width: Int?
    var left = false
    var precision: Int?
    var pad: UInt32 = 0x20
    var unicode = false
    var strings = true
  }

  mutating func run() throws(Exception) -> String {
    while pos < chars.count {
      let c = chars[pos]
      pos += 1
      if c == 0x7E {
        try directive()
      } else {
        emitChar(c)
        if collecting { pieces.append(.int(Int(c))) }
      }
    }
    guard args.isEmpty else { throw .badarg }
    return out
  }

  private mutating func emitChar(_ c: UInt32) {
    out.unicodeScalars.append(Unicode.Scalar(c) ?? "\u{FFFD}")
    advanceColumn(c)
  }

  private mutating func emit(_ s: String) {
    out += s
    for u in s.unicodeScalars { advanceColumn(u.value) }
  }

  private mutating func advanceColumn(_ c: UInt32) {
    switch c {
    case 0x0A: column = 0
    case 0x09: column = (column + 8) / 8 * 8
    default: column += 1
    }
  }

  private mutating func nextArg() throws(Exception) -> Term {
    guard let a = args.first else { throw .badarg }
    args = args.dropFirst()
    return a
  }

  private var peek: UInt32? { pos < chars.count ? chars[pos] : nil }

  /// Widths and precisions past this are refused: the text would not fit in memory.
  static let maxField = 1 << 24

  /// A number from digits or `*` (an integer argument), or nil when neither is there.
  private mutating func fieldValue() throws(Exception) -> Int? {
    if peek == 0x2A {
      pos += 1
      guard case .int(let i) = try nextArg(), i.magnitude <= UInt(FormatEngine.maxField) else {
        throw .badarg
      }
      return i
    }
    var value: Int?
    while let c = peek, (0x30...0x39).contains(c) {
      value = (value ?? 0) * 10 + Int(c - 0x30)
      if value! > FormatEngine.maxField { throw .badarg }
      pos += 1
    }
    return value
  }

  private mutating func directive() throws(Exception) {
    var spec = Spec()
    if peek == 0x2D {
      pos += 1
      guard let w = try fieldValue() else { throw .badarg }
      spec.width = -w
    } else {
      spec.width = try fieldValue()
    }
    if let w = spec.width, w < 0 {
      spec.width = -w
      spec.left = true
    }
    if peek == 0x2E {
      pos += 1
      spec.precision = try fieldValue()
      // A negative precision (from `*`) is badarg, as in Erlang.
      if let p = spec.precision, p < 0 { throw .badarg }
      if peek == 0x2E {
        pos += 1
        if peek == 0x2A {
          pos += 1
          guard case .int(let p) = try nextArg(), p >= 0, p <= 0x10FFFF else { throw .badarg }
          spec.pad = UInt32(p)
        } else if let p = peek {
          spec.pad = p
          pos += 1
        }
      }
    }
    if dialect == .erlang {
      while let c = peek, c == 0x74 || c == 0x6C {
        if c == 0x74 { spec.unicode = true } else { spec.strings = false }
        pos += 1
      }
    }
    guard let control = peek, let scalar = Unicode.Scalar(control) else { throw .badarg }
    pos += 1
    guard collecting else { return try self.control(Character(scalar), spec) }
    let start = out.unicodeScalars.endIndex
    let isAtomArg: Bool
    if case .atom? = args.first { isAtomArg = true } else { isAtomArg = false }
    shaped = nil
    try self.control(Character(scalar), spec)
    let produced = Array(out.unicodeScalars[start...]).map { Term.int(Int($0.value)) }
    let small: Bool
    switch Character(scalar) {
    case "w", "W", "p", "P": small = false
    case "s": small = isAtomArg
    default: small = true
    }
    if dialect == .erlang && small {
      pieces += produced
    } else {
      pieces.append(shaped ?? .list(produced))
    }
  }

  /// OTP's `chars(C, N)`: N copies of C as the nested list io_lib builds them.
  private func padChars(_ c: UInt32, _ n: Int) -> Term {
    let ch = Term.int(Int(c))
    switch n {
    case ...0: return .empty
    case 1: return .list([ch])
    case 2: return .list([ch, ch])
    case 3: return .list([ch, ch, ch])
    default:
      let half = padChars(c, n >> 1)
      let pair = Term.cons(Cons(half, half))
      return n & 1 == 0 ? pair : .cons(Cons(ch, pair))
    }
  }

  /// Records the element for text `data` padded to `width` as the dialect shapes it.
  private mutating func shape(_ data: Term, padding n: Int, _ spec: Spec) {
    guard collecting, n > 0 else { return }
    let pad = padChars(spec.pad, n)
    if dialect == .lfe {
      shaped = .list(spec.left ? [data, pad] : [pad, data])
    } else {
      shaped = spec.left ? .cons(Cons(data, pad)) : .cons(Cons(pad, data))
    }
  }

  // MARK: Directives

  private mutating func control(_ c: Character, _ spec: Spec) throws(Exception) {
    switch c {
    case "w", "W":
      let term = try nextArg()
      let depth = c == "W" ? try depthArg() : -1
      let text: String
      if dialect == .erlang {
        text = PrintBudget.bounded {
          var w = ErlangWriter(atoms: atoms, latin1Atoms: !spec.unicode)
          w.write(term, depth: depth)
          return w.out
        }
      } else {
        text = Printer.lfe(term, atoms: atoms, depth: depth)
      }
      let field = try fieldTerm(text, spec)
      if collecting, let w = spec.width, spec.precision == nil {
        let n = text.unicodeScalars.count
        if n > w { shaped = padChars(0x2A, w) } else { shape(.string(text), padding: w - n, spec) }
      }
      emit(field)
    case "p", "P":
      let term = try nextArg()
      let depth = c == "P" ? try depthArg() : -1
      guard !spec.left else { throw .badarg }
      let width = spec.width ?? 80
      if dialect == .erlang {
        let col = spec.precision ?? column + 1
        emit(
          Printer.erlangPretty(
            term, atoms: atoms, column: col, lineLength: width, depth: depth, strings: spec.strings))
      } else {
        let indent = spec.precision ?? column
        emit(Printer.lfePretty(term, atoms: atoms, depth: depth, indent: indent, lineLength: width))
      }
    case "s":
      let arg = try nextArg()
      let chars = try stringArg(arg, spec)
      if collecting && spec.width == nil && spec.precision == nil && dialect == .erlang && arg.isList {
        // Erlang returns the argument itself, deep as it came.
        shaped = arg
      } else if collecting, let w = spec.width, spec.precision == nil, chars.count < w {
        shape(.list(chars.map { .int(Int($0)) }), padding: w - chars.count, spec)
      }
      emit(try dialect == .erlang ? erlangString(chars, spec) : lfeString(chars, spec))
    case "e", "f", "g":
      guard case .float(let x) = try nextArg() else { throw .badarg }
      let p = spec.precision ?? 6
      let text: String
      switch c {
      case "e":
        guard p >= 2 else { throw .badarg }
        text = FloatFormatter.scientific(x, precision: p)
      case "f":
        guard p >= 1 else { throw .badarg }
        text = FloatFormatter.fixed(x, decimals: p)
      default:
        guard p >= 1 else { throw .badarg }
        text = FloatFormatter.general(x, precision: p)
      }
      guard let w = spec.width else {
        emit(text)
        return
      }
      var fieldSpec = spec
      fieldSpec.precision = w
      emit(try fieldTerm(text, fieldSpec))
    case "b", "B":
      let digits = try integerText(try nextArg(), spec, lowercase: c == "b", prefix: "")
      var s = spec
      s.precision = nil
      emit(try fieldTerm(digits, s))
    case "x", "X":
      let n = try nextArg()
      let prefix = try prefixArg(try nextArg())
      var s = spec
      s.precision = nil
      emit(try fieldTerm(try integerText(n, spec, lowercase: c == "x", prefix: prefix), s))
    case "+", "#":
      let base = spec.precision ?? 10
      let lower = c == "+"
      let prefix: String
      if dialect == .erlang {
        prefix = "\(base)#"
      } else {
        switch base {
        case 2: prefix = lower ? "#b" : "#B"
        case 8: prefix = lower ? "#o" : "#O"
        case 10: prefix = lower ? "#d" : "#D"
        case 16: prefix = lower ? "#x" : "#X"
        default: prefix = "#\(base)" + (lower ? "r" : "R")
        }
      }
      var s = spec
      s.precision = nil
      emit(try fieldTerm(try integerText(try nextArg(), spec, lowercase: lower, prefix: prefix), s))
    case "c":
      guard case .int(let i) = try nextArg() else { throw .badarg }
      let code = dialect == .erlang && !spec.unicode ? UInt32(i & 255) : UInt32(truncatingIfNeeded: i)
      emit(try repeated(code, spec))
    case "~":
      emit(try repeated(0x7E, spec))
    case "n":
      emit(String(repeating: "\n", count: spec.width ?? 1))
    case "i":
      _ = try nextArg()
    default:
      throw .badarg
    }
  }

  private mutating func depthArg() throws(Exception) -> Int {
    guard case .int(let d) = try nextArg() else { throw .badarg }
    return d
  }

  /// `~s`'s argument as characters: an atom's name, else (Erlang) an iolist of Latin-1
  /// characters and binaries, or with `t` / in LFE, Unicode chardata.
  private func stringArg(_ t: Term, _ spec: Spec) throws(Exception) -> [UInt32] {
    if case .atom(let a) = t { return atoms.name(a).unicodeScalars.map(\.value) }
    if dialect == .erlang && !spec.unicode {
      guard let bytes = try TermConversion.iodataBytes(t) else { throw .badarg }
      return bytes.map(UInt32.init)
    }
    if let cps = try TermConversion.chardata(t) { return cps }
    if dialect == .erlang, let bytes = try TermConversion.iodataBytes(t) { return bytes.map(UInt32.init) }
    throw .badarg
  }

  private func integerText(
    _ t: Term, _ spec: Spec, lowercase: Bool, prefix: String
  ) throws(Exception)
    -> String
  {
    guard let v = t.bigValue else { throw .badarg }
    let base = spec.precision ?? 10
    guard (2...36).contains(base) else { throw .badarg }
    var digits = IntegerText.string(v.magnitude, radix: base)
    if lowercase { digits = digits.lowercased() }
    return (v.sign == .minus ? "-" : "") + prefix + digits
  }

  private func prefixArg(_ t: Term) throws(Exception) -> String {
    if case .atom(let a) = t { return atoms.name(a) }
    guard let cps = try TermConversion.chardata(t), t.isList else { throw .badarg }
    return TermConversion.string(fromCodePoints: cps)
  }

  private func text(_ cs: some Sequence<UInt32>) -> String {
    var s = String.UnicodeScalarView()
    for c in cs { s.append(Unicode.Scalar(c) ?? "\u{FFFD}") }
    return String(s)
  }

  private func padding(_ spec: Spec, _ n: Int) -> String {
    String(repeating: text([spec.pad]), count: max(n, 0))
  }

  private func adjust(_ data: String, _ pad: String, _ spec: Spec) -> String {
    spec.left ? data + pad : pad + data
  }

  /// A printed term in its field: Erlang fills a field too narrow for it with `*`;
  /// LFE does the same for a width, but cuts to a precision.
  private func fieldTerm(_ s: String, _ spec: Spec) throws(Exception) -> String {
    let len = s.unicodeScalars.count
    if dialect == .lfe {
      guard spec.width != nil || spec.precision != nil else { return s }
      var t = s
      var n = len
      if let p = spec.precision, p < len {
        t = String(String.UnicodeScalarView(s.unicodeScalars.prefix(p)))
        n = p
      }
      guard let w = spec.width else { return t }
      if w < n { return String(repeating: "*", count: w) }
      if w == n { return t }
      return adjust(t, padding(spec, w - n), spec)
    }
    guard let f = spec.width ?? spec.precision else { return s }
    let p = min(len, spec.precision.map { min($0, f) } ?? f)
    if len > p { return adjust(String(repeating: "*", count: p), padding(spec, f - p), spec) }
    return adjust(s, padding(spec, f - len), spec)
  }

  private func erlangString(_ cs: [UInt32], _ spec: Spec) throws(Exception) -> String {
    let n = cs.count
    func field(_ f: Int) -> String {
      if n > f { return text(cs.prefix(f)) }
      if n < f { return adjust(text(cs), padding(spec, f - n), spec) }
      return text(cs)
    }
    switch (spec.width, spec.precision) {
    case (nil, nil): return text(cs)
    case (let f?, nil): return field(f)
    case (nil, let p?):
      var s = spec
      s.left = true
      if n > p { return text(cs.prefix(p)) }
      if n < p { return adjust(text(cs), padding(s, p - n), s) }
      return text(cs)
    case (let f?, let p?):
      guard f >= p else { throw .badarg }
      if f == p { return field(f) }
      let body: String
      if n > p {
        body = text(cs.prefix(p))
      } else if n < p {
        body = text(cs) + padding(spec, p - n)
      } else {
        body = text(cs)
      }
      return adjust(body, padding(spec, f - p), spec)
    }
  }

  private func lfeString(_ cs: [UInt32], _ spec: Spec) throws(Exception) -> String {
    guard spec.width != nil || spec.precision != nil else { return text(cs) }
    var body = cs[...]
    if let p = spec.precision, p < cs.count { body = cs.prefix(p) }
    guard let w = spec.width else { return text(body) }
    if w < body.count { return text(body.prefix(w)) }
    if w == body.count { return text(body) }
    return adjust(text(body), padding(spec, w - body.count), spec)
  }

  /// `~c` and `~~`: the character `precision` times (or `width` times), in its field.
  private func repeated(_ c: UInt32, _ spec: Spec) throws(Exception) -> String {
    let ch = text([c])
    switch (spec.width, spec.precision) {
    case (nil, nil): return ch
    case (let f?, nil): return String(repeating: ch, count: f)
    case (nil, let p?): return String(repeating: ch, count: p)
    case (let f?, let p?):
      guard f >= p else { throw .badarg }
      return adjust(String(repeating: ch, count: p), padding(spec, f - p), spec)
    }
  }
}
