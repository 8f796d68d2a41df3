import XCTest

@testable import LFE

/// erlang:phash/2 decides where dict and sets put each entry, so it must give Erlang's
/// numbers; these were printed by Erlang/OTP 25.
final class OldHashTests: XCTestCase {
  func testPhashGivesErlangsNumbers() {
    let shell = Shell(runtime: Runtime(clock: .virtual))
    let terms =
      "(list 'abc () 1 -7 5000000000 1.5 \"hello\" (cons 'a (cons \"b\" 'c)) #(a 1) #\"bin\" #() (list_to_atom (list 104 233)))"
    XCTAssertEqual(
      shell.evaluate(source: "(lists:map (lambda (t) (erlang:phash t 4294967296)) \(terms))"),
      "(26500 2 2788898428 3171362292 4190563879 1073217537 2340352116\n 125913004 3187717805 528343459 1 1898)\n"
    )
    XCTAssertEqual(shell.evaluate(source: "(erlang:phash 'abc 16)"), "4\n")
    // Integers too big for a machine word hash by their digits.
    XCTAssertEqual(
      shell.evaluate(
        source:
          "(list (erlang:phash 1180591620717411303424 4294967296) (erlang:phash -1180591620717411303424 4294967296) (erlang:phash 576460752303423488 4294967296))"
      ),
      "(2395840193 157674817 2147483673)\n")
  }

  func testABadRangeIsBadarg() {
    let shell = Shell(runtime: Runtime(clock: .virtual))
    XCTAssertTrue(shell.evaluate(source: "(erlang:phash 'a -1)").contains("bad argument"))
  }
}
