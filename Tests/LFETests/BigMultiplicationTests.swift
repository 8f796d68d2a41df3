import BigInt
import XCTest

@testable import LFE

/// The fast products and quotients of big magnitudes give BigInt's own results, for
/// every algorithm and the sizes where they meet.
final class BigMultiplicationTests: XCTestCase {
  /// A fixed sequence of pseudo-random words (SplitMix64), so failures repeat.
  struct Words {
    var state: UInt64
    mutating func next() -> UInt {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return UInt(z ^ (z >> 31))
    }

    /// `count` words, the top one non-zero; some runs of all-ones and zero words so
    /// that carries and borrows travel far.
    mutating func number(_ count: Int) -> BigUInt {
      var w = (0..<count).map { _ in next() }
      let style = next() % 4
      if style == 1 { for i in 0..<count where i % 3 != 0 { w[i] = UInt.max } }
      if style == 2 { for i in 0..<(count / 2) { w[i] = 0 } }
      w[count - 1] |= 1 << 63
      return BigUInt(words: w)
    }
  }

  static func allOnes(_ count: Int) -> BigUInt { BigUInt(words: [UInt](repeating: .max, count: count)) }

  /// Runs `body` on word buffers of `a` and `b` and a result buffer, returns the result.
  static func run(
    _ a: BigUInt, _ b: BigUInt,
    _ body: (UnsafeMutablePointer<UInt>, UnsafePointer<UInt>, Int, UnsafePointer<UInt>, Int) -> Void
  ) -> BigUInt {
    let x = Array(a.words)
    let y = Array(b.words)
    var r = [UInt](repeating: 0xDEAD, count: x.count + y.count)
    x.withUnsafeBufferPointer { xp in
      y.withUnsafeBufferPointer { yp in
        r.withUnsafeMutableBufferPointer { rp in
          body(rp.baseAddress!, xp.baseAddress!, x.count, yp.baseAddress!, y.count)
        }
      }
    }
    return BigUInt(words: r)
  }

  /// BigInt's own product where it is quick enough for a debug build; beyond, the
  /// product by Karatsuba's chunks against the transform's, and both against residues
  /// modulo a few primes.
  static func check(
    _ a: BigUInt, _ b: BigUInt, _ what: String, file: StaticString = #filePath, line: UInt = #line
  ) {
    let p = BigMultiplication.product(a, b)
    if min(a.words.count, b.words.count) <= 3000 && max(a.words.count, b.words.count) <= 5000 {
      XCTAssertEqual(p, a * b, what, file: file, line: line)
      return
    }
    let byKaratsuba = run(a, b) { r, x, n, y, m in
      if n >= m { chunked(r, x, n, y, m) } else { chunked(r, y, m, x, n) }
    }
    XCTAssertEqual(p, byKaratsuba, what + " (transform against Karatsuba)", file: file, line: line)
    for q: BigUInt in [0xFFFF_FFFF_FFFF_FFC5, 0x7FFF_FFFF_FFFF_FFE7, 1_000_000_007] {
      XCTAssertEqual(p % q, (a % q) * (b % q) % q, what + " (modulo \(q))", file: file, line: line)
    }
  }

  /// The long operand in m-word chunks, each by Karatsuba's product: no transform.
  static func chunked(
    _ r: UnsafeMutablePointer<UInt>, _ a: UnsafePointer<UInt>, _ n: Int, _ b: UnsafePointer<UInt>, _ m: Int
  ) {
    for i in 0..<(n + m) { r[i] = 0 }
    let piece = UnsafeMutablePointer<UInt>.allocate(capacity: 2 * m + Karatsuba.scratchSize(m))
    defer { piece.deallocate() }
    var offset = 0
    while offset < n {
      let count = min(m, n - offset)
      if count == m {
        Karatsuba.multiply(piece, a + offset, b, m, scratch: piece + 2 * m)
      } else {
        WordArithmetic.schoolbook(piece, b, m, a + offset, count)
      }
      WordArithmetic.add(r + offset, n + m - offset, piece, m + count)
      offset += count
    }
  }

  func testProductsAgreeAcrossSizes() {
    var g = Words(state: 1)
    let sizes = [
      1, 2, 3, 7, 23, 24, 31, 32, 33, 47, 64, 65, 100, 257, 1000, 1499, 1500, 1501, 3000, 8191, 20_000,
    ]
    for n in sizes {
      let a = g.number(n)
      let b = g.number(n)
      Self.check(a, b, "\(n) x \(n) words")
      XCTAssertEqual(BigMultiplication.square(a), BigMultiplication.product(a, a), "\(n) words squared")
      let ones = Self.allOnes(n)
      Self.check(ones, ones, "\(n) all-ones words")
      XCTAssertEqual(BigMultiplication.square(ones), BigMultiplication.product(ones, ones))
    }
    // Squares checked against BigInt where it is quick.
    for n in [40, 1600, 2500] {
      let a = g.number(n)
      XCTAssertEqual(BigMultiplication.square(a), a * a, "\(n) words squared")
    }
  }

  func testUnbalancedProductsAgree() {
    var g = Words(state: 2)
    let pairs = [
      (100, 1), (100, 31), (100, 33), (1000, 40), (1000, 999), (3000, 64), (5000, 1499), (5000, 1700),
      (20_000, 33), (20_000, 1500), (20_000, 7000), (9000, 4500), (1501, 1500),
    ]
    for (n, m) in pairs {
      let a = g.number(n)
      let b = g.number(m)
      Self.check(a, b, "\(n) x \(m) words")
      XCTAssertEqual(BigMultiplication.product(b, a), BigMultiplication.product(a, b), "\(m) x \(n) words")
      Self.check(Self.allOnes(n), b, "\(n) all-ones x \(m) words")
    }
  }

  func testEachAlgorithmOnItsOwn() {
    var g = Words(state: 3)
    for n in [2, 5, 31, 32, 33, 64, 99, 200, 513] {
      let a = g.number(n)
      let b = g.number(n)
      let expected = a * b
      let karatsuba = Self.run(a, b) { r, x, n, y, _ in
        let scratch = UnsafeMutablePointer<UInt>.allocate(capacity: Karatsuba.scratchSize(n))
        defer { scratch.deallocate() }
        Karatsuba.multiply(r, x, y, n, scratch: scratch)
      }
      XCTAssertEqual(karatsuba, expected, "Karatsuba, \(n) words")
      let transform = Self.run(a, b) { r, x, n, y, m in NumberTheoreticTransform.multiply(r, x, n, y, m) }
      XCTAssertEqual(transform, expected, "transform, \(n) words")
      let direct = Self.run(a, b) { r, x, n, y, m in WordArithmetic.schoolbook(r, x, n, y, m) }
      XCTAssertEqual(direct, expected, "schoolbook, \(n) words")
    }
    // The transform's chunks: a long operand against a short one.
    for (n, m) in [(300, 1), (300, 2), (1000, 7), (2000, 100)] {
      let a = g.number(n)
      let b = g.number(m)
      let transform = Self.run(a, b) { r, x, n, y, m in NumberTheoreticTransform.multiply(r, x, n, y, m) }
      XCTAssertEqual(transform, a * b, "transform, \(n) x \(m) words")
    }
  }

  func testTheTransformsRootsHaveTheirOrder() {
    let p = NumberTheoreticTransform.p
    for log in [1, 10, 20, 32] {
      let w = NumberTheoreticTransform.power(NumberTheoreticTransform.generator, (p - 1) >> UInt64(log))
      XCTAssertEqual(NumberTheoreticTransform.power(w, 1 << UInt64(log - 1)), p - 1, "order 2^\(log)")
    }
    XCTAssertEqual(NumberTheoreticTransform.multiply(p - 1, p - 1), 1)
    XCTAssertEqual(NumberTheoreticTransform.add(p - 1, p - 1), p - 2)
    XCTAssertEqual(NumberTheoreticTransform.subtract(0, 1), p - 1)
  }

  /// BigInt's own division where it is quick enough for a debug build; at every size,
  /// `a = q * b + r` with `r < b`, which only the true quotient and remainder satisfy.
  static func checkDivision(
    _ a: BigUInt, _ b: BigUInt, _ what: String, file: StaticString = #filePath, line: UInt = #line
  ) {
    let (q, r) = BigDivision.quotientAndRemainder(a, b)
    XCTAssertLessThan(r, b, what, file: file, line: line)
    XCTAssertEqual(BigMultiplication.product(q, b) + r, a, what, file: file, line: line)
    if a.words.count <= 3000 {
      let (eq, er) = a.quotientAndRemainder(dividingBy: b)
      XCTAssertEqual(q, eq, what, file: file, line: line)
      XCTAssertEqual(r, er, what, file: file, line: line)
    }
  }

  func testQuotientsAgree() {
    var g = Words(state: 4)
    let pairs = [
      (10, 3), (200, 100), (200, 64), (400, 70), (1000, 300), (3000, 70), (3000, 1500), (5000, 2500),
      (20_000, 10_000), (20_000, 3000), (6000, 200),
    ]
    for (n, m) in pairs {
      let a = g.number(n)
      let b = g.number(m)
      Self.checkDivision(a, b, "\(n) / \(m) words")
      // Exact multiples and one below them: the estimates' corrections both ways.
      let q = BigDivision.quotientAndRemainder(a, b).quotient
      let exact = BigMultiplication.product(b, q)
      XCTAssertEqual(BigDivision.quotientAndRemainder(exact, b).quotient, q, "\(n) / \(m) exact")
      let below = BigDivision.quotientAndRemainder(exact - 1, b)
      XCTAssertEqual(below.quotient, q - 1, "\(n) / \(m) just below")
      XCTAssertEqual(below.remainder, b - 1, "\(n) / \(m) just below")
      // A divisor of all ones and a power of two.
      Self.checkDivision(a, Self.allOnes(m), "\(n) / ones(\(m))")
      let two = BigUInt(1) << (64 * m - 1)
      XCTAssertEqual(
        BigDivision.quotientAndRemainder(a, two).remainder, a & (two - 1), "\(n) % 2^\(64 * m - 1)")
      XCTAssertEqual(
        BigDivision.quotientAndRemainder(a, two).quotient, a >> (64 * m - 1), "\(n) / 2^\(64 * m - 1)")
    }
  }

  func testTheReciprocalIsCloseToExact() {
    var g = Words(state: 5)
    for m in [65, 100, 1000, 2000] {
      let d = g.number(m)
      let s = d.bitWidth
      let exact = (BigUInt(1) << (2 * s)) / d
      let r = BigDivision.reciprocal(d, bits: s)
      let off = r > exact ? r - exact : exact - r
      XCTAssertLessThan(off, 16, "\(m) words")
    }
  }

  func testIntegerDivisionAndRemainderKeepErlangsSigns() throws {
    var g = Words(state: 6)
    let a = BigInt(g.number(300))
    let b = BigInt(g.number(120))
    for (x, y) in [(a, b), (-a, b), (a, -b), (-a, -b)] {
      let q = try Arith.div(Term.integer(x), Term.integer(y))
      let r = try Arith.rem(Term.integer(x), Term.integer(y))
      XCTAssertEqual(q.bigValue, x / y)
      XCTAssertEqual(r.bigValue, x % y)
    }
    let p = try Arith.mul(Term.integer(-a), Term.integer(b))
    XCTAssertEqual(p.bigValue, -a * b)
  }
}

/// Long bignum work counts reductions, so the step's limit stops a loop of huge products.
final class BigWorkReductionTests: XCTestCase {
  func testALoopOfHugeProductsStopsAtTheReductionLimit() {
    var limits = Limits()
    limits.reductionsPerStep = 2_000_000
    let s = ProcessSession(limits: limits)
    s.eval("(defun squares (x n) (if (== n 0) 'done (progn (* x x) (squares x (- n 1)))))")
    // A few calls a square, as the VM counts them: 300 of them stay far below the limit
    // as calls, but each square of 60,000 words is far more work than 2,000,000 / 300 calls.
    XCTAssertEqual(s.eval("(squares 3 300)"), "done\n")
    let out = s.eval("(squares (bsl 1 3840000) 300)")
    XCTAssertTrue(out.hasPrefix("** evaluation stopped: it ran more than 2000000 reductions"), out)
    XCTAssertEqual(s.eval("(+ 1 2)"), "3\n")
  }

  func testNativesChargeTheirWork() {
    var limits = Limits()
    limits.reductionsPerStep = 2_000_000
    let s = ProcessSession(limits: limits)
    // About 500,000 reductions a square of 20,000 words.
    s.eval("(set x (bsl 1 1280000))")
    let products = s.eval("(lists:foreach (lambda (_) (erlang:* x x)) (lists:seq 1 300))")
    XCTAssertTrue(products.hasPrefix("** evaluation stopped: it ran more than 2000000 reductions"), products)
    // About 450,000 reductions a conversion of 3,125 words.
    s.eval("(set x (bsl 1 200000))")
    let texts = s.eval("(lists:foreach (lambda (_) (integer_to_list x)) (lists:seq 1 300))")
    XCTAssertTrue(texts.hasPrefix("** evaluation stopped: it ran more than 2000000 reductions"), texts)
  }

  func testTheCostGrowsWithTheOperands() {
    let small = Term.integer(BigInt(1) << 100)
    let big = Term.integer(BigInt(1) << 1_000_000)
    XCTAssertEqual(BigWork.product(.int(3), .int(4)), 0)
    XCTAssertGreaterThanOrEqual(BigWork.product(small, small), 1)
    XCTAssertGreaterThan(BigWork.product(big, big), 100 * BigWork.product(small, small))
    XCTAssertGreaterThan(BigWork.division(big, small), BigWork.linear(big, small))
    XCTAssertGreaterThan(BigWork.text(words: 100_000), BigWork.text(words: 1000))
  }
}
