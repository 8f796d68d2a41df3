/// Additions, subtractions and the direct product on little-endian buffers of machine
/// words: the pieces the fast multiplications and divisions are built from.
///
/// Everything works on raw pointers with explicit lengths, so the callers can point into
/// one scratch allocation instead of making arrays at every step.
enum WordArithmetic {
  typealias Words = UnsafeMutablePointer<UInt>
  typealias ConstWords = UnsafePointer<UInt>

  /// 1 for true, 0 for false, without a branch: the compiler turns `b ? 1 : 0` into
  /// a jump in some loops, and a carry that goes either way at random is then
  /// mispredicted half the time (Karatsuba ran several times slower on random words).
  @inline(__always) static func bit(_ b: Bool) -> UInt {
    UInt(unsafeBitCast(b, to: UInt8.self))
  }

  /// `r[0..<n] += a[0..<m]` for `m <= n`, the carry running on through `r`; returns the
  /// carry out of `r[n - 1]`.
  @discardableResult
  static func add(_ r: Words, _ n: Int, _ a: ConstWords, _ m: Int) -> UInt {
    var carry: UInt = 0
    var i = 0
    while i < m {
      let (s1, o1) = r[i].addingReportingOverflow(a[i])
      let (s2, o2) = s1.addingReportingOverflow(carry)
      r[i] = s2
      carry = bit(o1) | bit(o2)
      i += 1
    }
    while carry != 0 && i < n {
      let (s, o) = r[i].addingReportingOverflow(1)
      r[i] = s
      carry = bit(o)
      i += 1
    }
    return carry
  }

  /// `r[0..<n] -= a[0..<m]` for `m <= n`; returns the borrow out of `r[n - 1]`.
  @discardableResult
  static func subtract(_ r: Words, _ n: Int, _ a: ConstWords, _ m: Int) -> UInt {
    var borrow: UInt = 0
    var i = 0
    while i < m {
      let (d1, o1) = r[i].subtractingReportingOverflow(a[i])
      let (d2, o2) = d1.subtractingReportingOverflow(borrow)
      r[i] = d2
      borrow = bit(o1) | bit(o2)
      i += 1
    }
    while borrow != 0 && i < n {
      let (d, o) = r[i].subtractingReportingOverflow(1)
      r[i] = d
      borrow = bit(o)
      i += 1
    }
    return borrow
  }

  /// `r[0..<n] = |a[0..<n] - b[0..<m]|` for `m <= n`; true when `a < b`.
  static func absoluteDifference(_ r: Words, _ a: ConstWords, _ n: Int, _ b: ConstWords, _ m: Int) -> Bool {
    let less = compare(a, n, b, m) < 0
    if less {
      // b - a, with b shorter than the buffer: copy b, pad, subtract a.
      for i in 0..<m { r[i] = b[i] }
      for i in m..<n { r[i] = 0 }
      subtract(r, n, a, n)
    } else {
      for i in 0..<n { r[i] = a[i] }
      subtract(r, n, b, m)
    }
    return less
  }

  /// -1, 0 or 1 as `a[0..<n]` is below, equal to or above `b[0..<m]`.
  static func compare(_ a: ConstWords, _ n: Int, _ b: ConstWords, _ m: Int) -> Int {
    var n = n
    var m = m
    while n > 0 && a[n - 1] == 0 { n -= 1 }
    while m > 0 && b[m - 1] == 0 { m -= 1 }
    if n != m { return n < m ? -1 : 1 }
    var i = n - 1
    while i >= 0 {
      if a[i] != b[i] { return a[i] < b[i] ? -1 : 1 }
      i -= 1
    }
    return 0
  }

  /// `r[0..<n] += a[0..<n] * w`; returns the word carried out.
  @inline(__always)
  static func multiplyAdd(_ r: Words, _ a: ConstWords, _ n: Int, _ w: UInt) -> UInt {
    var carry: UInt = 0
    for i in 0..<n {
      let (hi, lo) = a[i].multipliedFullWidth(by: w)
      let (s1, o1) = lo.addingReportingOverflow(r[i])
      let (s2, o2) = s1.addingReportingOverflow(carry)
      r[i] = s2
      // hi is at most 2^64 - 2, so two carries still fit.
      carry = hi &+ bit(o1) &+ bit(o2)
    }
    return carry
  }

  /// `r[0..<n+m] = a[0..<n] * b[0..<m]`, word by word; `r` must not overlap `a` or `b`.
  static func schoolbook(_ r: Words, _ a: ConstWords, _ n: Int, _ b: ConstWords, _ m: Int) {
    for i in 0..<(n + m) { r[i] = 0 }
    // The longer operand in the inner loop keeps the loop overhead low.
    if n >= m {
      for j in 0..<m { r[n + j] = multiplyAdd(r + j, a, n, b[j]) }
    } else {
      for i in 0..<n { r[m + i] = multiplyAdd(r + i, b, m, a[i]) }
    }
  }
}
