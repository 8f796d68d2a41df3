import BigInt
import XCTest

@testable import LFE

/// Binaries and bignums of megabytes: built, matched and converted in time that grows
/// with their length, and sizes past what the runtime may hold refused before anything
/// is allocated.
final class HugeBinaryTests: XCTestCase {
  func testASegmentLargerThanTheRuntimeMayHoldIsASystemLimit() {
    var limits = Limits()
    limits.heapBytes = HeapAccount.bytes + (64 << 20)
    let s = ProcessSession(limits: limits)
    let out = s.eval("(binary (0 (size 80000000000)))")
    XCTAssertTrue(out.hasPrefix("** exception error: a system limit has been reached"), out)
    // A size that would overflow when multiplied by its unit.
    XCTAssertTrue(
      s.eval("(binary (0 (size 4611686018427387904) (unit 8)))").hasPrefix(
        "** exception error: a system limit has been reached"))
    XCTAssertTrue(
      s.eval("(let ((s 'foo)) (binary (0 (size s))))").hasPrefix("** exception error: bad argument"))
    XCTAssertEqual(s.eval("(byte_size (binary (0 (size 8000000))))"), "1000000\n")
  }

  func testMegabitIntegerSegmentsRoundTrip() {
    let s = ProcessSession()
    // Held by a function: `set` would print it.
    s.eval("(defun n () (- (bsl 1 999999) 12345))")
    XCTAssertEqual(
      s.eval("(let (((binary (x (size 1000000))) (binary ((n) (size 1000000))))) (=:= x (n)))"), "true\n")
    XCTAssertEqual(
      s.eval(
        "(let (((binary (x (size 1000000) little)) (binary ((n) (size 1000000) little)))) (=:= x (n)))"),
      "true\n")
    // Negative, signed and not on a byte boundary: 3 + 1005 bits make 126 bytes.
    s.eval("(set m (- 7 (bsl 1 1000)))")
    XCTAssertEqual(
      s.eval(
        "(let (((binary (a (size 3)) (y (size 1005) signed)) (binary (5 (size 3)) (m (size 1005)))))"
          + " (list a (=:= y m)))"),
      "(5 true)\n")
    // The low bits only, as Erlang keeps them.
    XCTAssertEqual(s.eval("(binary (-1 (size 12)) (256 (size 4)))"), "#B(255 240)\n")
    XCTAssertEqual(s.eval("(binary (#x1234 (size 16) little))"), "#B(52 18)\n")
    // Whole bytes, written without a copy: padding, truncation and negatives as Erlang's.
    XCTAssertEqual(
      s.eval(
        "(binary (-1 (size 16)) (5 (size 8)) (-300 (size 24)) (70000 (size 8)) (-70000 (size 40)) (0 (size 0)))"
      ),
      "#B(255 255 5 255 254 212 112 255 255 254 238 144)\n")
  }

  func testMegabyteBignumsGoThroughTheExternalFormat() {
    let s = ProcessSession()
    s.eval("(defun n () (- (bsl 3 20000000) 1))")
    XCTAssertEqual(s.eval("(=:= (n) (binary_to_term (term_to_binary (n))))"), "true\n")
    XCTAssertEqual(s.eval("(=:= (- (n)) (binary_to_term (term_to_binary (- (n)))))"), "true\n")
    XCTAssertEqual(s.eval("(byte_size (term_to_binary (n)))"), "2500008\n")
  }

  func testBytesAndMagnitudesAgree() {
    for bytes: [UInt8] in [[], [1], [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 1], Array(1...40)] {
      let m = BigIntBytes.magnitude(littleEndian: bytes)
      var expected = BigUInt(0)
      for b in bytes.reversed() { expected = expected << 8 | BigUInt(b) }
      XCTAssertEqual(m, expected)
      XCTAssertEqual(BigIntBytes.littleEndian(m), Array(bytes.reversed().drop { $0 == 0 }.reversed()))
      XCTAssertEqual(BigIntBytes.magnitude(bigEndian: BigIntBytes.bigEndian(m)), m)
    }
  }
}
