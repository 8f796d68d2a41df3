import BigInt
import XCTest

@testable import LFE

final class ArithmeticTests: XCTestCase {
  private func big(_ s: String) -> Term { Term.integer(BigInt(s)!) }

  private func assertRaises(
    _ reason: Atom, file: StaticString = #filePath, line: UInt = #line, _ body: () throws(Exception) -> Term
  ) {
    do {
      let v = try body()
      XCTFail("expected \(reason), got \(v)", file: file, line: line)
    } catch {
      XCTAssertEqual(error.reason, .atom(reason), file: file, line: line)
    }
  }

  func testAddPromotesAndNormalises() throws {
    XCTAssertEqual(try Arith.add(.int(2), .int(3)), .int(5))
    let sum = try Arith.add(.int(Int.max), .int(1))
    XCTAssertEqual(sum, big("9223372036854775808"))
    guard case .big = sum else { return XCTFail("not a bignum") }
    // Back inside Int's range the result is a fixnum again.
    XCTAssertEqual(try Arith.add(sum, .int(-1)), .int(Int.max))
    guard case .int = try Arith.sub(sum, .int(1)) else { return XCTFail("not normalised") }
    XCTAssertEqual(try Arith.sub(.int(Int.min), .int(1)), big("-9223372036854775809"))
  }

  func testMultiplyBig() throws {
    let p = try Arith.mul(.int(1 << 40), .int(1 << 40))
    XCTAssertEqual(p, big("1208925819614629174706176"))
    XCTAssertEqual(try Arith.mul(p, .int(0)), .int(0))
  }

  func testMixedFloat() throws {
    XCTAssertEqual(try Arith.add(.int(1), .float(0.5)), .float(1.5))
    XCTAssertEqual(try Arith.mul(.float(2), .int(3)), .float(6))
    XCTAssertEqual(try Arith.sub(big("100000000000000000000"), .float(1)), .float(1e20 - 1))
    assertRaises(.badarith) { () throws(Exception) in try Arith.mul(.float(1e308), .int(10)) }
    assertRaises(.badarith) { () throws(Exception) in
      try Arith.add(Term.integer(BigInt(1) << 1024), .float(1))
    }
    assertRaises(.badarith) { () throws(Exception) in try Arith.add(.int(1), .atom(.ok)) }
  }

  func testDivisionRules() throws {
    XCTAssertEqual(try Arith.fdiv(.int(7), .int(2)), .float(3.5))
    XCTAssertEqual(try Arith.fdiv(.int(4), .int(2)), .float(2))
    assertRaises(.badarith) { () throws(Exception) in try Arith.fdiv(.int(1), .int(0)) }
    assertRaises(.badarith) { () throws(Exception) in try Arith.fdiv(.int(1), .float(-0.0)) }
    XCTAssertEqual(try Arith.div(.int(-7), .int(2)), .int(-3))
    XCTAssertEqual(try Arith.div(.int(Int.min), .int(-1)), big("9223372036854775808"))
    XCTAssertEqual(try Arith.div(big("18446744073709551616"), .int(-3)), .int(-6_148_914_691_236_517_205))
    assertRaises(.badarith) { () throws(Exception) in try Arith.div(.int(1), .int(0)) }
    assertRaises(.badarith) { () throws(Exception) in try Arith.div(.float(1), .int(1)) }
  }

  func testRemSigns() throws {
    XCTAssertEqual(try Arith.rem(.int(7), .int(-2)), .int(1))
    XCTAssertEqual(try Arith.rem(.int(-7), .int(2)), .int(-1))
    XCTAssertEqual(try Arith.rem(.int(Int.min), .int(-1)), .int(0))
    XCTAssertEqual(try Arith.rem(big("-18446744073709551616"), .int(7)), .int(-2))
    assertRaises(.badarith) { () throws(Exception) in try Arith.rem(.int(1), .int(0)) }
    assertRaises(.badarith) { () throws(Exception) in try Arith.rem(.float(5), .int(2)) }
  }

  func testShifts() throws {
    XCTAssertEqual(try Arith.bsl(.int(1), .int(100)), big("1267650600228229401496703205376"))
    XCTAssertEqual(try Arith.bsl(.int(1), .int(62)), .int(1 << 62))
    XCTAssertEqual(try Arith.bsl(.int(1), .int(63)), big("9223372036854775808"))
    XCTAssertEqual(try Arith.bsl(.int(1), .int(-1)), .int(0))
    XCTAssertEqual(try Arith.bsr(.int(-5), .int(1)), .int(-3))
    XCTAssertEqual(try Arith.bsr(.int(-1), .int(100)), .int(-1))
    XCTAssertEqual(try Arith.bsr(big("-1180591620717411303424"), .int(3)), big("-147573952589676412928"))
    XCTAssertEqual(try Arith.bsr(big("-1180591620717411303423"), .int(3)), big("-147573952589676412928"))
    XCTAssertEqual(try Arith.bsr(big("1267650600228229401496703205376"), .int(100)), .int(1))
    assertRaises(.systemLimit) { () throws(Exception) in try Arith.bsl(.int(1), .int(1 << 40)) }
    assertRaises(.badarith) { () throws(Exception) in try Arith.bsl(.int(1), .float(1)) }
  }

  func testBitwise() throws {
    XCTAssertEqual(try Arith.band(.int(12), .int(10)), .int(8))
    XCTAssertEqual(try Arith.bor(.int(12), .int(10)), .int(14))
    XCTAssertEqual(try Arith.bxor(.int(12), .int(10)), .int(6))
    XCTAssertEqual(try Arith.bnot(.int(5)), .int(-6))
    let n = big("-12345678901234567890123")
    XCTAssertEqual(try Arith.band(n, big("1208925819614629174706175")), big("1196580140713394606816053"))
    XCTAssertEqual(try Arith.bor(n, big("18205000577726180513222415")), big("-2660992443080167669953"))
    XCTAssertEqual(try Arith.bxor(n, big("-98765432109876543210")), big("12250372798860641974819"))
    XCTAssertEqual(try Arith.bnot(big("18446744073709551616")), big("-18446744073709551617"))
    assertRaises(.badarith) { () throws(Exception) in try Arith.band(.int(1), .atom(.ok)) }
    assertRaises(.badarith) { () throws(Exception) in try Arith.bnot(.float(1)) }
  }

  func testUnary() throws {
    XCTAssertEqual(try Arith.neg(.int(Int.min)), big("9223372036854775808"))
    XCTAssertEqual(try Arith.neg(big("9223372036854775808")), .int(Int.min))
    XCTAssertEqual(try Arith.abs(.int(-3)), .int(3))
    XCTAssertEqual(try Arith.abs(.float(-2.5)), .float(2.5))
    XCTAssertEqual(try Arith.abs(.int(Int.min)), big("9223372036854775808"))
    assertRaises(.badarg) { () throws(Exception) in try Arith.abs(.atom(.ok)) }
    assertRaises(.badarith) { () throws(Exception) in try Arith.neg(.atom(.ok)) }
    assertRaises(.badarith) { () throws(Exception) in try Arith.plus(.empty) }
  }

  func testRounding() throws {
    XCTAssertEqual(try Arith.round(.float(2.5)), .int(3))
    XCTAssertEqual(try Arith.round(.float(-2.5)), .int(-3))
    XCTAssertEqual(try Arith.round(.float(-0.4)), .int(0))
    XCTAssertEqual(try Arith.round(.float(1e20)), big("100000000000000000000"))
    XCTAssertEqual(try Arith.trunc(.float(-2.7)), .int(-2))
    XCTAssertEqual(try Arith.floor(.float(-2.7)), .int(-3))
    XCTAssertEqual(try Arith.ceil(.float(-2.7)), .int(-2))
    XCTAssertEqual(try Arith.round(.int(7)), .int(7))
    assertRaises(.badarg) { () throws(Exception) in try Arith.round(.atom(.ok)) }
  }

  func testFloatConversion() throws {
    XCTAssertEqual(try Arith.float(.int(3)), .float(3))
    XCTAssertEqual(try Arith.float(Term.integer(BigInt(1) << 1023)), .float(0x1p1023))
    assertRaises(.badarg) { () throws(Exception) in try Arith.float(Term.integer(BigInt(1) << 1024)) }
    assertRaises(.badarg) { () throws(Exception) in try Arith.float(.atom(.ok)) }
    // Rounds to nearest, ties to even, beyond 64 bits.
    let justAbove = (BigInt(1) << 100) + (BigInt(1) << 47) + 1
    XCTAssertEqual(Arith.double(justAbove), 0x1p100 + 0x1p48)
    XCTAssertEqual(Arith.double((BigInt(1) << 100) + (BigInt(1) << 47)), 0x1p100)
    XCTAssertEqual(Arith.double(-(BigInt(1) << 70)), -0x1p70)
  }

  func testMinMaxAndCompare() {
    let atoms = AtomTable()
    XCTAssertEqual(Arith.max(.int(1), .float(1), atoms: atoms), .int(1))
    XCTAssertEqual(Arith.max(.float(1), .int(1), atoms: atoms), .float(1))
    XCTAssertEqual(Arith.min(.int(1), .float(1), atoms: atoms), .int(1))
    XCTAssertEqual(Arith.max(.int(3), .atom(.ok), atoms: atoms), .atom(.ok))
    XCTAssertTrue(Arith.less(.int(1), .float(1.5), atoms: atoms))
    XCTAssertTrue(Arith.equal(.int(1), .float(1), atoms: atoms))
    XCTAssertTrue(Arith.lessOrEqual(.int(2), .int(2), atoms: atoms))
  }
}
