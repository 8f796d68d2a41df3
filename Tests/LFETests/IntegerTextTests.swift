import BigInt
import XCTest

@testable import LFE

/// Huge integers as text: the divide-and-conquer conversion gives BigInt's own digits.
final class IntegerTextTests: XCTestCase {
  func testAgreesWithBigIntAcrossSizesAndRadixes() {
    var x = BigUInt(0x9E37_79B9_7F4A_7C15)
    for bits in [64, 3000, 3100, 6500, 13_000, 40_000] {
      while x.bitWidth < bits { x = x * BigUInt(0x9E37_79B9_7F4A_7C15) + BigUInt(bits) }
      for radix in [2, 7, 10, 16, 36] {
        XCTAssertEqual(
          IntegerText.string(x, radix: radix), String(x, radix: radix, uppercase: true),
          "\(bits) bits, radix \(radix)")
      }
      XCTAssertEqual(IntegerText.string(-BigInt(x)), "-" + String(x))
    }
  }

  func testPowersOfTheRadixKeepTheirZeros() {
    for exponent in [1000, 5000, 20_000] {
      let p = BigUInt(10).power(exponent)
      XCTAssertEqual(IntegerText.string(p), "1" + String(repeating: "0", count: exponent))
      XCTAssertEqual(IntegerText.string(p - 1), String(repeating: "9", count: exponent))
    }
  }

  func testThePrintersUseIt() {
    let s = ProcessSession()
    XCTAssertEqual(s.eval("(length (integer_to_list (bsl 1 100000)))"), "30103\n")
    XCTAssertEqual(
      s.eval(
        "(=:= (integer_to_list (bsl 1 20000)) (lists:flatten (io_lib:format \"~p\" (list (bsl 1 20000)))))"),
      "true\n")
  }
}
