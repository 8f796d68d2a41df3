import BigInt

/// What a bignum operation costs in reductions, from its operands' lengths in words:
/// about one reduction per 16 word operations, the cost of a short function call. Small
/// integers and floats cost nothing extra; any bignum at least one reduction.
enum BigWork {
  static let wordOperationsPerReduction = 16

  /// Words of an integer term's magnitude, 0 for a small integer or a non-integer.
  static func words(_ t: Term) -> Int {
    if case .big(let b) = t { return b.value.magnitude.words.count }
    return 0
  }

  /// Addition, subtraction, comparison, bitwise operations, shifts by whole words.
  static func linear(_ a: Term, _ b: Term) -> Int {
    let n = words(a) + words(b)
    return n == 0 ? 0 : 1 + n / wordOperationsPerReduction
  }

  static func linear(_ a: Term) -> Int {
    let n = words(a)
    return n == 0 ? 0 : 1 + n / wordOperationsPerReduction
  }

  static func product(_ a: Term, _ b: Term) -> Int {
    let n = words(a)
    let m = words(b)
    if n == 0 && m == 0 { return 0 }
    return 1 + multiplication(Swift.max(n, m, 1), Swift.max(Swift.min(n, m), 1)) / wordOperationsPerReduction
  }

  /// `div` and `rem`: long division by a short divisor or of a short quotient, else a
  /// few products per divisor-sized block of the dividend.
  static func division(_ a: Term, _ b: Term) -> Int {
    let n = words(a)
    let m = words(b)
    if n == 0 && m == 0 { return 0 }
    if m < BigDivision.directWords || n - m < BigDivision.directWords {
      return 1 + (Swift.max(n - m, 1) * Swift.max(m, 1)) / wordOperationsPerReduction
    }
    return 1 + 4 * (n / m + 1) * multiplication(m, m) / wordOperationsPerReduction
  }

  /// Printing or reading an integer of `n` words: a product of halves at each halving.
  static func text(words n: Int) -> Int {
    if n <= IntegerText.directWords { return n * n / wordOperationsPerReduction }
    var levels = 0
    var size = n
    while size > IntegerText.directWords {
      size /= 2
      levels += 1
    }
    return 1 + 3 * levels * multiplication(n / 2, n / 2) / wordOperationsPerReduction
  }

  /// Word operations of an n by m product, n >= m, as `BigMultiplication` does it.
  static func multiplication(_ n: Int, _ m: Int) -> Int { BigMultiplication.work(n, m) }
}
