import BigInt

/// Floats as Erlang writes them.
///
/// - `FloatFormatter.shortest(_:)`: `io_lib:write`/`~w`/`~p` and LFE's printers
///   (`float_to_list(F, [short])`): `0.1`, `1.0e10`, `1.5e-7`.
/// - `FloatFormatter.scientific(_:precision:)`, `.fixed(_:decimals:)`,
///   `.general(_:precision:)`: the `~e`, `~f` and `~g` directives.
public enum FloatFormatter {
  /// The shortest text that reads back as `x`. Below 2^53 it is the shorter of plain and
  /// scientific notation (plain on a tie); from 2^53 up always scientific, as OTP does.
  public static func shortest(_ x: Double) -> String {
    if x.isNaN { return "nan" }
    if x.isInfinite { return x < 0 ? "-inf" : "inf" }
    let sign = x.sign == .minus ? "-" : ""
    if x == 0 { return sign + "0.0" }
    let (digits, point) = shortestDigits(x)
    let text = digits.map { Character(Unicode.Scalar($0 + 48)) }
    var sci = String(text[0]) + "."
    sci += text.count > 1 ? String(text[1...]) : "0"
    sci += "e" + String(point - 1)
    if x.magnitude >= 9_007_199_254_740_992 { return sign + sci }
    var plain: String
    if point <= 0 {
      plain = "0." + String(repeating: "0", count: -point) + String(text)
    } else if point < text.count {
      plain = String(text[..<point]) + "." + String(text[point...])
    } else {
      plain = String(text) + String(repeating: "0", count: point - text.count) + ".0"
    }
    return sign + (sci.count < plain.count ? sci : plain)
  }

  /// The shortest round-trip digits of a finite, non-zero `x`: `x = 0.d1d2... * 10^point`.
  static func shortestDigits(_ x: Double) -> (digits: [UInt8], point: Int) {
    // Swift's own description is already the shortest round-trip form; only its layout
    // differs from Erlang's, so take the digits and exponent from it.
    let text = x.magnitude.description
    var mantissa = Substring(text)
    var exponent = 0
    if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
      mantissa = text[..<e]
      exponent = Int(text[text.index(after: e)...]) ?? 0
    }
    var digits: [UInt8] = []
    var intCount: Int?
    for ch in mantissa {
      if ch == "." {
        intCount = digits.count
      } else if let v = ch.asciiValue, v >= 48, v <= 57 {
        digits.append(v - 48)
      }
    }
    var point = (intCount ?? digits.count) + exponent
    while let first = digits.first, first == 0 {
      digits.removeFirst()
      point -= 1
    }
    while let last = digits.last, last == 0 { digits.removeLast() }
    if digits.isEmpty { return ([0], 1) }
    return (digits, point)
  }

  /// The 21 significant digits that C's `%.20e` gives (what `float_to_list/1` prints and
  /// what `~e`, `~f` and `~g` round from): `|x| = 0.d1...d21 * 10^point`.
  static func printfDigits(_ x: Double) -> (digits: [UInt8], point: Int) {
    let v = x.magnitude
    if v == 0 || !v.isFinite { return ([UInt8](repeating: 0, count: 21), 1) }
    // v = m * 2^e exactly.
    let m = BigInt(v.significandBitPattern | (v.isNormal ? 1 << 52 : 0))
    let e = v.isNormal ? Int(v.exponentBitPattern) - 1075 : -1074
    let num0 = e >= 0 ? m << e : m
    let den0 = e >= 0 ? BigInt(1) : BigInt(1) << -e
    var k = Int((v.exponent == 0 ? 0 : Double(v.exponent)) * 0.30102999566398120)
    let low = BigInt(10).power(20)
    let high = BigInt(10).power(21)
    while true {
      // Scale so that the integer part has 21 digits: v * 10^(20 - k).
      var num = num0
      var den = den0
      if 20 - k >= 0 { num *= BigInt(10).power(20 - k) } else { den *= BigInt(10).power(k - 20) }
      var (q, r) = num.quotientAndRemainder(dividingBy: den)
      if q < low {
        k -= 1
        continue
      }
      if q >= high {
        k += 1
        continue
      }
      let twice = r * 2
      if twice > den || (twice == den && !q.isMultiple(of: 2)) { q += 1 }
      if q == high {
        q = low
        k += 1
      }
      let digits = q.description.utf8.map { $0 - 48 }
      return (digits, k + 1)
    }
  }

  /// `~e`: `precision` significant digits (at least 2), `d.ddde+X`.
  public static func scientific(_ x: Double, precision: Int) -> String {
    let (digits, point) = printfDigits(x)
    let (rounded, carry) = roundDigits(digits, keep: precision)
    var out = x < 0 ? "-" : ""
    let mantissa = carry ? [1] + rounded.dropLast() : rounded
    out += String(mantissa[0]) + "." + mantissa.dropFirst().map(String.init).joined()
    let exp = carry ? point : point - 1
    out += exp >= 0 ? "e+\(exp)" : "e\(exp)"
    return out
  }

  /// `~f`: `decimals` digits after the point (at least 1).
  public static func fixed(_ x: Double, decimals: Int) -> String {
    var (digits, point) = printfDigits(x)
    if point <= 0 {
      digits = [UInt8](repeating: 0, count: -point + 1) + digits
      point = 1
    }
    let (rounded, carry) = roundDigits(digits, keep: point + decimals)
    var out = x < 0 ? "-" : ""
    if carry { out += "1" }
    out += rounded[..<point].map(String.init).joined()
    out += "." + rounded[point...].map(String.init).joined()
    return out
  }

  /// `~g`: `~f` with `precision` significant digits for 0.1 <= |x| < 10000, else `~e`.
  public static func general(_ x: Double, precision: Int) -> String {
    let a = x.magnitude
    let e: Int?
    switch a {
    case ..<0.1: e = -2
    case ..<1.0: e = -1
    case ..<10.0: e = 0
    case ..<100.0: e = 1
    case ..<1000.0: e = 2
    case ..<10000.0: e = 3
    default: e = nil
    }
    if let e {
      if precision <= 1 && e == -1 || (precision - 1 > e && e >= -1) {
        return fixed(x, decimals: precision - 1 - e)
      }
    }
    return scientific(x, precision: max(precision, 2))
  }

  /// The first `keep` digits, rounded half up on the next digit (padding with zeros);
  /// `carry` says the rounding overflowed (all nines), leaving all zeros.
  private static func roundDigits(_ digits: [UInt8], keep: Int) -> ([UInt8], carry: Bool) {
    var out = Array(digits.prefix(keep))
    if out.count < keep { out += [UInt8](repeating: 0, count: keep - out.count) }
    guard keep < digits.count, digits[keep] >= 5 else { return (out, false) }
    var i = keep - 1
    while i >= 0 {
      if out[i] == 9 {
        out[i] = 0
        i -= 1
      } else {
        out[i] += 1
        return (out, false)
      }
    }
    return (out, true)
  }
}
