import BigInt

/// Erlang arithmetic on terms: the VM's slow path once its small-integer fast path fails,
/// and the bodies of the arithmetic natives.
///
/// Integers never overflow (a result that leaves `Int` becomes a `BigBox`, and every
/// result is normalised back to `.int` when it fits); an integer meeting a float turns
/// into a float; a float result that is not finite is `badarith`, since Erlang floats
/// have no infinities or NaNs. Operators raise `badarith` on a bad operand; the guard
/// BIFs (`abs`, `float`, `round`, `trunc`, `floor`, `ceil`) raise `badarg`, as in Erlang.
public enum Arith {
  // MARK: + - * /

  public static func add(_ a: Term, _ b: Term) throws(Exception) -> Term {
    switch (a, b) {
    case (.int(let x), .int(let y)):
      let (r, o) = x.addingReportingOverflow(y)
      return o ? Term.integer(BigInt(x) + BigInt(y)) : .int(r)
    case (.float(let x), .float(let y)): return try finite(x + y)
    default: return try mixed(a, b, { $0 + $1 }, { $0 + $1 })
    }
  }

  public static func sub(_ a: Term, _ b: Term) throws(Exception) -> Term {
    switch (a, b) {
    case (.int(let x), .int(let y)):
      let (r, o) = x.subtractingReportingOverflow(y)
      return o ? Term.integer(BigInt(x) - BigInt(y)) : .int(r)
    case (.float(let x), .float(let y)): return try finite(x - y)
    default: return try mixed(a, b, { $0 - $1 }, { $0 - $1 })
    }
  }

  public static func mul(_ a: Term, _ b: Term) throws(Exception) -> Term {
    switch (a, b) {
    case (.int(let x), .int(let y)):
      let (r, o) = x.multipliedReportingOverflow(by: y)
      return o ? Term.integer(BigInt(x) * BigInt(y)) : .int(r)
    case (.float(let x), .float(let y)): return try finite(x * y)
    default: return try mixed(a, b, product: true, { BigMultiplication.product($0, $1) }, { $0 * $1 })
    }
  }

  /// `/`: always a float; a zero divisor (either zero) is `badarith`.
  public static func fdiv(_ a: Term, _ b: Term) throws(Exception) -> Term {
    let x = try operandDouble(a)
    let y = try operandDouble(b)
    if y == 0 { throw .badarith }
    return try finite(x / y)
  }

  /// Unary minus.
  public static func neg(_ a: Term) throws(Exception) -> Term {
    switch a {
    case .int(let x):
      return x == Int.min ? Term.integer(-BigInt(x)) : .int(-x)
    case .float(let x): return .float(-x)
    case .big(let b): return Term.integer(-b.value)
    default: throw .badarith
    }
  }

  /// Unary plus: any number unchanged.
  public static func plus(_ a: Term) throws(Exception) -> Term {
    guard a.isNumber else { throw .badarith }
    return a
  }

  // MARK: div rem

  /// Integer division truncating toward zero.
  public static func div(_ a: Term, _ b: Term) throws(Exception) -> Term {
    if case .int(let x) = a, case .int(let y) = b {
      if y == 0 { throw .badarith }
      if y == -1 { return try neg(a) }
      return .int(x / y)
    }
    let (x, y) = try integers(a, b)
    if y == 0 { throw .badarith }
    return Term.integer(BigDivision.quotientAndRemainder(x, y).quotient)
  }

  /// Remainder with the sign of the dividend.
  public static func rem(_ a: Term, _ b: Term) throws(Exception) -> Term {
    if case .int(let x) = a, case .int(let y) = b {
      if y == 0 { throw .badarith }
      // Int.min % -1 would trap.
      if y == -1 { return .int(0) }
      return .int(x % y)
    }
    let (x, y) = try integers(a, b)
    if y == 0 { throw .badarith }
    return Term.integer(BigDivision.quotientAndRemainder(x, y).remainder)
  }

  // MARK: Bitwise

  public static func band(_ a: Term, _ b: Term) throws(Exception) -> Term {
    if case .int(let x) = a, case .int(let y) = b { return .int(x & y) }
    let (x, y) = try integers(a, b)
    return Term.integer(bitAnd(x, y))
  }

  public static func bor(_ a: Term, _ b: Term) throws(Exception) -> Term {
    if case .int(let x) = a, case .int(let y) = b { return .int(x | y) }
    let (x, y) = try integers(a, b)
    return Term.integer(bitOr(x, y))
  }

  public static func bxor(_ a: Term, _ b: Term) throws(Exception) -> Term {
    if case .int(let x) = a, case .int(let y) = b { return .int(x ^ y) }
    let (x, y) = try integers(a, b)
    return Term.integer(bitXor(x, y))
  }

  public static func bnot(_ a: Term) throws(Exception) -> Term {
    switch a {
    case .int(let x): return .int(~x)
    case .big(let b): return Term.integer(-b.value - 1)
    default: throw .badarith
    }
  }

  /// Arithmetic shift left; a negative count shifts right.
  public static func bsl(_ a: Term, _ b: Term) throws(Exception) -> Term {
    guard a.isInteger else { throw .badarith }
    switch b {
    case .int(let n): return try shift(a, by: n)
    case .big(let n):
      let v = a.bigValue!
      if v == 0 { return .int(0) }
      if n.value.sign == .plus { throw .error(.atom(.systemLimit)) }
      return .int(v.sign == .minus ? -1 : 0)
    default: throw .badarith
    }
  }

  /// Arithmetic shift right (rounding toward negative infinity); a negative count shifts left.
  public static func bsr(_ a: Term, _ b: Term) throws(Exception) -> Term {
    guard a.isInteger else { throw .badarith }
    switch b {
    case .int(let n):
      if n == Int.min { return try bsl(a, Term.integer(-BigInt(n))) }
      return try shift(a, by: -n)
    case .big(let n): return try bsl(a, Term.integer(-n.value))
    default: throw .badarith
    }
  }

  private static func shift(_ a: Term, by n: Int) throws(Exception) -> Term {
    if n >= 0 {
      if case .int(let x) = a {
        if x == 0 { return a }
        if n < Int.bitWidth - 1 {
          let r = x << n
          if r >> n == x { return .int(r) }
        }
      }
      let v = a.bigValue!
      if n > maxIntegerBits || v.magnitude.bitWidth + n > maxIntegerBits { throw .error(.atom(.systemLimit)) }
      return Term.integer(v << n)
    }
    let m = n == Int.min ? Int.max : -n
    switch a {
    case .int(let x): return .int(x >> m)
    default:
      let v = a.bigValue!
      if v.sign == .plus { return Term.integer(v >> m) }
      // BigInt shifts the magnitude, which rounds toward zero; Erlang floors.
      return Term.integer(-((-v - 1) >> m) - 1)
    }
  }

  // MARK: Guard BIFs: abs float round trunc floor ceil

  public static func abs(_ a: Term) throws(Exception) -> Term {
    switch a {
    case .int(let x):
      if x >= 0 { return a }
      return x == Int.min ? Term.integer(-BigInt(x)) : .int(-x)
    // Erlang keeps -0.0 as it is: only values below zero are negated.
    case .float(let x): return x < 0 ? .float(-x) : a
    case .big(let b): return b.value.sign == .minus ? Term.integer(-b.value) : a
    default: throw .badarg
    }
  }

  public static func float(_ a: Term) throws(Exception) -> Term {
    switch a {
    case .float: return a
    case .int(let x): return .float(Double(x))
    case .big(let b):
      let d = double(b.value)
      guard d.isFinite else { throw .badarg }
      return .float(d)
    default: throw .badarg
    }
  }

  /// Nearest integer, halves away from zero.
  public static func round(_ a: Term) throws(Exception) -> Term {
    try integral(a, .toNearestOrAwayFromZero)
  }

  public static func trunc(_ a: Term) throws(Exception) -> Term { try integral(a, .towardZero) }
  public static func floor(_ a: Term) throws(Exception) -> Term { try integral(a, .down) }
  public static func ceil(_ a: Term) throws(Exception) -> Term { try integral(a, .up) }

  private static func integral(_ a: Term, _ rule: FloatingPointRoundingRule) throws(Exception) -> Term {
    switch a {
    case .int, .big: return a
    case .float(let x): return integer(x.rounded(rule))
    default: throw .badarg
    }
  }

  /// An integral, finite double as an integer term.
  public static func integer(_ x: Double) -> Term {
    if let i = Int(exactly: x) { return .int(i) }
    return Term.integer(BigInt(exactly: x)!)
  }

  // MARK: min max

  /// The smaller by term order; the first when they compare equal (`(min 1 1.0)` is 1).
  public static func min(_ a: Term, _ b: Term, atoms: AtomTable) -> Term {
    Term.compare(b, a, atoms: atoms) < 0 ? b : a
  }

  /// The larger by term order; the first when they compare equal (`(max 1 1.0)` is 1).
  public static func max(_ a: Term, _ b: Term, atoms: AtomTable) -> Term {
    Term.compare(b, a, atoms: atoms) > 0 ? b : a
  }

  // MARK: Comparison

  /// `<`, `=<`, `>`, `>=` by term order.
  public static func less(_ a: Term, _ b: Term, atoms: AtomTable) -> Bool {
    if case .int(let x) = a, case .int(let y) = b { return x < y }
    return Term.compare(a, b, atoms: atoms) < 0
  }

  public static func lessOrEqual(_ a: Term, _ b: Term, atoms: AtomTable) -> Bool {
    if case .int(let x) = a, case .int(let y) = b { return x <= y }
    return Term.compare(a, b, atoms: atoms) <= 0
  }

  /// `==`: integers and floats compare by value.
  public static func equal(_ a: Term, _ b: Term, atoms: AtomTable) -> Bool {
    if case .int(let x) = a, case .int(let y) = b { return x == y }
    return Term.compare(a, b, atoms: atoms) == 0
  }

  // MARK: Conversion

  /// The nearest double to an integer (ties to even), infinite when out of range.
  public static func double(_ v: BigInt) -> Double {
    let mag = v.magnitude
    let bits = mag.bitWidth
    var d: Double
    if bits <= 64 {
      d = Double(UInt64(mag))
    } else {
      // 64 leading bits plus a sticky bit for the rest round exactly once.
      let drop = bits - 64
      var top = UInt64(mag >> drop)
      if mag.trailingZeroBitCount < drop { top |= 1 }
      d = Double(sign: .plus, exponent: drop, significand: Double(top))
    }
    return v.sign == .minus ? -d : d
  }

  /// A number as a double for mixed arithmetic; `badarith` for a non-number or an
  /// integer beyond the float range.
  public static func operandDouble(_ t: Term) throws(Exception) -> Double {
    switch t {
    case .int(let i): return Double(i)
    case .float(let f): return f
    case .big(let b):
      let d = double(b.value)
      guard d.isFinite else { throw .badarith }
      return d
    default: throw .badarith
    }
  }

  static func finite(_ x: Double) throws(Exception) -> Term {
    guard x.isFinite else { throw .badarith }
    return .float(x)
  }

  /// The widest integer, in bits of its magnitude, as on BEAM: 2^25 bits less a word.
  /// A result any wider is `system_limit`, so no single product, shift or text can
  /// take more than a few megabytes or seconds.
  public static let maxIntegerBits = (1 << 25) - 64

  /// `v` as a term, or `system_limit` when it is wider than `maxIntegerBits`.
  static func bounded(_ v: BigInt) throws(Exception) -> Term {
    if v.magnitude.bitWidth > maxIntegerBits { throw .error(.atom(.systemLimit)) }
    return Term.integer(v)
  }

  /// `intOp` on two integers or `floatOp` on numbers of which one is a float. For a
  /// `product`, a result too wide is known from the factors, before the work.
  private static func mixed(
    _ a: Term, _ b: Term, product: Bool = false, _ intOp: (BigInt, BigInt) -> BigInt,
    _ floatOp: (Double, Double) -> Double
  ) throws(Exception) -> Term {
    switch (a, b) {
    case (.int, .int), (.int, .big), (.big, .int), (.big, .big):
      let x = a.bigValue!
      let y = b.bigValue!
      if product, !x.isZero, !y.isZero, x.magnitude.bitWidth + y.magnitude.bitWidth > maxIntegerBits + 1 {
        throw .error(.atom(.systemLimit))
      }
      return try bounded(intOp(x, y))
    default:
      return try finite(floatOp(try operandDouble(a), try operandDouble(b)))
    }
  }

  private static func integers(_ a: Term, _ b: Term) throws(Exception) -> (BigInt, BigInt) {
    guard let x = a.bigValue, let y = b.bigValue else { throw .badarith }
    return (x, y)
  }

  // Bitwise operations on negative BigInts go through ~x = -x - 1 (De Morgan), so only
  // non-negative magnitudes ever meet bit by bit.

  private static func not(_ x: BigInt) -> BigInt { -x - 1 }

  private static func bitAnd(_ x: BigInt, _ y: BigInt) -> BigInt {
    switch (x.sign == .minus, y.sign == .minus) {
    case (false, false): return BigInt(x.magnitude & y.magnitude)
    case (false, true): return andNot(x, not(y))
    case (true, false): return andNot(y, not(x))
    case (true, true): return not(BigInt(not(x).magnitude | not(y).magnitude))
    }
  }

  private static func bitOr(_ x: BigInt, _ y: BigInt) -> BigInt {
    switch (x.sign == .minus, y.sign == .minus) {
    case (false, false): return BigInt(x.magnitude | y.magnitude)
    // x | y = ~(~y & ~x) where ~y >= 0 and ~x < 0.
    case (false, true): return not(andNot(not(y), x))
    case (true, false): return not(andNot(not(x), y))
    case (true, true): return not(BigInt(not(x).magnitude & not(y).magnitude))
    }
  }

  private static func bitXor(_ x: BigInt, _ y: BigInt) -> BigInt {
    switch (x.sign == .minus, y.sign == .minus) {
    case (false, false): return BigInt(x.magnitude ^ y.magnitude)
    case (false, true): return not(BigInt(x.magnitude ^ not(y).magnitude))
    case (true, false): return not(BigInt(not(x).magnitude ^ y.magnitude))
    case (true, true): return BigInt(not(x).magnitude ^ not(y).magnitude)
    }
  }

  /// `p & ~q` for non-negative p and q.
  private static func andNot(_ p: BigInt, _ q: BigInt) -> BigInt {
    let pm = p.magnitude
    return BigInt(pm ^ (pm & q.magnitude))
  }
}
