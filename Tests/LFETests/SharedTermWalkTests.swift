import XCTest

@testable import LFE

/// Terms whose parts are shared stand for far more elements than memory holds: walks
/// over them end at a bound instead of running for ever inside one built-in.
final class SharedTermWalkTests: XCTestCase {
  func testWalksOverASharedIolistStopAtTheirBound() {
    var limits = Limits()
    // A small bound keeps the walks short: the bound follows the heap limit.
    limits.heapBytes = HeapAccount.bytes + (8 << 20)
    let s = ProcessSession(limits: limits)
    // 2^40 bytes in forty cells; a function holds it, as `set` would print it.
    s.eval("(defun y () (lists:foldl (lambda (_ a) (list a a)) '(1) (lists:seq 1 40)))")
    // Caught, so that the report does not print the call's argument.
    for call in ["(iolist_size (y))", "(iolist_to_binary (y))", "(lists:flatten (y))", "(string:length (y))"]
    {
      XCTAssertEqual(
        s.eval("(try \(call) (catch ((tuple class reason _) (tuple class reason))))"),
        "#(error system_limit)\n",
        call)
    }
    // A shared iolist of a sensible size is walked whole.
    XCTAssertEqual(
      s.eval("(iolist_size (lists:foldl (lambda (_ a) (list a a)) '(1) (lists:seq 1 16)))"), "65536\n")
  }
}
