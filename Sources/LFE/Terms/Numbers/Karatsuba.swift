/// Karatsuba's product of two equal-length word buffers: three half-size products in
/// place of four, so the cost grows like n^1.585 instead of n^2.
///
/// The middle term is formed from |a1 - a0| * |b1 - b0| (the subtractive form), which
/// keeps every piece the length of a half and needs no extra carry word. All the
/// temporary space comes from one scratch buffer of `scratchSize(n)` words that the
/// caller allocates once; the recursion is as deep as the number of halvings.
enum Karatsuba {
  typealias Words = UnsafeMutablePointer<UInt>
  typealias ConstWords = UnsafePointer<UInt>

  /// Below this many words the direct product is faster (measured on x86_64, release).
  static let threshold = 32

  /// The scratch words `multiply` needs for operands of `n` words.
  static func scratchSize(_ n: Int) -> Int {
    var total = 0
    var n = n
    while n >= threshold {
      let high = n - n / 2
      total += 4 * high + 1
      n = high
    }
    return total
  }

  /// `r[0..<2n] = a[0..<n] * b[0..<n]`; `r` must not overlap the operands or `scratch`.
  static func multiply(_ r: Words, _ a: ConstWords, _ b: ConstWords, _ n: Int, scratch: Words) {
    if n < threshold {
      WordArithmetic.schoolbook(r, a, n, b, n)
      return
    }
    // a = a1 * B^low + a0, with a1 as long as a0 or one word longer.
    let low = n / 2
    let high = n - low
    let product = scratch
    let da = scratch + 2 * high
    let db = da + high
    let rest = scratch + 4 * high + 1
    let aNegative = WordArithmetic.absoluteDifference(da, a + low, high, a, low)
    let bNegative = WordArithmetic.absoluteDifference(db, b + low, high, b, low)
    multiply(product, da, db, high, scratch: rest)
    multiply(r, a, b, low, scratch: rest)
    multiply(r + 2 * low, a + low, b + low, high, scratch: rest)
    // The middle term a0 * b1 + a1 * b0 = z0 + z2 - (a1 - a0)(b1 - b0), built where da
    // and db were (2 * high + 1 words), then added in at B^low.
    let middle = da
    let z2Words = 2 * high
    for i in 0..<z2Words { middle[i] = r[2 * low + i] }
    middle[z2Words] = 0
    WordArithmetic.add(middle, z2Words + 1, r, 2 * low)
    if aNegative == bNegative {
      WordArithmetic.subtract(middle, z2Words + 1, product, z2Words)
    } else {
      WordArithmetic.add(middle, z2Words + 1, product, z2Words)
    }
    WordArithmetic.add(r + low, 2 * n - low, middle, z2Words + 1)
  }
}
