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

  /// Digit values of BigInt's own text, for `IntegerText.value`.
  static func digitValues(_ text: String) -> [UInt8] {
    text.unicodeScalars.map { IntegerText.digitValue($0.value)! }
  }

  func testRoundTripsInEveryRadix() {
    var g = BigMultiplicationTests.Words(state: 7)
    let x = g.number(150)
    // Powers of the radix and their neighbours have long runs of zeros (or of the top
    // digit) inside, which every half must keep. About 9,000 bits: a few halvings.
    for radix in 2...36 {
      let r = BigUInt(radix)
      let k = 9000 / (BigUInt(radix).bitWidth)
      var values = [x, r.power(k), r.power(k) - 1, r.power(k) + 1, BigUInt(1) << 9000]
      values.append(r.power(k / 2) * x + 7)
      for v in values {
        let text = IntegerText.string(v, radix: radix)
        XCTAssertEqual(text, String(v, radix: radix, uppercase: true), "radix \(radix)")
        XCTAssertEqual(IntegerText.value(digits: Self.digitValues(text), radix: radix), v, "radix \(radix)")
        let lower = IntegerText.string(v, radix: radix, uppercase: false)
        XCTAssertEqual(lower, text.lowercased())
      }
    }
  }

  func testReadingLongTextAgreesWithBigInt() {
    var g = BigMultiplicationTests.Words(state: 8)
    for words in [1, 47, 48, 49, 100, 700] {
      let v = g.number(words)
      let text = String(v)
      XCTAssertEqual(IntegerText.value(digits: Self.digitValues(text), radix: 10), v, "\(words) words")
      // Leading zeros change nothing.
      let padded = String(repeating: "0", count: 1000) + text
      XCTAssertEqual(
        IntegerText.value(digits: Self.digitValues(padded), radix: 10), v, "\(words) words, padded")
      let term = TermConversion.parseInteger(("-" + text).unicodeScalars.map { $0.value })
      XCTAssertEqual(term?.bigValue, -BigInt(v))
    }
    XCTAssertEqual(IntegerText.value(digits: [], radix: 10), 0)
    XCTAssertNil(
      TermConversion.parseInteger(
        Array((String(repeating: "1", count: 500) + "2").unicodeScalars.map { $0.value }), radix: 2))
  }

  func testTheReaderAndTheBIFsReadHugeIntegers() {
    let s = ProcessSession()
    let ten = "1" + String(repeating: "0", count: 5000)
    XCTAssertEqual(s.eval("(=:= \(ten) (list_to_integer \"\(ten)\"))"), "true\n")
    XCTAssertEqual(s.eval("(- \(ten) (* (div \(ten) 1000) 1000))"), "0\n")
    XCTAssertEqual(s.eval("(=:= #x\(String(repeating: "F", count: 3000)) (- (bsl 1 12000) 1))"), "true\n")
    XCTAssertEqual(s.eval("(=:= (binary_to_integer #\"-\(ten)\") (- \(ten)))"), "true\n")
    XCTAssertEqual(
      s.eval("(let ((x (bsl 1 100000))) (=:= x (list_to_integer (integer_to_list x 36) 36)))"), "true\n")
    XCTAssertEqual(
      s.eval("(let ((x (- (bsl 1 100000) 1))) (=:= x (binary_to_integer (integer_to_binary x 7) 7)))"),
      "true\n")
  }

  func testAHugeQuotientAndRemainderInLFE() {
    let s = ProcessSession()
    s.eval("(set x (- (bsl 1 300000) 12345))")
    s.eval("(set d (+ (bsl 1 150000) 98765))")
    XCTAssertEqual(s.eval("(=:= x (+ (* (div x d) d) (rem x d)))"), "true\n")
    XCTAssertEqual(s.eval("(< (rem x d) d)"), "true\n")
    XCTAssertEqual(s.eval("(=:= (div (- x) d) (- (div x d)))"), "true\n")
    XCTAssertEqual(s.eval("(=:= (rem (- x) d) (- (rem x d)))"), "true\n")
  }
}
