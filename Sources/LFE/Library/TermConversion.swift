import BigInt

/// Conversions between terms and Swift values that several libraries share: strings as
/// lists of code points, iolists and chardata, integer and float text as Erlang writes
/// and reads it.
public enum TermConversion {
  // MARK: Strings

  /// The code points of a proper list of integers that are all Unicode scalars, or nil.
  public static func codePoints(_ list: Term) -> [UInt32]? {
    var out: [UInt32] = []
    var cur = list
    while true {
      switch cur {
      case .empty: return out
      case .cons(let c):
        guard case .int(let i) = c.head, let u = scalarValue(i) else { return nil }
        out.append(u)
        cur = c.tail
      default: return nil
      }
    }
  }

  /// A flat list of code points as a String, or nil when it is not one.
  public static func string(fromCharlist list: Term) -> String? {
    guard let cps = codePoints(list) else { return nil }
    return string(fromCodePoints: cps)
  }

  /// Code points known to be valid scalars, as a String.
  public static func string(fromCodePoints cps: [UInt32]) -> String {
    var s = String.UnicodeScalarView()
    for c in cps { s.append(Unicode.Scalar(c)!) }
    return String(s)
  }

  /// A String as a list of code points (LFE's string representation).
  public static func charlist(_ s: String) -> Term { Term.string(s) }

  /// Code points as a list term.
  public static func charlist(codePoints cps: [UInt32]) -> Term {
    var result = Term.empty
    for c in cps.reversed() { result = .cons(Cons(.int(Int(c)), result)) }
    return result
  }

  /// The value as a scalar if it is a Unicode scalar value (not a surrogate).
  @inlinable public static func scalarValue(_ i: Int) -> UInt32? {
    guard i >= 0, i <= 0x10FFFF, !(0xD800...0xDFFF).contains(i) else { return nil }
    return UInt32(i)
  }

  /// Chardata (`unicode:chardata()`): code points, UTF-8 binaries and nested lists of both,
  /// flattened to code points. Nil when it is not chardata or a binary is not UTF-8.
  public static func chardata(_ term: Term) throws(Exception) -> [UInt32]? {
    var out: [UInt32] = []
    var stack: [Term] = [term]
    var budget = WalkBudget()
    while let t = stack.popLast() {
      try budget.step()
      switch t {
      case .empty: continue
      case .int(let i):
        // A bare integer is only valid inside a list, checked below.
        guard let u = scalarValue(i) else { return nil }
        out.append(u)
      case .binary(let b):
        guard let s = String(validating: b.bytes, as: UTF8.self) else { return nil }
        for u in s.unicodeScalars { out.append(u.value) }
      case .cons(let c):
        guard isIolistTail(c.tail) else { return nil }
        stack.append(c.tail)
        stack.append(c.head)
      default: return nil
      }
    }
    if case .int = term { return nil }
    return out
  }

  /// Chardata as a String, or nil.
  public static func string(fromChardata term: Term) throws(Exception) -> String? {
    try chardata(term).map { string(fromCodePoints: $0) }
  }

  // MARK: iolists

  /// The bytes of iodata: a binary, or an iolist of bytes, binaries and nested iolists
  /// whose tails may be binaries. Nil when it is neither.
  public static func iodataBytes(_ term: Term) throws(Exception) -> [UInt8]? {
    // Sized first, so that the room is asked for before the bytes are gathered.
    guard let size = try iodataSize(term) else { return nil }
    try HeapAccount.reserve(size)
    var out: [UInt8] = []
    out.reserveCapacity(size)
    guard try walkIodata(term, byte: { out.append($0) }, binary: { out += $0.bytes }) else { return nil }
    return out
  }

  /// The bytes of an iolist (a list, not a bare binary), or nil.
  public static func iolistBytes(_ term: Term) throws(Exception) -> [UInt8]? {
    guard term.isList else { return nil }
    return try iodataBytes(term)
  }

  /// The size in bytes of iodata without building it, or nil.
  public static func iodataSize(_ term: Term) throws(Exception) -> Int? {
    var n = 0
    guard try walkIodata(term, byte: { _ in n += 1 }, binary: { n += $0.bytes.count }) else { return nil }
    return n
  }

  private static func isIolistTail(_ t: Term) -> Bool {
    switch t {
    case .binary, .cons, .empty: return true
    default: return false
    }
  }

  /// Visits the bytes and binaries of iodata in order; false when it is not iodata.
  private static func walkIodata(
    _ term: Term, byte: (UInt8) -> Void, binary: (Binary) -> Void
  ) throws(Exception) -> Bool {
    // Deep iolists nest on the head side, so an explicit stack keeps the host stack flat.
    var stack: [Term] = [term]
    var budget = WalkBudget()
    while let t = stack.popLast() {
      try budget.step()
      switch t {
      case .empty: break
      case .binary(let b): binary(b)
      case .cons(let c):
        guard isIolistTail(c.tail) else { return false }
        switch c.head {
        case .int(let i):
          guard (0...255).contains(i) else { return false }
          byte(UInt8(i))
          stack.append(c.tail)
        case .binary(let b):
          binary(b)
          stack.append(c.tail)
        case .cons, .empty:
          stack.append(c.tail)
          stack.append(c.head)
        default: return false
        }
      default: return false
      }
    }
    return true
  }

  // MARK: Integers

  /// An integer written in `radix` (2...36) as Erlang does: uppercase digits, leading `-`.
  public static func integerText(_ t: Term, radix: Int = 10) -> String? {
    switch t {
    case .int(let i): return String(i, radix: radix, uppercase: true)
    case .big(let b): return IntegerText.string(b.value, radix: radix)
    default: return nil
    }
  }

  /// Parses `[+-]digits` in `radix` (2...36, letters in either case), the whole text.
  public static func parseInteger<C: Collection>(_ chars: C, radix: Int = 10) -> Term?
  where C.Element == UInt32 {
    var digits = chars[...]
    var negative = false
    if let f = digits.first, f == 0x2B || f == 0x2D {
      negative = f == 0x2D
      digits = digits.dropFirst()
    }
    guard !digits.isEmpty else { return nil }
    var small = 0
    // Digits accumulate in a machine word; a longer number is read as a whole by
    // `IntegerText`, which splits it in halves (BigInt's own reading is quadratic).
    for c in digits {
      guard let d = digitValue(c), d < radix else { return nil }
      let (m, o1) = small.multipliedReportingOverflow(by: radix)
      let (s, o2) = m.addingReportingOverflow(d)
      if o1 || o2 { return bigInteger(digits, radix: radix, negative: negative) }
      small = s
    }
    return .int(negative ? -small : small)
  }

  private static func bigInteger<C: Collection>(_ digits: C, radix: Int, negative: Bool) -> Term?
  where C.Element == UInt32 {
    var values: [UInt8] = []
    values.reserveCapacity(digits.count)
    for c in digits {
      guard let d = IntegerText.digitValue(c), Int(d) < radix else { return nil }
      values.append(d)
    }
    let b = BigInt(IntegerText.value(digits: values, radix: radix))
    return Term.integer(negative ? -b : b)
  }

  private static func digitValue(_ c: UInt32) -> Int? {
    switch c {
    case 0x30...0x39: return Int(c - 0x30)
    case 0x41...0x5A: return Int(c - 0x41 + 10)
    case 0x61...0x7A: return Int(c - 0x61 + 10)
    default: return nil
    }
  }

  // MARK: Floats

  /// Parses a float the way `list_to_float` does: `[+-]D+.D+([eE][+-]?D+)?`, the whole text.
  public static func parseFloat<C: Collection>(_ chars: C) -> Double? where C.Element == UInt32 {
    guard let (value, used) = parseFloatPrefix(chars), used == chars.count else { return nil }
    return value
  }

  /// The longest prefix that reads as an Erlang float and how many code points it used.
  public static func parseFloatPrefix<C: Collection>(_ chars: C) -> (Double, Int)? where C.Element == UInt32 {
    let a = Array(chars)
    var i = 0
    func isDigit(_ k: Int) -> Bool { k < a.count && (0x30...0x39).contains(a[k]) }
    if i < a.count, a[i] == 0x2B || a[i] == 0x2D { i += 1 }
    let intStart = i
    while isDigit(i) { i += 1 }
    guard i > intStart, i < a.count, a[i] == 0x2E, isDigit(i + 1) else { return nil }
    i += 1
    while isDigit(i) { i += 1 }
    if i < a.count, a[i] == 0x65 || a[i] == 0x45 {
      var j = i + 1
      if j < a.count, a[j] == 0x2B || a[j] == 0x2D { j += 1 }
      if isDigit(j) {
        while isDigit(j) { j += 1 }
        i = j
      }
    }
    let text = String(decoding: a[0..<i].map { UInt8($0) }, as: UTF8.self)
    guard let d = Double(text), d.isFinite else { return nil }
    return (d, i)
  }

  /// The exact decimal expansion of a finite double's magnitude: `digits` (no leading
  /// zeros; empty for zero) and `point`, the count of digits before the decimal point
  /// (negative or beyond `digits` when zeros are implied).
  static func exactDecimal(_ x: Double) -> (digits: [UInt8], point: Int) {
    let bits = x.magnitude.bitPattern
    let expBits = Int((bits >> 52) & 0x7FF)
    let frac = bits & ((1 << 52) - 1)
    let mantissa = expBits == 0 ? frac : frac | (1 << 52)
    let e = expBits == 0 ? -1074 : expBits - 1075
    if mantissa == 0 { return ([], 1) }
    var digits: [UInt8]
    var point: Int
    if e >= 0 {
      digits = Array((BigUInt(mantissa) << e).description.utf8)
      point = digits.count
    } else {
      digits = Array((BigUInt(mantissa) * BigUInt(5).power(-e)).description.utf8)
      point = digits.count + e
    }
    while digits.last == 0x30 { digits.removeLast() }
    return (digits.map { $0 - 0x30 }, point)
  }

  /// Rounds decimal digits to `keep` digits (possibly zero or negative: nothing kept).
  /// Returns the kept digits and whether rounding carried into a new leading digit.
  private static func roundDigits(_ digits: [UInt8], keep: Int, halfEven: Bool) -> ([UInt8], Bool) {
    if keep >= digits.count {
      return (digits + [UInt8](repeating: 0, count: keep - digits.count), false)
    }
    var kept = keep > 0 ? Array(digits[0..<keep]) : []
    let first = keep >= 0 ? digits[keep] : 0
    let restNonZero = keep + 1 < digits.count && digits[(max(keep + 1, 0))...].contains { $0 != 0 }
    var up: Bool
    if first > 5 || (first == 5 && restNonZero) {
      up = true
    } else if first == 5 {
      up = halfEven ? (kept.last.map { $0 % 2 == 1 } ?? false) : true
    } else {
      up = false
    }
    if keep < 0 { up = false }
    if !up { return (kept, false) }
    var i = kept.count - 1
    while i >= 0 {
      if kept[i] == 9 {
        kept[i] = 0
        i -= 1
      } else {
        kept[i] += 1
        return (kept, false)
      }
    }
    return ([1] + kept, true)
  }

  /// `%.{precision}e` as C's printf writes it (round half to even on exact ties):
  /// `1.00000000000000000000e+00`, the form `float_to_list/1` uses.
  public static func floatScientific(_ x: Double, precision: Int) -> String {
    let sign = x.sign == .minus ? "-" : ""
    let (digits, point) = exactDecimal(x)
    var rounded: [UInt8]
    var exponent: Int
    if digits.isEmpty {
      rounded = [UInt8](repeating: 0, count: precision + 1)
      exponent = 0
    } else {
      let (r, carried) = roundDigits(digits, keep: precision + 1, halfEven: true)
      rounded = carried ? Array(r.dropLast()) : r
      exponent = point - 1 + (carried ? 1 : 0)
    }
    var s = sign + String(rounded[0])
    if precision > 0 { s += "." + rounded[1...].map { String($0) }.joined() }
    let e = abs(exponent)
    s += (exponent < 0 ? "e-" : "e+") + (e < 10 ? "0" : "") + String(e)
    return s
  }

  /// Fixed notation with `decimals` places, exact ties rounded away from zero, as
  /// `float_to_list(F, [{decimals, N}])` does; `compact` drops trailing zeros.
  public static func floatFixed(_ x: Double, decimals: Int, compact: Bool = false) -> String {
    let (digits, point) = exactDecimal(x)
    // The rounded digits spell the value times 10^decimals as an integer.
    var scaled: [UInt8]
    if digits.isEmpty {
      scaled = []
    } else {
      scaled = roundDigits(digits, keep: point + decimals, halfEven: false).0
    }
    if scaled.count < decimals + 1 {
      scaled = [UInt8](repeating: 0, count: decimals + 1 - scaled.count) + scaled
    }
    let intDigits = scaled[0..<(scaled.count - decimals)]
    var fracDigits = Array(scaled[(scaled.count - decimals)...])
    if compact {
      while fracDigits.count > 1 && fracDigits.last == 0 { fracDigits.removeLast() }
    }
    var s = x.sign == .minus ? "-" : ""
    s += intDigits.map { String($0) }.joined()
    if decimals > 0 { s += "." + fracDigits.map { String($0) }.joined() }
    return s
  }
}

extension TermConversion {
  // MARK: Argument checks shared by the natives

  /// A fixnum argument or badarg.
  static func intArg(_ t: Term) throws(Exception) -> Int {
    guard case .int(let i) = t else { throw .badarg }
    return i
  }

  /// An atom argument or badarg.
  static func atomArg(_ t: Term) throws(Exception) -> Atom {
    guard case .atom(let a) = t else { throw .badarg }
    return a
  }

  /// The elements of a proper list or badarg.
  static func listArg(_ t: Term) throws(Exception) -> [Term] {
    guard let es = t.listElements else { throw .badarg }
    return es
  }

  /// A number as a Double, or nil.
  static func doubleValue(_ t: Term) -> Double? {
    switch t {
    case .int(let i): return Double(i)
    case .float(let f): return f
    case .big(let b):
      let d = Arith.double(b.value)
      return d.isFinite ? d : nil
    default: return nil
    }
  }

  /// A binary term.
  static func binary(_ bytes: [UInt8]) -> Term { .binary(Binary(bytes)) }

  /// UTF-8 bytes of code points.
  static func utf8(_ cps: [UInt32]) -> [UInt8] {
    var out: [UInt8] = []
    for c in cps { out += Array(String(Unicode.Scalar(c)!).utf8) }
    return out
  }
}

extension TermConversion {
  // MARK: External term format

  /// `term_to_binary/1` as OTP 25 writes it (version 131; Latin-1 atoms as `ATOM_EXT`),
  /// or nil for a fun, which has no encoding here.
  public static func termToBinary(_ term: Term, atoms: AtomTable) -> [UInt8]? {
    var out: [UInt8] = [131]
    func u16(_ v: Int) { out += [UInt8(truncatingIfNeeded: v >> 8), UInt8(truncatingIfNeeded: v)] }
    func u32(_ v: Int) { for s in [24, 16, 8, 0] { out.append(UInt8(truncatingIfNeeded: v >> s)) } }
    func atom(_ name: String) {
      let scalars = name.unicodeScalars
      if scalars.allSatisfy({ $0.value < 256 }) {
        out.append(100)
        u16(scalars.count)
        out += scalars.map { UInt8($0.value) }
      } else {
        let bytes = Array(name.utf8)
        if bytes.count < 256 {
          out += [119, UInt8(bytes.count)]
        } else {
          out.append(118)
          u16(bytes.count)
        }
        out += bytes
      }
    }
    func integer(_ v: BigInt) {
      if v >= 0 && v < 256 {
        out += [97, UInt8(v)]
      } else if v >= -(1 << 31) && v < (1 << 31) {
        out.append(98)
        u32(Int(v))
      } else {
        let digits = BigIntBytes.littleEndian(v.magnitude)
        if digits.count < 256 {
          out += [110, UInt8(digits.count)]
        } else {
          out.append(111)
          u32(digits.count)
        }
        out.append(v.sign == .minus ? 1 : 0)
        out += digits
      }
    }
    var stack: [Term] = [term]
    while let t = stack.popLast() {
      switch t {
      case .int(let i): integer(BigInt(i))
      case .big(let b): integer(b.value)
      case .float(let f):
        out.append(70)
        let bits = f.bitPattern
        for s in stride(from: 56, through: 0, by: -8) {
          out.append(UInt8(truncatingIfNeeded: bits >> UInt64(s)))
        }
      case .atom(let a): atom(atoms.name(a))
      case .empty: out.append(106)
      case .cons:
        var elements: [Term] = []
        var cur = t
        while case .cons(let c) = cur {
          elements.append(c.head)
          cur = c.tail
        }
        let bytes = elements.compactMap { e -> UInt8? in
          if case .int(let i) = e, (0...255).contains(i) { return UInt8(i) }
          return nil
        }
        if case .empty = cur, bytes.count == elements.count, elements.count < 65536 {
          out.append(107)
          u16(bytes.count)
          out += bytes
        } else {
          out.append(108)
          u32(elements.count)
          stack.append(cur)
          stack += elements.reversed()
        }
      case .tuple(let tu):
        if tu.count < 256 {
          out += [104, UInt8(tu.count)]
        } else {
          out.append(105)
          u32(tu.count)
        }
        stack += tu.elements.reversed()
      case .binary(let b):
        out.append(109)
        u32(b.bytes.count)
        out += b.bytes
      case .map(let m):
        out.append(116)
        u32(m.entries.count)
        for k in m.sortedKeys(atoms: atoms).reversed() {
          stack.append(m.entries[k]!)
          stack.append(k)
        }
      case .pid(let p):
        out.append(88)
        atom("nonode@nohost")
        u32(Int(p.serial))
        u32(0)
        u32(0)
      case .ref(let r):
        out.append(90)
        u16(3)
        atom("nonode@nohost")
        u32(0)
        u32(Int(r.serial & 0x3FFFF))
        u32(Int(truncatingIfNeeded: r.serial >> 18))
        u32(0)
      case .fun: return nil
      }
    }
    return out
  }

  /// `binary_to_term/1` for what `termToBinary` writes (pids and refs excepted), or nil.
  public static func binaryToTerm(_ bytes: [UInt8], atoms: AtomTable) -> Term? {
    var reader = ExternalReader(bytes: bytes, atoms: atoms)
    guard reader.byte() == 131, let t = reader.term(), reader.pos == bytes.count else { return nil }
    return t
  }
}

private struct ExternalReader {
  let bytes: [UInt8]
  let atoms: AtomTable
  var pos = 0

  init(bytes: [UInt8], atoms: AtomTable) {
    self.bytes = bytes
    self.atoms = atoms
  }

  mutating func byte() -> UInt8? {
    guard pos < bytes.count else { return nil }
    pos += 1
    return bytes[pos - 1]
  }

  mutating func take(_ n: Int) -> ArraySlice<UInt8>? {
    guard n >= 0, pos + n <= bytes.count else { return nil }
    pos += n
    return bytes[(pos - n)..<pos]
  }

  mutating func uint(_ n: Int) -> Int? {
    guard let s = take(n) else { return nil }
    return s.reduce(0) { $0 << 8 | Int($1) }
  }

  /// A container whose elements are still being read: they collect in `pending` from
  /// `base` on, until it holds `needed` of them.
  private struct Open {
    enum Kind { case list, tuple, map }
    var kind: Kind
    var needed: Int
    var base: Int
  }

  /// Reads one term. Containers wait on an explicit stack, so a term nested a million
  /// deep costs heap, not host stack.
  mutating func term() -> Term? {
    var stack: [Open] = []
    var pending: [Term] = []
    while true {
      guard let tag = byte() else { return nil }
      var value: Term
      switch tag {
      case 108:
        // The elements, then the tail.
        guard let n = uint(4), n <= bytes.count else { return nil }
        stack.append(Open(kind: .list, needed: n + 1, base: pending.count))
        continue
      case 104, 105:
        guard let n = uint(tag == 104 ? 1 : 4), n <= bytes.count else { return nil }
        if n == 0 {
          value = .tuple([])
        } else {
          stack.append(Open(kind: .tuple, needed: n, base: pending.count))
          continue
        }
      case 116:
        guard let n = uint(4), n <= bytes.count else { return nil }
        if n == 0 {
          value = .map(MapBox([:]))
        } else {
          stack.append(Open(kind: .map, needed: 2 * n, base: pending.count))
          continue
        }
      default:
        guard let leaf = leaf(tag) else { return nil }
        value = leaf
      }
      // Hand the value to the innermost open container; each one it completes is in
      // turn a value for the next.
      while let top = stack.last {
        pending.append(value)
        guard pending.count - top.base == top.needed else { break }
        stack.removeLast()
        // The slice must be gone before the parts are removed: while it lives, removing
        // them copies all of `pending`, which holds a part for every level still open
        // (quadratic time for a map nested a million deep as a value).
        do {
          let parts = pending[top.base...]
          switch top.kind {
          case .list:
            value = .list(parts.dropLast(), tail: parts[parts.endIndex - 1])
          case .tuple:
            value = .tuple(Array(parts))
          case .map:
            var entries: [Term: Term] = [:]
            var i = parts.startIndex
            while i < parts.endIndex {
              entries[parts[i]] = parts[i + 1]
              i += 2
            }
            value = .map(MapBox(entries))
          }
        }
        pending.removeSubrange(top.base...)
      }
      if stack.isEmpty { return value }
    }
  }

  /// A term with no elements of its own, starting at `tag`.
  private mutating func leaf(_ tag: UInt8) -> Term? {
    switch tag {
    case 97: return uint(1).map { .int($0) }
    case 98: return uint(4).map { .int(Int(Int32(truncatingIfNeeded: $0))) }
    case 110, 111:
      guard let n = uint(tag == 110 ? 1 : 4), let sign = byte(), let ds = take(n) else { return nil }
      let v = BigInt(BigIntBytes.magnitude(littleEndian: ds))
      return Term.integer(sign == 0 ? v : -v)
    case 70:
      // NaN and the infinities are no Erlang floats: binary_to_term refuses them.
      guard let bits = uint(8) else { return nil }
      let d = Double(bitPattern: UInt64(UInt(bitPattern: bits)))
      return d.isFinite ? .float(d) : nil
    case 100, 115:
      guard let n = uint(tag == 100 ? 2 : 1), let s = take(n) else { return nil }
      return (try? atoms.make(TermConversion.string(fromCodePoints: s.map { UInt32($0) }))).map { .atom($0) }
    case 118, 119:
      guard let n = uint(tag == 118 ? 2 : 1), let s = take(n), let name = String(validating: s, as: UTF8.self)
      else { return nil }
      return (try? atoms.make(name)).map { .atom($0) }
    case 106: return .empty
    case 107:
      guard let n = uint(2), let s = take(n) else { return nil }
      return .list(s.map { Term.int(Int($0)) })
    case 109:
      guard let n = uint(4), let s = take(n) else { return nil }
      return .binary(Binary(Array(s)))
    default: return nil
    }
  }
}
