import BigInt

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// The plain BIFs of the `erlang` module (and a few of `os` and `lfe`): arithmetic and
/// comparison as functions, type tests, term conversion, clocks.
enum ErlangNatives {
  static func natives() -> [NativeFunction] {
    arithmetic() + comparison() + typeTests() + tuplesAndLists() + atomsAndText() + numbersAndText()
      + binaries() + mapsAndHashing() + clocks() + lfe()
  }

  private static func erl(_ name: String, _ arity: Int, _ body: @escaping NativeBody) -> NativeFunction {
    NativeFunction("erlang", name, arity, body)
  }

  // MARK: Arithmetic and logic

  /// A two-argument arithmetic native whose bignum work counts reductions: `cost` of
  /// its operands is charged, then `op` runs.
  private static func charged(
    _ name: String, _ cost: @escaping (Term, Term) -> Int,
    _ op: @escaping (Term, Term) throws(Exception) -> Term
  ) -> NativeFunction {
    erl(name, 2) { c, a throws(Exception) in
      c.charge(cost(a[0], a[1]))
      return try op(a[0], a[1])
    }
  }

  private static func arithmetic() -> [NativeFunction] {
    [
      charged("+", BigWork.linear, Arith.add),
      charged("-", BigWork.linear, Arith.sub),
      charged("*", BigWork.product, Arith.mul),
      erl("/", 2) { _, a throws(Exception) in try Arith.fdiv(a[0], a[1]) },
      erl("+", 1) { _, a throws(Exception) in try Arith.plus(a[0]) },
      erl("-", 1) { _, a throws(Exception) in try Arith.neg(a[0]) },
      charged("div", BigWork.division, Arith.div),
      charged("rem", BigWork.division, Arith.rem),
      charged("band", BigWork.linear, Arith.band),
      charged("bor", BigWork.linear, Arith.bor),
      charged("bxor", BigWork.linear, Arith.bxor),
      erl("bsl", 2) { c, a throws(Exception) in
        let r = try Arith.bsl(a[0], a[1])
        c.charge(BigWork.linear(r))
        return r
      },
      erl("bsr", 2) { c, a throws(Exception) in
        c.charge(BigWork.linear(a[0]))
        return try Arith.bsr(a[0], a[1])
      },
      erl("bnot", 1) { c, a throws(Exception) in
        c.charge(BigWork.linear(a[0]))
        return try Arith.bnot(a[0])
      },
      erl("abs", 1) { _, a throws(Exception) in try Arith.abs(a[0]) },
      erl("float", 1) { _, a throws(Exception) in try Arith.float(a[0]) },
      erl("round", 1) { _, a throws(Exception) in try Arith.round(a[0]) },
      erl("trunc", 1) { _, a throws(Exception) in try Arith.trunc(a[0]) },
      erl("floor", 1) { _, a throws(Exception) in try Arith.floor(a[0]) },
      erl("ceil", 1) { _, a throws(Exception) in try Arith.ceil(a[0]) },
      erl("min", 2) { ctx, a in Arith.min(a[0], a[1], atoms: ctx.atoms) },
      erl("max", 2) { ctx, a in Arith.max(a[0], a[1], atoms: ctx.atoms) },
      erl("not", 1) { _, a throws(Exception) in .bool(!(try boolean(a[0]))) },
      erl("and", 2) { _, a throws(Exception) in
        let (x, y) = (try boolean(a[0]), try boolean(a[1]))
        return .bool(x && y)
      },
      erl("or", 2) { _, a throws(Exception) in
        let (x, y) = (try boolean(a[0]), try boolean(a[1]))
        return .bool(x || y)
      },
      erl("xor", 2) { _, a throws(Exception) in
        let (x, y) = (try boolean(a[0]), try boolean(a[1]))
        return .bool(x != y)
      },
    ]
  }

  static func boolean(_ t: Term) throws(Exception) -> Bool {
    switch t {
    case .atom(.true): return true
    case .atom(.false): return false
    default: throw .badarg
    }
  }

  private static func comparison() -> [NativeFunction] {
    [
      erl("==", 2) { ctx, a in .bool(Arith.equal(a[0], a[1], atoms: ctx.atoms)) },
      erl("/=", 2) { ctx, a in .bool(!Arith.equal(a[0], a[1], atoms: ctx.atoms)) },
      erl("=:=", 2) { _, a in .bool(Term.exactlyEqual(a[0], a[1])) },
      erl("=/=", 2) { _, a in .bool(!Term.exactlyEqual(a[0], a[1])) },
      erl("<", 2) { ctx, a in .bool(Arith.less(a[0], a[1], atoms: ctx.atoms)) },
      erl(">", 2) { ctx, a in .bool(Arith.less(a[1], a[0], atoms: ctx.atoms)) },
      erl("=<", 2) { ctx, a in .bool(Arith.lessOrEqual(a[0], a[1], atoms: ctx.atoms)) },
      erl(">=", 2) { ctx, a in .bool(Arith.lessOrEqual(a[1], a[0], atoms: ctx.atoms)) },
    ]
  }

  // MARK: Type tests

  private static func typeTest(_ name: String, _ test: @escaping (Term) -> Bool) -> NativeFunction {
    erl(name, 1) { _, a in .bool(test(a[0])) }
  }

  private static func typeTests() -> [NativeFunction] {
    [
      typeTest("is_atom") { if case .atom = $0 { true } else { false } },
      typeTest("is_integer") { $0.isInteger },
      typeTest("is_float") { if case .float = $0 { true } else { false } },
      typeTest("is_number") { $0.isNumber },
      typeTest("is_list") { $0.isList },
      typeTest("is_tuple") { if case .tuple = $0 { true } else { false } },
      typeTest("is_binary") { if case .binary = $0 { true } else { false } },
      typeTest("is_bitstring") { if case .binary = $0 { true } else { false } },
      typeTest("is_map") { if case .map = $0 { true } else { false } },
      typeTest("is_pid") { if case .pid = $0 { true } else { false } },
      typeTest("is_port") { _ in false },
      typeTest("is_reference") { if case .ref = $0 { true } else { false } },
      typeTest("is_function") { if case .fun = $0 { true } else { false } },
      typeTest("is_boolean") {
        switch $0 {
        case .atom(.true), .atom(.false): true
        default: false
        }
      },
      erl("is_function", 2) { _, a throws(Exception) in
        guard let n = a[1].bigValue, n >= 0 else { throw .badarg }
        guard case .fun(let f) = a[0] else { return .false }
        return .bool(BigInt(f.arity) == n)
      },
      erl("is_record", 2) { _, a throws(Exception) in
        guard case .atom = a[1] else { throw .badarg }
        guard case .tuple(let t) = a[0], t.count > 0 else { return .false }
        return .bool(Term.exactlyEqual(t[0], a[1]))
      },
      erl("is_record", 3) { _, a throws(Exception) in
        guard case .atom = a[1], case .int(let size) = a[2] else { throw .badarg }
        guard case .tuple(let t) = a[0], t.count > 0 else { return .false }
        return .bool(t.count == size && Term.exactlyEqual(t[0], a[1]))
      },
    ]
  }

  // MARK: Tuples and lists

  private static func tuplesAndLists() -> [NativeFunction] {
    [
      erl("element", 2) { _, a throws(Exception) in
        guard case .int(let n) = a[0], case .tuple(let t) = a[1], n >= 1, n <= t.count else {
          throw .badarg
        }
        return t[n - 1]
      },
      erl("setelement", 3) { _, a throws(Exception) in
        guard case .int(let n) = a[0], case .tuple(let t) = a[1], n >= 1, n <= t.count else {
          throw .badarg
        }
        var es = t.elements
        es[n - 1] = a[2]
        return .tuple(es)
      },
      erl("tuple_size", 1) { _, a throws(Exception) in
        guard case .tuple(let t) = a[0] else { throw .badarg }
        return .int(t.count)
      },
      erl("size", 1) { _, a throws(Exception) in
        switch a[0] {
        case .tuple(let t): return .int(t.count)
        case .binary(let b): return .int(b.bytes.count)
        default: throw .badarg
        }
      },
      erl("tuple_to_list", 1) { _, a throws(Exception) in
        guard case .tuple(let t) = a[0] else { throw .badarg }
        return .list(t.elements)
      },
      erl("list_to_tuple", 1) { _, a throws(Exception) in .tuple(try TermConversion.listArg(a[0])) },
      erl("make_tuple", 2) { _, a throws(Exception) in
        guard case .int(let n) = a[0], n >= 0 else { throw .badarg }
        return .tuple([Term](repeating: a[1], count: try NativeLibrary.checkedSize(n)))
      },
      erl("make_tuple", 3) { _, a throws(Exception) in
        guard case .int(let n) = a[0], n >= 0 else { throw .badarg }
        var es = [Term](repeating: a[1], count: try NativeLibrary.checkedSize(n))
        for spec in try TermConversion.listArg(a[2]) {
          guard case .tuple(let p) = spec, p.count == 2, case .int(let i) = p[0], i >= 1, i <= n else {
            throw .badarg
          }
          es[i - 1] = p[1]
        }
        return .tuple(es)
      },
      erl("append_element", 2) { _, a throws(Exception) in
        guard case .tuple(let t) = a[0] else { throw .badarg }
        return .tuple(t.elements + [a[1]])
      },
      erl("insert_element", 3) { _, a throws(Exception) in
        guard case .int(let n) = a[0], case .tuple(let t) = a[1], n >= 1, n <= t.count + 1 else {
          throw .badarg
        }
        var es = t.elements
        es.insert(a[2], at: n - 1)
        return .tuple(es)
      },
      erl("delete_element", 2) { _, a throws(Exception) in
        guard case .int(let n) = a[0], case .tuple(let t) = a[1], n >= 1, n <= t.count else {
          throw .badarg
        }
        var es = t.elements
        es.remove(at: n - 1)
        return .tuple(es)
      },
      erl("length", 1) { _, a throws(Exception) in
        var n = 0
        var cur = a[0]
        while case .cons(let c) = cur {
          n += 1
          cur = c.tail
        }
        guard case .empty = cur else { throw .badarg }
        return .int(n)
      },
      erl("hd", 1) { _, a throws(Exception) in
        guard case .cons(let c) = a[0] else { throw .badarg }
        return c.head
      },
      erl("tl", 1) { _, a throws(Exception) in
        guard case .cons(let c) = a[0] else { throw .badarg }
        return c.tail
      },
      erl("++", 2) { _, a throws(Exception) in try ListsNatives.append(a[0], a[1]) },
      erl("--", 2) { _, a throws(Exception) in try ListsNatives.subtract(a[0], a[1]) },
    ]
  }

  // MARK: Atoms, integers and floats as text

  private static func atomsAndText() -> [NativeFunction] {
    [
      erl("atom_to_list", 1) { ctx, a throws(Exception) in
        .string(ctx.atoms.name(try TermConversion.atomArg(a[0])))
      },
      erl("list_to_atom", 1) { ctx, a throws(Exception) in
        .atom(try ctx.atoms.make(try atomName(TermConversion.codePoints(a[0]))))
      },
      erl("list_to_existing_atom", 1) { ctx, a throws(Exception) in
        guard let atom = ctx.atoms.existing(try atomName(TermConversion.codePoints(a[0]))) else {
          throw .badarg
        }
        return .atom(atom)
      },
      erl("atom_to_binary", 1) { ctx, a throws(Exception) in
        TermConversion.binary(Array(ctx.atoms.name(try TermConversion.atomArg(a[0])).utf8))
      },
      erl("atom_to_binary", 2) { ctx, a throws(Exception) in
        let name = ctx.atoms.name(try TermConversion.atomArg(a[0]))
        switch try encoding(a[1], ctx.atoms) {
        case .utf8: return TermConversion.binary(Array(name.utf8))
        case .latin1:
          var bytes: [UInt8] = []
          for u in name.unicodeScalars {
            guard u.value < 256 else { throw .badarg }
            bytes.append(UInt8(u.value))
          }
          return TermConversion.binary(bytes)
        }
      },
      erl("binary_to_atom", 1) { ctx, a throws(Exception) in
        .atom(try ctx.atoms.make(try binaryAtomName(a[0], .utf8)))
      },
      erl("binary_to_atom", 2) { ctx, a throws(Exception) in
        .atom(try ctx.atoms.make(try binaryAtomName(a[0], try encoding(a[1], ctx.atoms))))
      },
      erl("binary_to_existing_atom", 1) { ctx, a throws(Exception) in
        guard let atom = ctx.atoms.existing(try binaryAtomName(a[0], .utf8)) else { throw .badarg }
        return .atom(atom)
      },
      erl("binary_to_existing_atom", 2) { ctx, a throws(Exception) in
        let name = try binaryAtomName(a[0], try encoding(a[1], ctx.atoms))
        guard let atom = ctx.atoms.existing(name) else { throw .badarg }
        return .atom(atom)
      },
    ]
  }

  enum Encoding { case utf8, latin1 }

  static func encoding(_ t: Term, _ atoms: AtomTable) throws(Exception) -> Encoding {
    guard case .atom(let a) = t else { throw .badarg }
    switch atoms.name(a) {
    case "utf8", "unicode": return .utf8
    case "latin1": return .latin1
    default: throw .badarg
    }
  }

  /// Atom text from code points: badarg when not a string, system_limit past 255 characters.
  private static func atomName(_ cps: [UInt32]?) throws(Exception) -> String {
    guard let cps else { throw .badarg }
    if cps.count > 255 { throw .error(.atom(.systemLimit)) }
    return TermConversion.string(fromCodePoints: cps)
  }

  private static func binaryAtomName(_ t: Term, _ enc: Encoding) throws(Exception) -> String {
    guard case .binary(let b) = t else { throw .badarg }
    switch enc {
    case .utf8:
      guard let s = String(validating: b.bytes, as: UTF8.self) else { throw .badarg }
      if s.unicodeScalars.count > 255 { throw .error(.atom(.systemLimit)) }
      return s
    case .latin1:
      return try atomName(b.bytes.map { UInt32($0) })
    }
  }

  private static func numbersAndText() -> [NativeFunction] {
    [
      erl("integer_to_list", 1) { c, a throws(Exception) in .string(try integerText(c, a[0], .int(10))) },
      erl("integer_to_list", 2) { c, a throws(Exception) in .string(try integerText(c, a[0], a[1])) },
      erl("integer_to_binary", 1) { c, a throws(Exception) in
        TermConversion.binary(Array(try integerText(c, a[0], .int(10)).utf8))
      },
      erl("integer_to_binary", 2) { c, a throws(Exception) in
        TermConversion.binary(Array(try integerText(c, a[0], a[1]).utf8))
      },
      erl("list_to_integer", 1) { c, a throws(Exception) in try parseInteger(c, listText(a[0]), .int(10)) },
      erl("list_to_integer", 2) { c, a throws(Exception) in try parseInteger(c, listText(a[0]), a[1]) },
      erl("binary_to_integer", 1) { c, a throws(Exception) in
        try parseInteger(c, binaryText(a[0]), .int(10))
      },
      erl("binary_to_integer", 2) { c, a throws(Exception) in try parseInteger(c, binaryText(a[0]), a[1]) },
      erl("float_to_list", 1) { _, a throws(Exception) in
        .string(TermConversion.floatScientific(try floatArg(a[0]), precision: 20))
      },
      erl("float_to_list", 2) { ctx, a throws(Exception) in
        .string(try floatText(a[0], a[1], ctx.atoms))
      },
      erl("float_to_binary", 1) { _, a throws(Exception) in
        TermConversion.binary(Array(TermConversion.floatScientific(try floatArg(a[0]), precision: 20).utf8))
      },
      erl("float_to_binary", 2) { ctx, a throws(Exception) in
        TermConversion.binary(Array(try floatText(a[0], a[1], ctx.atoms).utf8))
      },
      erl("list_to_float", 1) { _, a throws(Exception) in
        guard let d = TermConversion.parseFloat(try listText(a[0])) else { throw .badarg }
        return .float(d)
      },
      erl("binary_to_float", 1) { _, a throws(Exception) in
        guard let d = TermConversion.parseFloat(try binaryText(a[0])) else { throw .badarg }
        return .float(d)
      },
    ]
  }

  private static func radix(_ t: Term) throws(Exception) -> Int {
    guard case .int(let r) = t, (2...36).contains(r) else { throw .badarg }
    return r
  }

  private static func integerText(
    _ c: borrowing NativeContext, _ t: Term, _ base: Term
  ) throws(Exception)
    -> String
  {
    c.charge(BigWork.text(words: BigWork.words(t)))
    guard let s = TermConversion.integerText(t, radix: try radix(base)) else { throw .badarg }
    return s
  }

  private static func parseInteger(
    _ c: borrowing NativeContext, _ text: [UInt32], _ base: Term
  ) throws(Exception)
    -> Term
  {
    // About 19 decimal digits to a word.
    c.charge(BigWork.text(words: text.count / 19))
    let r = try radix(base)
    // Far too many digits for the widest integer is known before reading them (each
    // digit holds at least the whole bits of the radix's logarithm).
    let significant = text.drop { $0 == 0x2B || $0 == 0x2D || $0 == 0x30 }.count
    let wholeBits = Int.bitWidth - 1 - r.leadingZeroBitCount
    if (significant - 1) * wholeBits > Arith.maxIntegerBits {
      throw .error(.atom(.systemLimit))
    }
    guard let v = TermConversion.parseInteger(text, radix: r) else { throw .badarg }
    if case .big(let b) = v, b.value.magnitude.bitWidth > Arith.maxIntegerBits {
      throw .error(.atom(.systemLimit))
    }
    return v
  }

  private static func listText(_ t: Term) throws(Exception) -> [UInt32] {
    guard let cps = TermConversion.codePoints(t) else { throw .badarg }
    return cps
  }

  private static func binaryText(_ t: Term) throws(Exception) -> [UInt32] {
    guard case .binary(let b) = t else { throw .badarg }
    return b.bytes.map { UInt32($0) }
  }

  private static func floatArg(_ t: Term) throws(Exception) -> Double {
    guard case .float(let d) = t else { throw .badarg }
    return d
  }

  /// `float_to_list/2`: options apply in order, the last notation winning.
  private static func floatText(_ t: Term, _ options: Term, _ atoms: AtomTable) throws(Exception) -> String {
    let x = try floatArg(t)
    enum Style {
      case scientific(Int), decimals(Int), short
    }
    var style = Style.scientific(20)
    var compact = false
    for opt in try TermConversion.listArg(options) {
      switch opt {
      case .atom(let a) where atoms.name(a) == "compact": compact = true
      case .atom(let a) where atoms.name(a) == "short": style = .short
      case .tuple(let p) where p.count == 2:
        guard case .atom(let key) = p[0], case .int(let n) = p[1] else { throw .badarg }
        switch atoms.name(key) {
        case "decimals" where (0...253).contains(n): style = .decimals(n)
        case "scientific" where (0...249).contains(n): style = .scientific(n)
        default: throw .badarg
        }
      default: throw .badarg
      }
    }
    switch style {
    case .short: return FloatFormatter.shortest(x)
    case .scientific(let n): return TermConversion.floatScientific(x, precision: n)
    case .decimals(let n):
      // Erlang writes fixed notation into a 256-byte buffer and fails past it.
      if x.magnitude >= 1e235 { throw .badarg }
      let s = TermConversion.floatFixed(x, decimals: n, compact: compact)
      if s.utf8.count > 255 { throw .badarg }
      return s
    }
  }

  // MARK: Binaries

  private static func binaries() -> [NativeFunction] {
    [
      erl("byte_size", 1) { _, a throws(Exception) in
        guard case .binary(let b) = a[0] else { throw .badarg }
        return .int(b.bytes.count)
      },
      erl("bit_size", 1) { _, a throws(Exception) in
        guard case .binary(let b) = a[0] else { throw .badarg }
        return .int(b.bytes.count * 8)
      },
      erl("binary_to_list", 1) { _, a throws(Exception) in
        guard case .binary(let b) = a[0] else { throw .badarg }
        return .list(b.bytes.map { Term.int(Int($0)) })
      },
      erl("binary_to_list", 3) { _, a throws(Exception) in
        guard case .binary(let b) = a[0], case .int(let from) = a[1], case .int(let to) = a[2],
          from >= 1, from <= to, to <= b.bytes.count
        else { throw .badarg }
        return .list(b.bytes[(from - 1)..<to].map { Term.int(Int($0)) })
      },
      erl("list_to_binary", 1) { _, a throws(Exception) in
        guard let bytes = try TermConversion.iolistBytes(a[0]) else { throw .badarg }
        return TermConversion.binary(bytes)
      },
      erl("iolist_to_binary", 1) { _, a throws(Exception) in
        if case .binary = a[0] { return a[0] }
        guard let bytes = try TermConversion.iolistBytes(a[0]) else { throw .badarg }
        return TermConversion.binary(bytes)
      },
      erl("iolist_size", 1) { _, a throws(Exception) in
        guard let n = try TermConversion.iodataSize(a[0]) else { throw .badarg }
        return .int(n)
      },
      erl("term_to_binary", 1) { ctx, a throws(Exception) in
        guard let bytes = TermConversion.termToBinary(a[0], atoms: ctx.atoms) else { throw .badarg }
        return TermConversion.binary(bytes)
      },
      erl("binary_to_term", 1) { ctx, a throws(Exception) in
        guard case .binary(let b) = a[0], let t = TermConversion.binaryToTerm(b.bytes, atoms: ctx.atoms)
        else {
          throw .badarg
        }
        return t
      },
      erl("binary_part", 3) { _, a throws(Exception) in try binaryPart(a[0], a[1], a[2]) },
      erl("binary_part", 2) { _, a throws(Exception) in
        guard case .tuple(let p) = a[1], p.count == 2 else { throw .badarg }
        return try binaryPart(a[0], p[0], p[1])
      },
    ]
  }

  /// `binary_part(Bin, Start, Len)`: a negative length counts back from `Start`.
  private static func binaryPart(_ bin: Term, _ start: Term, _ len: Term) throws(Exception) -> Term {
    guard case .binary(let b) = bin, case .int(let s) = start, case .int(let l) = len else {
      throw .badarg
    }
    let (lo, hi) = l >= 0 ? (s, s + l) : (s + l, s)
    guard lo >= 0, hi <= b.bytes.count, lo <= hi else { throw .badarg }
    return TermConversion.binary(Array(b.bytes[lo..<hi]))
  }

  // MARK: Maps and hashing

  private static func mapsAndHashing() -> [NativeFunction] {
    [
      erl("map_size", 1) { ctx, a throws(Exception) in .int(try MapsNatives.map(a[0], ctx.atoms).count) },
      erl("is_map_key", 2) { ctx, a throws(Exception) in
        .bool(try MapsNatives.map(a[1], ctx.atoms)[a[0]] != nil)
      },
      erl("map_get", 2) { ctx, a throws(Exception) in
        guard let v = try MapsNatives.map(a[1], ctx.atoms)[a[0]] else {
          throw .error(ctx.atom("badkey"), a[0])
        }
        return v
      },
      erl("phash2", 1) { ctx, a in .int(Int(phash(a[0], ctx.atoms) % (1 << 27))) },
      erl("phash2", 2) { ctx, a throws(Exception) in
        guard case .int(let range) = a[1], range >= 1, range <= 1 << 32 else { throw .badarg }
        return .int(Int(phash(a[0], ctx.atoms) % UInt64(range)))
      },
    ]
  }

  /// A hash that depends only on the term's value (atoms by name), so it is the same in
  /// every run: 64-bit FNV-1a over a walk of the term.
  static func phash(_ term: Term, _ atoms: AtomTable) -> UInt64 {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    func mix(_ byte: UInt8) {
      h ^= UInt64(byte)
      h = h &* 0x100_0000_01b3
    }
    func mix(_ v: UInt64) { for i in 0..<8 { mix(UInt8(truncatingIfNeeded: v >> (8 * UInt64(i)))) } }
    func mix(_ bytes: some Sequence<UInt8>) { for b in bytes { mix(b) } }
    var stack: [Term] = [term]
    while let t = stack.popLast() {
      switch t {
      case .int(let i):
        mix(1 as UInt8)
        mix(UInt64(bitPattern: Int64(i)))
      case .big(let b):
        mix(2 as UInt8)
        mix(IntegerText.string(b.value).utf8)
      case .float(let f):
        mix(3 as UInt8)
        mix(f.bitPattern)
      case .atom(let a):
        mix(4 as UInt8)
        mix(atoms.name(a).utf8)
        mix(0 as UInt8)
      case .empty: mix(5 as UInt8)
      case .cons(let c):
        mix(6 as UInt8)
        stack.append(c.tail)
        stack.append(c.head)
      case .tuple(let tu):
        mix(7 as UInt8)
        mix(UInt64(tu.count))
        for i in stride(from: tu.count - 1, through: 0, by: -1) { stack.append(tu[i]) }
      case .binary(let b):
        mix(8 as UInt8)
        mix(UInt64(b.bytes.count))
        mix(b.bytes)
      case .map(let m):
        mix(9 as UInt8)
        mix(UInt64(m.entries.count))
        for k in m.sortedKeys(atoms: atoms).reversed() {
          stack.append(m.entries[k]!)
          stack.append(k)
        }
      case .pid(let p):
        mix(10 as UInt8)
        mix(UInt64(p.serial))
      case .ref(let r):
        mix(11 as UInt8)
        mix(r.serial)
      case .fun(let f):
        mix(12 as UInt8)
        mix(UInt64(UInt(bitPattern: ObjectIdentifier(f).hashValue)))
      }
    }
    return h
  }

  // MARK: Clocks and node

  private static func clocks() -> [NativeFunction] {
    [
      erl("monotonic_time", 0) { _, _ in .int(clockNanos(monotonic: true)) },
      erl("monotonic_time", 1) { ctx, a throws(Exception) in
        .int(try convertTime(clockNanos(monotonic: true), to: a[0], ctx.atoms))
      },
      erl("system_time", 0) { _, _ in .int(clockNanos(monotonic: false)) },
      erl("system_time", 1) { ctx, a throws(Exception) in
        .int(try convertTime(clockNanos(monotonic: false), to: a[0], ctx.atoms))
      },
      erl("timestamp", 0) { _, _ in timestamp() },
      erl("now", 0) { _, _ in timestamp() },
      erl("convert_time_unit", 3) { ctx, a throws(Exception) in
        guard case .int(let t) = a[0] else { throw .badarg }
        let from = try unitsPerSecond(a[1], ctx.atoms)
        let to = try unitsPerSecond(a[2], ctx.atoms)
        let v = BigInt(t) * BigInt(to)
        let (q, r) = v.quotientAndRemainder(dividingBy: BigInt(from))
        return Term.integer(r < 0 ? q - 1 : q)
      },
      erl("node", 0) { ctx, _ in .atom(ctx.atom("nonode@nohost")) },
      erl("nodes", 0) { _, _ in .empty },
      erl("pid_to_list", 1) { ctx, a throws(Exception) in
        guard case .pid(let p) = a[0] else { throw .badarg }
        return Term.string("<0.\(p.serial).0>")
      },
      erl("list_to_pid", 1) { ctx, a throws(Exception) in
        guard let cps = TermConversion.codePoints(a[0]) else { throw .badarg }
        return try pid(fromText: String(String.UnicodeScalarView(cps.compactMap(Unicode.Scalar.init))))
      },
      erl("node", 1) { ctx, a throws(Exception) in
        switch a[0] {
        case .pid, .ref: return .atom(ctx.atom("nonode@nohost"))
        default: throw .badarg
        }
      },
      NativeFunction("os", "timestamp", 0) { _, _ in timestamp() },
      NativeFunction("os", "system_time", 0) { _, _ in .int(clockNanos(monotonic: false)) },
      NativeFunction("os", "system_time", 1) { ctx, a throws(Exception) in
        .int(try convertTime(clockNanos(monotonic: false), to: a[0], ctx.atoms))
      },
    ]
  }

  /// `<0.N.0>` as `erlang:list_to_pid` reads it: only pids of this node (0) exist.
  static func pid(fromText s: String) throws(Exception) -> Term {
    guard s.hasPrefix("<"), s.hasSuffix(">") else { throw .badarg }
    let parts = s.dropFirst().dropLast().split(separator: ".", omittingEmptySubsequences: false)
    guard parts.count == 3,
      parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
      parts[0] == "0", let serial = UInt32(parts[1]), let third = UInt32(parts[2]), third == 0
    else { throw .badarg }
    return .pid(Pid(serial: serial))
  }

  /// Nanoseconds on the host's monotonic or wall clock. The native time unit is the
  /// nanosecond, as on OTP for Linux.
  static func clockNanos(monotonic: Bool) -> Int {
    var ts = timespec()
    clock_gettime(monotonic ? CLOCK_MONOTONIC : CLOCK_REALTIME, &ts)
    return Int(ts.tv_sec) * 1_000_000_000 + Int(ts.tv_nsec)
  }

  private static func timestamp() -> Term {
    let micros = clockNanos(monotonic: false) / 1000
    return .tuple([
      .int(micros / 1_000_000_000_000), .int(micros / 1_000_000 % 1_000_000), .int(micros % 1_000_000),
    ])
  }

  /// A time unit as parts per second: the unit atoms (and their old plural names) or a
  /// positive integer.
  static func unitsPerSecond(_ unit: Term, _ atoms: AtomTable) throws(Exception) -> Int {
    switch unit {
    case .int(let n) where n > 0: return n
    case .atom(let a):
      switch atoms.name(a) {
      case "second", "seconds": return 1
      case "millisecond", "milli_seconds": return 1000
      case "microsecond", "micro_seconds": return 1_000_000
      case "nanosecond", "nano_seconds", "native", "perf_counter": return 1_000_000_000
      default: throw .badarg
      }
    default: throw .badarg
    }
  }

  private static func convertTime(_ nanos: Int, to unit: Term, _ atoms: AtomTable) throws(Exception) -> Int {
    let per = try unitsPerSecond(unit, atoms)
    if per == 1_000_000_000 { return nanos }
    let v = BigInt(nanos) * BigInt(per)
    let (q, r) = v.quotientAndRemainder(dividingBy: 1_000_000_000)
    return Int(r < 0 ? q - 1 : q)
  }

  // MARK: lfe

  /// The plain functions of LFE's `lfe` module: association lists and substitution.
  private static func lfe() -> [NativeFunction] {
    [
      NativeFunction("lfe", "acons", 3) { _, a in .cons(Cons(.cons(Cons(a[0], a[1])), a[2])) },
      NativeFunction("lfe", "pairlis", 2) { _, a throws(Exception) in try pairlis(a[0], a[1], .empty) },
      NativeFunction("lfe", "pairlis", 3) { _, a throws(Exception) in try pairlis(a[0], a[1], a[2]) },
      NativeFunction("lfe", "assoc", 2) { _, a throws(Exception) in try assoc(a[0], a[1], value: false) },
      NativeFunction("lfe", "rassoc", 2) { _, a throws(Exception) in try assoc(a[0], a[1], value: true) },
      NativeFunction("lfe", "subst", 3) { _, a in subst(a[2]) { Term.exactlyEqual($0, a[1]) ? a[0] : nil } },
      NativeFunction("lfe", "sublis", 2) { _, a throws(Exception) in
        let alist = a[0]
        var failure: Exception? = nil
        let result = subst(a[1]) { t in
          do throws(Exception) {
            if case .cons(let pair) = try assoc(t, alist, value: false) { return pair.tail }
          } catch {
            failure = error
          }
          return nil
        }
        if let failure { throw failure }
        return result
      },
    ]
  }

  private static var functionClause: Exception { .error(.atom(.functionClause)) }

  private static func pairlis(_ keys: Term, _ values: Term, _ tail: Term) throws(Exception) -> Term {
    guard let ks = keys.listElements, let vs = values.listElements, ks.count == vs.count else {
      throw functionClause
    }
    return .list(zip(ks, vs).map { Term.cons(Cons($0, $1)) }, tail: tail)
  }

  /// The first pair `(k . v)` whose key (or value) is `x`, else `()`.
  private static func assoc(_ x: Term, _ alist: Term, value: Bool) throws(Exception) -> Term {
    var cur = alist
    while case .cons(let c) = cur {
      if case .cons(let pair) = c.head, Term.exactlyEqual(value ? pair.tail : pair.head, x) {
        return c.head
      }
      cur = c.tail
    }
    guard case .empty = cur else { throw functionClause }
    return .empty
  }

  /// Rebuilds a cons tree, replacing each subtree for which `replace` gives a value.
  private static func subst(_ tree: Term, _ replace: (Term) -> Term?) -> Term {
    if let r = replace(tree) { return r }
    guard case .cons(let c) = tree else { return tree }
    // Walk the spine iteratively so long lists do not nest host frames.
    var heads: [Term] = []
    var cur: Term = .cons(c)
    while case .cons(let cell) = cur {
      heads.append(subst(cell.head, replace))
      cur = cell.tail
      if let r = replace(cur) {
        cur = r
        break
      }
    }
    return .list(heads, tail: cur)
  }
}
