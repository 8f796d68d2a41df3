#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// The `math` module. A non-number argument is `badarg`; an argument too large to be a
/// float, or a result that is not a finite float (out of the domain, or overflowing),
/// is `badarith`, as Erlang's math functions do.
enum MathNatives {
  static func natives() -> [NativeFunction] {
    [
      NativeFunction("math", "pi", 0) { _, _ in .float(Double.pi) },
      unary("sqrt") { $0.squareRoot() },
      unary("exp") { exp($0) },
      unary("log") { log($0) },
      unary("log10") { log10($0) },
      unary("log2") { log2($0) },
      unary("sin") { sin($0) },
      unary("cos") { cos($0) },
      unary("tan") { tan($0) },
      unary("asin") { asin($0) },
      unary("acos") { acos($0) },
      unary("atan") { atan($0) },
      unary("sinh") { sinh($0) },
      unary("cosh") { cosh($0) },
      unary("tanh") { tanh($0) },
      unary("asinh") { asinh($0) },
      unary("acosh") { acosh($0) },
      unary("atanh") { atanh($0) },
      unary("erf") { erf($0) },
      unary("erfc") { erfc($0) },
      unary("floor") { $0.rounded(.down) },
      unary("ceil") { $0.rounded(.up) },
      binary("pow") { pow($0, $1) },
      binary("atan2") { atan2($0, $1) },
      binary("fmod") { fmod($0, $1) },
    ]
  }

  private static func unary(_ name: String, _ f: @escaping (Double) -> Double) -> NativeFunction {
    NativeFunction("math", name, 1) { _, a throws(Exception) in try result(f(try operand(a[0]))) }
  }

  private static func binary(_ name: String, _ f: @escaping (Double, Double) -> Double) -> NativeFunction {
    NativeFunction("math", name, 2) { _, a throws(Exception) in
      try result(f(try operand(a[0]), try operand(a[1])))
    }
  }

  private static func operand(_ t: Term) throws(Exception) -> Double {
    switch t {
    case .int(let i): return Double(i)
    case .float(let f): return f
    case .big(let b):
      let d = Arith.double(b.value)
      guard d.isFinite else { throw .badarith }
      return d
    default: throw .badarg
    }
  }

  private static func result(_ x: Double) throws(Exception) -> Term {
    guard x.isFinite else { throw .badarith }
    return .float(x)
  }
}
