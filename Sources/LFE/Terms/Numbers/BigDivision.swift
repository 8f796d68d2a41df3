import BigInt

/// Division of big magnitudes by multiplying with a reciprocal found by Newton's method,
/// so that it costs a few fast products instead of BigInt's long division, whose cost
/// grows with the product of the quotient's and the divisor's lengths.
///
/// A dividend more than twice the divisor's width is taken in blocks of about the
/// divisor's width from the top, as long division does with digits.
enum BigDivision {
  /// With fewer words than this in the divisor or in the quotient, BigInt's long
  /// division is cheap enough.
  static let directWords = 64

  static func quotientAndRemainder(_ a: BigUInt, _ b: BigUInt) -> (quotient: BigUInt, remainder: BigUInt) {
    let n = a.words.count
    let m = b.words.count
    if m < directWords || n - m < directWords { return a.quotientAndRemainder(dividingBy: b) }
    return Divisor(b).divide(a)
  }

  /// Truncating division of signed integers, the remainder taking the dividend's sign.
  static func quotientAndRemainder(_ a: BigInt, _ b: BigInt) -> (quotient: BigInt, remainder: BigInt) {
    let (q, r) = quotientAndRemainder(a.magnitude, b.magnitude)
    return (
      BigInt(sign: a.sign == b.sign ? .plus : .minus, magnitude: q),
      BigInt(sign: a.sign, magnitude: r)
    )
  }

  /// A divisor with its reciprocal, made once for dividing many numbers by it.
  struct Divisor {
    let value: BigUInt
    /// The divisor's width in bits, s.
    let bits: Int
    /// About `2^(2s) / value`, give or take a few.
    let reciprocal: BigUInt

    init(_ value: BigUInt) {
      self.value = value
      bits = value.bitWidth
      reciprocal = BigDivision.reciprocal(value, bits: bits)
    }

    /// `x / value` and the remainder, for any `x`.
    func divide(_ x: BigUInt) -> (quotient: BigUInt, remainder: BigUInt) {
      if x.bitWidth <= 2 * bits { return divideShort(x) }
      // Blocks of w words from the top: r * 2^(64w) + block stays below 2^(2s), and
      // each partial quotient fits in w words.
      let w = Swift.max(bits / 64, 1)
      let words = Array(x.words)
      let blocks = (words.count + w - 1) / w
      var quotient = [UInt](repeating: 0, count: blocks * w)
      var remainder = BigUInt(0)
      var j = blocks - 1
      while j >= 0 {
        let low = j * w
        var part = Array(words[low..<Swift.min(low + w, words.count)])
        if !remainder.isZero {
          part += [UInt](repeating: 0, count: w - part.count)
          part += remainder.words
        }
        let (q, r) = divideShort(BigUInt(words: part))
        for (i, word) in q.words.enumerated() where low + i < quotient.count { quotient[low + i] = word }
        remainder = r
        j -= 1
      }
      return (BigUInt(words: quotient), remainder)
    }

    /// For `x < 2^(2s)`: the quotient from the reciprocal is off by a few at most, and
    /// corrected; BigInt's division is the fallback should it be off by more.
    func divideShort(_ x: BigUInt) -> (quotient: BigUInt, remainder: BigUInt) {
      let s = bits
      guard x.bitWidth <= 2 * s, s > 1 else { return x.quotientAndRemainder(dividingBy: value) }
      var q = BigMultiplication.product(x >> (s - 1), reciprocal) >> (s + 1)
      var product = BigMultiplication.product(q, value)
      var steps = 0
      while product > x {
        q -= 1
        product -= value
        steps += 1
        if steps > 64 { return x.quotientAndRemainder(dividingBy: value) }
      }
      var r = x - product
      while r >= value {
        q += 1
        r -= value
        steps += 1
        if steps > 64 { return x.quotientAndRemainder(dividingBy: value) }
      }
      return (q, r)
    }
  }

  /// About `2^(2 * bits) / d` for `d` of `bits` bits, by Newton's iteration
  /// `x + x * (2^(2b) - d * x) / 2^(2b)` from the reciprocal of `d`'s top half. Only
  /// the top half of the error term matters, which keeps the products at half size.
  static func reciprocal(_ d: BigUInt, bits: Int) -> BigUInt {
    if bits <= 64 * directWords { return (BigUInt(1) << (2 * bits)) / d }
    let h = bits / 2 + 1
    let shift = bits - h
    // r0 is about 2^(2h) / top; x0 = r0 * 2^shift is about 2^(2 * bits) / d.
    let r0 = reciprocal(d >> shift, bits: h)
    // The error 2^(2 * bits) - d * x0, divided by 2^shift.
    let error = BigInt(BigUInt(1) << (bits + h)) - BigInt(BigMultiplication.product(d, r0))
    let dropped = h - 3
    let correction = BigMultiplication.product(BigInt(r0), error >> dropped) >> (2 * h - dropped)
    let x1 = BigInt(r0 << shift) + correction
    return x1.sign == .minus ? 0 : x1.magnitude
  }
}
