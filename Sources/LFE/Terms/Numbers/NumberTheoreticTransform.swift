/// Products of huge word buffers by a number-theoretic transform modulo the prime
/// p = 2^64 - 2^32 + 1, whose multiplicative group has elements of order 2^32.
///
/// The operands are cut into pieces of `bits` bits, small enough that every
/// coefficient of the product of the two piece sequences stays below p; the cyclic
/// convolution of the pieces is then exact, and the product is the sum of its
/// coefficients shifted into place. The cost grows like n log n. A long operand
/// against a short one goes in chunks of the short one's transform length, the short
/// one transformed once.
///
/// Forward transforms leave their output in bit-reversed order and the inverse takes it
/// so, which spares the reordering pass. Passes over blocks that fit the cache are done
/// block by block.
enum NumberTheoreticTransform {
  typealias Words = UnsafeMutablePointer<UInt>
  typealias ConstWords = UnsafePointer<UInt>
  typealias Elements = UnsafeMutablePointer<UInt64>

  static let p: UInt64 = 0xFFFF_FFFF_0000_0001
  /// A generator of the multiplicative group modulo p.
  static let generator: UInt64 = 7
  /// Elements in a block whose remaining passes run before the next block's (64 KB).
  static let blockElements = 1 << 13

  // MARK: Arithmetic modulo p (values kept below p)

  @inline(__always) static func add(_ a: UInt64, _ b: UInt64) -> UInt64 {
    let (s, o) = a.addingReportingOverflow(b)
    // 2^64 = 2^32 - 1 modulo p.
    if o { return s &+ 0xFFFF_FFFF }
    return s >= p ? s &- p : s
  }

  @inline(__always) static func subtract(_ a: UInt64, _ b: UInt64) -> UInt64 {
    let (d, o) = a.subtractingReportingOverflow(b)
    return o ? d &- 0xFFFF_FFFF : d
  }

  @inline(__always) static func multiply(_ a: UInt64, _ b: UInt64) -> UInt64 {
    let (hi, lo) = a.multipliedFullWidth(by: b)
    // hi * 2^64 + lo with 2^64 = 2^32 - 1 and 2^96 = -1 modulo p.
    let hiHigh = hi >> 32
    let hiLow = hi & 0xFFFF_FFFF
    var (t, borrow) = lo.subtractingReportingOverflow(hiHigh)
    if borrow { t = t &- 0xFFFF_FFFF }
    let u = (hiLow << 32) &- hiLow
    var (r, o) = t.addingReportingOverflow(u)
    if o { r = r &+ 0xFFFF_FFFF }
    return r >= p ? r &- p : r
  }

  static func power(_ base: UInt64, _ exponent: UInt64) -> UInt64 {
    var result: UInt64 = 1
    var b = base
    var e = exponent
    while e > 0 {
      if e & 1 == 1 { result = multiply(result, b) }
      b = multiply(b, b)
      e >>= 1
    }
    return result
  }

  // MARK: Planning

  /// The piece width and transform length for a product of an `n`-word operand by an
  /// `m`-word one (`n >= m`): the widest pieces whose convolution stays exact, and the
  /// length a chunk of the long operand is multiplied in.
  struct Plan {
    let bits: Int
    let length: Int
    /// Pieces of the long operand per chunk.
    let chunkPieces: Int
    let shortPieces: Int
    let longPieces: Int
  }

  static func plan(long n: Int, short m: Int) -> Plan {
    var bits = 25
    while bits > 8 {
      let pieces = (64 * m + bits - 1) / bits
      let largest = UInt64(1) << UInt64(2 * bits)
      let (bound, overflow) = UInt64(pieces).multipliedReportingOverflow(by: largest)
      if !overflow && bound < p { break }
      bits -= 1
    }
    let shortPieces = (64 * m + bits - 1) / bits
    let longPieces = (64 * n + bits - 1) / bits
    let whole = lengthFor(longPieces + shortPieces - 1)
    let chunked = lengthFor(2 * shortPieces)
    let length = min(whole, chunked)
    return Plan(
      bits: bits, length: length, chunkPieces: length - shortPieces + 1, shortPieces: shortPieces,
      longPieces: longPieces)
  }

  /// About the nanoseconds of an n by m product (n >= m), in `BigMultiplication.work`'s
  /// units: each transform costs about 1.2 length log2(length) (measured, x86_64).
  static func work(_ n: Int, _ m: Int) -> Int {
    let plan = plan(long: n, short: m)
    let chunks = (plan.longPieces + plan.chunkPieces - 1) / plan.chunkPieces
    var log = 0
    while 1 << log < plan.length { log += 1 }
    return (1 + 2 * chunks) * plan.length * log * 6 / 5
  }

  static func lengthFor(_ count: Int) -> Int {
    var l = 1
    while l < count { l <<= 1 }
    return l
  }

  // MARK: Product

  /// `r[0..<n+m] = a[0..<n] * b[0..<m]` for `n >= m >= 1`.
  static func multiply(_ r: Words, _ a: ConstWords, _ n: Int, _ b: ConstWords, _ m: Int) {
    let plan = plan(long: n, short: m)
    let length = plan.length
    let total = n + m
    for i in 0..<total { r[i] = 0 }
    let x = Elements.allocate(capacity: length)
    let y = Elements.allocate(capacity: length)
    defer {
      x.deallocate()
      y.deallocate()
    }
    let (forwardRoots, inverseRoots) = roots(length)
    defer {
      forwardRoots.deallocate()
      inverseRoots.deallocate()
    }
    // The short operand, transformed once and scaled by 1/length for the inverse.
    let squaring = a == b && n == m && plan.chunkPieces >= plan.longPieces
    load(y, length, from: b, m, firstPiece: 0, count: plan.shortPieces, bits: plan.bits)
    forward(y, length, forwardRoots)
    let scale = power(UInt64(length), p - 2)
    for i in 0..<length { y[i] = multiply(y[i], scale) }
    var first = 0
    while first < plan.longPieces {
      let count = min(plan.chunkPieces, plan.longPieces - first)
      if squaring {
        // y carries 1/length once; its square carries it twice.
        let unscale = UInt64(length)
        for i in 0..<length { x[i] = multiply(multiply(y[i], y[i]), unscale) }
      } else {
        load(x, length, from: a, n, firstPiece: first, count: count, bits: plan.bits)
        forward(x, length, forwardRoots)
        for i in 0..<length { x[i] = multiply(x[i], y[i]) }
      }
      inverse(x, length, inverseRoots)
      store(x, count + plan.shortPieces - 1, into: r, total, firstPiece: first, bits: plan.bits)
      first += count
    }
  }

  /// `x[0..<length]` = pieces `firstPiece..<firstPiece+count` of `a[0..<n]`, then zeros.
  static func load(
    _ x: Elements, _ length: Int, from a: ConstWords, _ n: Int, firstPiece: Int, count: Int, bits: Int
  ) {
    let mask = (UInt(1) << UInt(bits)) - 1
    var bit = firstPiece * bits
    for i in 0..<count {
      let q = bit >> 6
      let s = bit & 63
      var v: UInt = 0
      if q < n {
        v = a[q] &>> UInt(s)
        if s + bits > 64 && q + 1 < n { v |= a[q + 1] &<< UInt(64 - s) }
      }
      x[i] = UInt64(v & mask)
      bit += bits
    }
    for i in count..<length { x[i] = 0 }
  }

  /// Adds coefficient k of `x[0..<count]` at bit `(firstPiece + k) * bits` of `r[0..<total]`.
  static func store(_ x: Elements, _ count: Int, into r: Words, _ total: Int, firstPiece: Int, bits: Int) {
    var bit = firstPiece * bits
    for k in 0..<count {
      let c = UInt(x[k])
      let q = bit >> 6
      let s = bit & 63
      bit += bits
      if c == 0 || q >= total { continue }
      let low = c &<< UInt(s)
      // At most 2^63 - 1: adding a carry cannot overflow.
      let high = s == 0 ? 0 : c &>> UInt(64 - s)
      let (sum, o) = r[q].addingReportingOverflow(low)
      r[q] = sum
      var carry = high &+ (o ? 1 : 0)
      var i = q + 1
      while carry != 0 && i < total {
        let (t, o2) = r[i].addingReportingOverflow(carry)
        r[i] = t
        carry = o2 ? 1 : 0
        i += 1
      }
    }
  }

  // MARK: Transforms

  /// Tables of powers of a root of unity of order `length` and of its inverse: entry
  /// `h + j` is w_{2h}^j for each pass's half-length h, so a pass reads its own
  /// stretch in order.
  static func roots(_ length: Int) -> (Elements, Elements) {
    let f = Elements.allocate(capacity: max(length, 2))
    let g = Elements.allocate(capacity: max(length, 2))
    f[0] = 1
    g[0] = 1
    let half = length / 2
    if half >= 1 {
      let w = power(generator, (p - 1) / UInt64(length))
      let wi = power(w, p - 2)
      var a: UInt64 = 1
      var b: UInt64 = 1
      for j in 0..<half {
        f[half + j] = a
        g[half + j] = b
        a = multiply(a, w)
        b = multiply(b, wi)
      }
      var h = half / 2
      while h >= 1 {
        for j in 0..<h {
          f[h + j] = f[2 * h + 2 * j]
          g[h + j] = g[2 * h + 2 * j]
        }
        h /= 2
      }
    }
    return (f, g)
  }

  /// Decimation in frequency: natural order in, bit-reversed order out.
  static func forward(_ x: Elements, _ length: Int, _ w: Elements) {
    var h = length / 2
    while h >= 1 && 2 * h > blockElements {
      forwardPass(x, length, h, w)
      h /= 2
    }
    if h < 1 { return }
    let block = 2 * h
    var start = 0
    while start < length {
      var hh = h
      while hh >= 1 {
        forwardPass(x + start, block, hh, w)
        hh /= 2
      }
      start += block
    }
  }

  /// Decimation in time: bit-reversed order in, natural order out (unscaled).
  static func inverse(_ x: Elements, _ length: Int, _ w: Elements) {
    let block = min(length, blockElements)
    if block >= 2 {
      var start = 0
      while start < length {
        var h = 1
        while 2 * h <= block {
          inversePass(x + start, block, h, w)
          h *= 2
        }
        start += block
      }
    }
    var h = block
    while 2 * h <= length {
      inversePass(x, length, h, w)
      h *= 2
    }
  }

  @inline(__always)
  static func forwardPass(_ x: Elements, _ length: Int, _ h: Int, _ w: Elements) {
    let t = w + h
    var start = 0
    while start < length {
      let lo = x + start
      let hi = lo + h
      for j in 0..<h {
        let u = lo[j]
        let v = hi[j]
        lo[j] = add(u, v)
        hi[j] = multiply(subtract(u, v), t[j])
      }
      start += 2 * h
    }
  }

  @inline(__always)
  static func inversePass(_ x: Elements, _ length: Int, _ h: Int, _ w: Elements) {
    let t = w + h
    var start = 0
    while start < length {
      let lo = x + start
      let hi = lo + h
      for j in 0..<h {
        let u = lo[j]
        let v = multiply(hi[j], t[j])
        lo[j] = add(u, v)
        hi[j] = subtract(u, v)
      }
      start += 2 * h
    }
  }
}
