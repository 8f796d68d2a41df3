import BigInt

/// Products of big magnitudes, fast at every size: the direct product for short
/// operands, Karatsuba's for middling ones, a number-theoretic transform for huge ones.
///
/// BigInt's own `*` multiplies word by word below 1,024 words and is quadratic there,
/// which made printing or parsing a number of millions of digits take minutes. An
/// operand much shorter than the other is met in chunks of the long one, so n by m
/// words costs about n/m products of m by m.
enum BigMultiplication {
  typealias Words = UnsafeMutablePointer<UInt>
  typealias ConstWords = UnsafePointer<UInt>

  /// Operands with fewer words than this (the shorter one) go to BigInt's own product.
  static let directWords = 24
  /// Below this many words in the shorter operand Karatsuba's product is always the
  /// faster; from here on the cheaper of the two by `work` (the transform's length
  /// goes by powers of two, so which wins moves back and forth up to about 4,000 words).
  static let transformWords = 1000

  static func product(_ a: BigUInt, _ b: BigUInt) -> BigUInt {
    let n = a.words.count
    let m = b.words.count
    if Swift.min(n, m) < directWords { return a * b }
    let x = Array(a.words)
    let y = Array(b.words)
    let words = [UInt](unsafeUninitializedCapacity: n + m) { r, count in
      x.withUnsafeBufferPointer { xp in
        y.withUnsafeBufferPointer { yp in
          multiply(r.baseAddress!, xp.baseAddress!, n, yp.baseAddress!, m)
        }
      }
      count = n + m
    }
    return BigUInt(words: words)
  }

  static func product(_ a: BigInt, _ b: BigInt) -> BigInt {
    let magnitude = product(a.magnitude, b.magnitude)
    return BigInt(sign: a.sign == b.sign ? .plus : .minus, magnitude: magnitude)
  }

  static func square(_ a: BigUInt) -> BigUInt {
    let n = a.words.count
    if n < directWords { return a * a }
    let x = Array(a.words)
    let words = [UInt](unsafeUninitializedCapacity: 2 * n) { r, count in
      x.withUnsafeBufferPointer { xp in multiply(r.baseAddress!, xp.baseAddress!, n, xp.baseAddress!, n) }
      count = 2 * n
    }
    return BigUInt(words: words)
  }

  /// About the nanoseconds (x86_64, release) of an n by m product, n >= m, by whichever
  /// way `multiply` takes; one unit is about one word product of the direct method.
  static func work(_ n: Int, _ m: Int) -> Int {
    if m < Karatsuba.threshold { return n * m }
    let k = karatsubaWork(n, m)
    return m < transformWords ? k : Swift.min(k, NumberTheoreticTransform.work(n, m))
  }

  /// Karatsuba's three half products per level down to the direct ones, for each
  /// m-word chunk of the long operand.
  static func karatsubaWork(_ n: Int, _ m: Int) -> Int {
    var size = m
    var products = 1
    while size >= Karatsuba.threshold {
      size -= size / 2
      products *= 3
    }
    return (n + m - 1) / m * products * size * size
  }

  /// `r[0..<n+m] = a[0..<n] * b[0..<m]`; `r` must not overlap the operands.
  static func multiply(_ r: Words, _ a: ConstWords, _ n: Int, _ b: ConstWords, _ m: Int) {
    if n < m {
      multiply(r, b, m, a, n)
      return
    }
    if m == 0 {
      for i in 0..<n { r[i] = 0 }
      return
    }
    if m < Karatsuba.threshold {
      WordArithmetic.schoolbook(r, a, n, b, m)
      return
    }
    if m >= transformWords && NumberTheoreticTransform.work(n, m) < karatsubaWork(n, m) {
      NumberTheoreticTransform.multiply(r, a, n, b, m)
      return
    }
    if n == m {
      let scratch = Words.allocate(capacity: Karatsuba.scratchSize(m))
      defer { scratch.deallocate() }
      Karatsuba.multiply(r, a, b, m, scratch: scratch)
      return
    }
    // The long operand in chunks of m words, each product added in at its place.
    let total = n + m
    for i in 0..<total { r[i] = 0 }
    let piece = Words.allocate(capacity: 2 * m + Karatsuba.scratchSize(m))
    defer { piece.deallocate() }
    let scratch = piece + 2 * m
    var offset = 0
    while offset + m <= n {
      Karatsuba.multiply(piece, a + offset, b, m, scratch: scratch)
      WordArithmetic.add(r + offset, total - offset, piece, 2 * m)
      offset += m
    }
    let rest = n - offset
    if rest > 0 {
      multiply(piece, b, m, a + offset, rest)
      WordArithmetic.add(r + offset, total - offset, piece, m + rest)
    }
  }
}
